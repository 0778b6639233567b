"""The figures of the results page: each trend beside the authors' own counts.

One figure per experiment of the paper (input overlap, reuse, depth), drawn from
the success counts that the benchmark runs printed (the tables of
``docs/benchmark_log.md``), so redrawing them needs no training:

- success rate of the net each rule picks over the full 70-point P_u x P_e grid
  at the authors' own per-trial settings (``python -m benchmarks.reference.run
  --mode grid``): the oracle (needs the truth) and the default truth-free rule
  ``relay_free_vote``;
- the authors' picked P_u / P_e, sculpted here (``--mode picked``);
- the authors' own sculpted nets under sksculpt's score (``--mode authors``) and
  the success rate the reference repository plots in its own figure;
- the median density of the authors' nets and of the nets sculpted here.

Error bars are 95 % Wilson intervals of each rate over its trials (4 seeds x
3 widths x the other factors of the experiment). The shaded band of a series
spans the lowest to the highest success rate of its four seeds (0, 1, 2 and 5),
each over that seed's trials, where the per-seed counts are known: the authors'
nets in every experiment (``--mode authors --split seed``, no training) and
the grid rules and the authors' picks in every experiment (``--mode grid
--split seed`` over the cached grids; ``--reading paper`` for depth).

Run: ``python -m benchmarks.paper.results_figures --out docs/_static``; with
``--truth-free`` it draws the grid figure of the truth-free page instead
(:mod:`benchmarks.paper.truth_free_grid`, from cached grids).
"""

import argparse
import math
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.patches
import matplotlib.pyplot as plt
import matplotlib.ticker

from .truth_free_grid import load_trial_grids, plot_truth_free_grid

#: Resolution of the saved figures: drawn at 9 inches wide, they are shown
#: 735 to 800 px wide in the docs column, so 9 pt text stays above 10 px.
DPI = 150


@dataclass(frozen=True)
class Series:
    """One line of a success panel: successes at each x value, out of ``trials``.

    Attributes
    ----------
    label : str
    successes : tuple of int or None
        None where the series has no value.
    trials : int or tuple of int
        Trials per x value.
    style : dict
        Keyword arguments of :meth:`matplotlib.axes.Axes.errorbar`.
    seeds : tuple of tuple of int or None
        Successes of each of the four seeds at each x value (each out of
        ``trials / 4``), summing to ``successes``; None where unknown.
    """

    label: str
    successes: tuple
    trials: object
    style: dict = field(default_factory=dict)
    seeds: tuple | None = None

    def __post_init__(self):
        if self.seeds is not None:
            sums = tuple(sum(counts) for counts in self.seeds)
            if sums != tuple(self.successes):
                raise ValueError(f"{self.label}: per-seed successes sum to {sums}, not {self.successes}")


@dataclass(frozen=True)
class Experiment:
    """One experiment's figure: its x axis, success series and densities.

    Attributes
    ----------
    x : tuple
    x_label : str
    title : str
    series : tuple of Series
    densities : dict
        Label to the median density in percent at each x value (tuples of
        floats, or dicts from a sub-group name to such tuples).
    """

    x: tuple
    x_label: str
    title: str
    series: tuple
    densities: dict


ORACLE = {"color": "tab:blue", "marker": "o"}
DEFAULT = {"color": "tab:orange", "marker": "D", "linewidth": 2.4}
PICKED = {"color": "tab:gray", "marker": "v", "linestyle": ":"}
AUTHORS = {"color": "black", "marker": "s"}
FIGURE = {"color": "black", "marker": "x", "linestyle": "--", "markersize": 8}

#: Legend names of the density groups when they are split further (by depth).
SHORT = {"authors' nets": "authors'", "sculpted here": "here"}

