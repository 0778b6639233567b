"""The paper's three trends, measured: input overlap, reuse count and depth.

- overlap: success on the input-overlap task [8-o, 2, m] (m = 16) as the
  shared inputs o grow from 0 to 4 (the paper: success falls);
- reuse: success on the reused sub-function task [4, 1, 2, m] as the reuse
  count m grows (the paper: success rises);
- depth: the hierarchy-depth task [8, 2, 1, 2, 4] on 2, 3 and 4 hidden layers
  (the paper: the hierarchy found depends on depth; densities 0.94 %, 0.52 %,
  0.4 %).

A reduced protocol by default (one width, a coarse grid), stated in every
plot's title. Plots go to ``--figures-dir`` as ``results_<trend>.png``
(``benchmarks/results/trends`` by default; the results page's figures of the
same names come from :mod:`benchmarks.paper.results_figures`).

Run: ``python -m benchmarks.paper.trends --n-jobs 2``
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt

from ..common.cli import add_execution_options, add_grid_options
from ..common.facts import PAPER_SEEDS
from ..common.grid import Grid
from ..common.selection import SELECTION_RULES
from .protocol import make_trials
from .report import markdown_table, summarise
from .runner import run_protocol


@dataclass(frozen=True)
class Trend:
    """One trend: the tasks and depths it runs, and what varies along its x axis.

    Attributes
    ----------
    tasks : tuple of str
        Task specifications.
    depths : tuple of int
        Hidden layers.
    x_label : str
    x_of : callable
        Maps a result's ``trial`` dict to its x value.
    """

    tasks: tuple
    depths: tuple
    x_label: str
    x_of: object


def _argument(name):
    return lambda trial: int(trial["task"].split(f"{name}=")[1].split(",")[0])


TRENDS = {
    "overlap": Trend(
        tuple(f"overlap:overlap={o},m=16" for o in range(5)), (2,), "input overlap o", _argument("overlap")
    ),
    "reuse": Trend(tuple(f"reused:m={m}" for m in (2, 4, 8, 12, 16)), (2,), "reuse count m", _argument("m")),
    "depth": Trend(("depth:m=4",), (2, 3, 4), "hidden layers", lambda trial: trial["depth"]),
}

#: The reduced grid of the trends: 4 P_u x 3 P_e.
TREND_UNIT_STEPS = (10.0, 30.0, 50.0, 70.0)
TREND_EDGE_STEPS = (0.5, 1.5, 2.5)


def plot_trend(rows, trend, title, path):
    """Success rate and median score per selection rule, and the oracle pick's density, along the trend.

    Parameters
    ----------
    rows : list of dict
        :func:`~benchmarks.paper.report.summarise` rows grouped by the trend's x value.
    trend : Trend
    title : str
    path : str or path-like
        Where the PNG goes.
    """
    rows = sorted(rows, key=lambda row: row["group"])
    x = [row["group"] for row in rows]
    figure, (success_axes, score_axes, density_axes) = plt.subplots(1, 3, figsize=(12, 3.6))
    for rule in SELECTION_RULES:
        success_axes.plot(x, [row[f"{rule}_successes"] / row["trials"] for row in rows], marker="o", label=rule)
        score_axes.plot(x, [row[f"{rule}_score"] for row in rows], marker="o", label=rule)
    success_axes.set(xlabel=trend.x_label, ylabel="success rate (score = 1)", ylim=(-0.05, 1.05), xticks=x)
    score_axes.set(xlabel=trend.x_label, ylabel="median hierarchy match score", ylim=(-0.05, 1.05), xticks=x)
    success_axes.legend()
    density_axes.plot(x, [100 * row["oracle_density"] for row in rows], marker="o", color="tab:gray")
    density_axes.set(xlabel=trend.x_label, ylabel="median density of oracle pick (%)", xticks=x)
    figure.suptitle(title, fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trends", nargs="+", default=list(TRENDS), choices=list(TRENDS))
    parser.add_argument("--width", type=int, default=24)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(PAPER_SEEDS))
    add_grid_options(parser, TREND_UNIT_STEPS, TREND_EDGE_STEPS)
    add_execution_options(parser, cache_dir="benchmarks/results/trends")
    parser.add_argument("--figures-dir", default="benchmarks/results/trends")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    grid = Grid(tuple(args.unit_steps), tuple(args.edge_steps))
    trials = {
        name: make_trials(TRENDS[name].tasks, [args.width], TRENDS[name].depths, args.seeds) for name in args.trends
    }
    results = run_protocol([trial for group in trials.values() for trial in group], grid, args)
    done = iter(results)
    Path(args.figures_dir).mkdir(parents=True, exist_ok=True)
    for name, group in trials.items():
        trend = TRENDS[name]
        rows = summarise([next(done) for _ in group], group=trend.x_of)
        print(f"\n{name} ({trend.x_label}):\n{markdown_table(rows)}")
        title = (
            f"{name}: width {args.width}, {len(args.seeds)} seeds per point, "
            f"{len(grid.points())}-point P_u x P_e grid (reduced protocol)"
        )
        plot_trend(rows, trend, title, f"{args.figures_dir}/results_{name}.png")
    return results


if __name__ == "__main__":
    main()