EXPERIMENTS = {
    "overlap": Experiment(
        x=(0, 1, 2, 3, 4),
        x_label="inputs shared by A and B (o)",
        title="Input overlap, [8 - o, ..., 2, m]: 180 trials per o",
        series=(
            Series("oracle over the grid", (180, 180, 180, 54, 88), 180, ORACLE,
                   seeds=((45, 45, 45, 45),) * 3 + ((17, 14, 10, 13), (25, 21, 22, 20))),
            Series("default rule over the grid", (180, 180, 180, 31, 22), 180, DEFAULT,
                   seeds=((45, 45, 45, 45),) * 3 + ((11, 8, 6, 6), (4, 7, 7, 4))),
            Series("authors' $P_u$ / $P_e$, sculpted here", (163, 128, 125, 5, 8), 180, PICKED,
                   seeds=((40, 39, 42, 42), (32, 33, 29, 34), (29, 35, 29, 32), (0, 1, 0, 4), (1, 4, 3, 0))),
            Series("authors' nets, sksculpt's score", (180, 179, 176, 5, 56), 180, AUTHORS,
                   seeds=((45, 45, 45, 45), (45, 45, 44, 45), (43, 44, 45, 44), (0, 1, 3, 1), (13, 16, 10, 17))),
            Series("reference figure (hidden units)", (180, 180, 180, 5, 14), 180, FIGURE),
        ),
        densities={
            "authors' nets": (1.89, 1.88, 1.85, 1.75, 1.71),
            "sculpted here": (2.44, 2.32, 2.73, 2.53, 2.37),
        },
    ),
    "reuse": Experiment(
        x=(2, 4, 8, 12, 16),
        x_label="outputs reusing the sub-function (m)",
        title="Reuse, [4, 1, 2, m]: 36 trials per m",
        series=(
            Series("oracle over the grid", (22, 25, 25, 24, 26), 36, ORACLE,
                   seeds=((5, 6, 5, 6), (6, 7, 5, 7), (6, 6, 6, 7), (5, 7, 6, 6), (7, 6, 7, 6))),
            Series("default rule over the grid", (4, 23, 24, 23, 24), 36, DEFAULT,
                   seeds=((1, 1, 1, 1), (6, 6, 5, 6), (6, 6, 6, 6), (5, 6, 6, 6), (6, 6, 6, 6))),
            Series("authors' $P_u$ / $P_e$, sculpted here", (1, 2, 8, 5, 2), 36, PICKED,
                   seeds=((0, 0, 1, 0), (1, 0, 0, 1), (3, 1, 2, 2), (1, 1, 2, 1), (0, 0, 0, 2))),
            Series("authors' nets, sksculpt's score", (15, 20, 22, 22, 23), 36, AUTHORS,
                   seeds=((5, 4, 3, 3), (4, 5, 5, 6), (6, 5, 5, 6), (6, 5, 6, 5), (6, 6, 6, 5))),
            Series("reference figure", (15, 20, 22, 22, 23), 36, FIGURE),
        ),
        densities={
            "authors' nets": {
                "1 layer": (6.48, 6.25, 6.02, 5.90, 5.69),
                "2 layers": (1.03, 1.17, 1.33, 1.39, 1.49),
                "3 layers": (0.61, 0.73, 0.78, 0.88, 1.00),
            },
            "sculpted here": {
                "1 layer": (6.94, 6.94, 7.18, 7.03, 6.20),
                "2 layers": (1.29, 1.43, 1.58, 1.90, 2.53),
                "3 layers": (0.85, 0.94, 1.01, 1.26, 1.92),
            },
        },
    ),
    "depth": Experiment(
        x=(1, 2, 3, 4),
        x_label="hidden layers",
        title="Depth, [8, 2, 1, 2, m], the depth reading: 60 trials per depth",
        series=(
            Series("oracle over the grid", (60, 60, 44, 57), 60, ORACLE,
                   seeds=((15, 15, 15, 15), (15, 15, 15, 15), (9, 11, 13, 11), (14, 14, 14, 15))),
            Series("default rule over the grid", (60, 40, 29, 51), 60, DEFAULT,
                   seeds=((15, 15, 15, 15), (10, 10, 10, 10), (6, 7, 8, 8), (13, 13, 12, 13))),
            Series("authors' $P_u$ / $P_e$, sculpted here", (59, 26, 8, 12), 60, PICKED,
                   seeds=((14, 15, 15, 15), (7, 9, 4, 6), (2, 2, 2, 2), (3, 4, 2, 3))),
            Series("authors' nets, sksculpt's score", (60, 58, 42, 47), 60, AUTHORS,
                   seeds=((15, 15, 15, 15), (14, 15, 14, 15), (12, 10, 10, 10), (13, 10, 13, 11))),
            Series("reference figure (m = 4 to 16)", (None, 46, 40, 44), 48, FIGURE),
        ),
        densities={
            "authors' nets": (7.20, 1.29, 0.60, 0.46),
            "sculpted here": (8.02, 1.58, 0.74, 0.58),
        },
    ),
}


def wilson_interval(successes, trials, z=1.96):
    """95 % Wilson score interval of a success rate.

    .. math::

        \\frac{\\hat p + z^2 / 2n \\pm z \\sqrt{\\hat p (1 - \\hat p) / n + z^2 / 4n^2}}{1 + z^2 / n}

    Parameters
    ----------
    successes, trials : int
    z : float

    Returns
    -------
    (float, float)
        Lower and upper bound.
    """
    rate = successes / trials
    centre = rate + z * z / (2 * trials)
    half = z * math.sqrt(rate * (1 - rate) / trials + z * z / (4 * trials * trials))
    scale = 1 + z * z / trials
    return (centre - half) / scale, (centre + half) / scale


def seed_range(series):
    """Lowest and highest success rate of the four seeds at each x value of a series.

    Parameters
    ----------
    series : Series
        With ``seeds``.

    Returns
    -------
    (list of float, list of float)
    """
    trials = series.trials / len(series.seeds[0])
    return [min(counts) / trials for counts in series.seeds], [max(counts) / trials for counts in series.seeds]


def plot_experiment(experiment, path):
    """Draw one experiment: success rates with their intervals, and median densities.

    Parameters
    ----------
    experiment : Experiment
    path : str or path-like
        Where the PNG goes.
    """
    with plt.rc_context({"font.size": 10, "axes.titlesize": 11, "legend.fontsize": 9}):
        figure, (success_axes, density_axes) = plt.subplots(
            1, 2, figsize=(9, 4.8), gridspec_kw={"width_ratios": (1.7, 1)}
        )
        x = list(range(len(experiment.x)))
        shift = 0.07
        for offset, series in enumerate(experiment.series):
            trials = series.trials
            points = [
                (i + shift * (offset - 2), s, trials) for i, s in enumerate(series.successes) if s is not None
            ]
            rates = [s / n for _, s, n in points]
            bounds = [wilson_interval(s, n) for _, s, n in points]
            errors = [
                [max(0.0, r - lo) for r, (lo, _) in zip(rates, bounds)],
                [max(0.0, hi - r) for r, (_, hi) in zip(rates, bounds)],
            ]
            success_axes.errorbar(
                [p[0] for p in points], rates, yerr=errors, capsize=2.5, label=series.label,
                **{"markersize": 5, **series.style},
            )
            if series.seeds is not None:
                low, high = seed_range(series)
                success_axes.fill_between(
                    [p[0] for p in points], low, high, color=series.style.get("color", "black"),
                    alpha=0.15 if series.style.get("color") != "black" else 0.12, linewidth=0,
                )
        success_axes.set(
            xticks=x, xticklabels=experiment.x, xlabel=experiment.x_label, ylabel="success rate",
            ylim=(-0.04, 1.04), title="success (score 1.0)",
        )
        success_axes.grid(alpha=0.3)
        handles, labels = success_axes.get_legend_handles_labels()
        if any(series.seeds is not None for series in experiment.series):
            handles.append(matplotlib.patches.Patch(color="gray", alpha=0.3, linewidth=0))
            labels.append("shaded: range of the 4 seeds")
        success_axes.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
        for label, values in experiment.densities.items():
            colour = "black" if label == "authors' nets" else "tab:red"
            groups = values if isinstance(values, dict) else {"": values}
            for (group, medians), marker in zip(groups.items(), ("o", "s", "^")):
                density_axes.plot(
                    x, medians, color=colour, marker=marker, markersize=5,
                    linestyle="-" if label == "authors' nets" else "--",
                    label=f"{SHORT[label]}, {group}" if group else label,
                )
        density_axes.set(
            xticks=x, xticklabels=experiment.x, xlabel=experiment.x_label, ylabel="median density (%)",
            title="density of the nets",
        )
        low, high = density_axes.get_ylim()
        if high / max(low, 1e-9) > 4:
            density_axes.set_yscale("log")
            ticks = [t for t in (0.2, 0.5, 1, 2, 5, 10) if low <= t <= high]
            density_axes.set_yticks(ticks, [f"{t:g}" for t in ticks])
            density_axes.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        density_axes.grid(alpha=0.3)
        density_axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize=9,
            columnspacing=1.0, handlelength=2.2,
        )
        figure.suptitle(experiment.title, fontsize=11)
        figure.tight_layout()
        figure.savefig(path, dpi=DPI)
        plt.close(figure)


def build_parser():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="docs/_static", help="folder of the PNG files")
    parser.add_argument("--experiments", nargs="+", default=list(EXPERIMENTS), choices=list(EXPERIMENTS))
    parser.add_argument("--truth-free", action="store_true",
                        help="draw only truth_free_grid.png, the figure of the truth-free page, from the cached "
                             "grids of benchmarks.reference.run --mode grid (see benchmarks/paper/truth_free_grid.py)")
    parser.add_argument("--cache-dir", default="benchmarks/results/reference",
                        help="with --truth-free: the --cache-dir of benchmarks.reference.run")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.truth_free:
        path = Path(args.out) / "truth_free_grid.png"
        plot_truth_free_grid(load_trial_grids(args.cache_dir), path)
        print(path)
        return [path]
    paths = []
    for name in args.experiments:
        path = Path(args.out) / f"results_{name}.png"
        plot_experiment(EXPERIMENTS[name], path)
        print(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    main()
