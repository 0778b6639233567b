"""Reproduce the paper's success table: sculpt every trial over the P_u x P_e grid and score it.

A trial is one (task, architecture, seed). Each trial sculpts its task at every
grid point (the cached dense and unit stages are shared), then picks one net
per selection rule ("oracle" knows the true structure, as the paper did;
"sparsest" and "consensus" do not) and counts a success when the picked net's
hierarchy_match_score is 1.0.

Run the paper's whole protocol (4 tasks x 9 architectures x 4 seeds, 70-point grid):

    python -m benchmarks.paper.run --n-jobs 2 --cache-dir benchmarks/results/paper

The same on a Dask cluster (or, without --scheduler, a local one):

    python -m benchmarks.paper.run --backend dask --scheduler tcp://host:8786 --cache-dir /shared/path
"""

import argparse
import time

from ..common.cli import add_execution_options, add_grid_options, add_summary_option, write_summary
from ..common.facts import HEADLINE_TASKS, PAPER_DEPTHS, PAPER_SEEDS, PAPER_WIDTHS
from ..common.grid import Grid
from .protocol import make_trials
from .report import markdown_table, summarise
from .runner import load_cached, run_protocol

#: Rows of the success table: trials grouped by their task, and optionally width or depth.
GROUPINGS = {
    "task": lambda trial: trial["task"],
    "task-width": lambda trial: f"{trial['task']} width {trial['width']}",
    "task-depth": lambda trial: f"{trial['task']} depth {trial['depth']}",
}


def build_parser():
    """The command-line options of the paper's protocol."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", nargs="+", default=list(HEADLINE_TASKS),
                        help="task specifications, e.g. input_separable reused:m=16 overlap:overlap=2,m=16")
    parser.add_argument("--widths", type=int, nargs="+", default=list(PAPER_WIDTHS))
    parser.add_argument("--depths", type=int, nargs="+", default=list(PAPER_DEPTHS), help="hidden layers")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(PAPER_SEEDS))
    add_grid_options(parser)
    add_execution_options(parser, cache_dir="benchmarks/results/paper")
    parser.add_argument("--by", default="task", choices=list(GROUPINGS), help="rows of the printed table")
    parser.add_argument("--cached-only", action="store_true",
                        help="run nothing: summarise the trials already in the cache")
    add_summary_option(parser)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    grid = Grid(tuple(args.unit_steps), tuple(args.edge_steps))
    trials = make_trials(args.tasks, args.widths, args.depths, args.seeds)
    if args.cached_only:
        results = [result for trial in trials if (result := load_cached(args.cache_dir, trial, grid)) is not None]
    else:
        results = run_protocol(trials, grid, args)
    rows = summarise(results, group=GROUPINGS[args.by])
    print(markdown_table(rows))
    print(f"\n{len(results)} trials; wall time of this run {time.perf_counter() - start:.0f} s")
    write_summary(args.summary, rows)
    return rows


if __name__ == "__main__":
    main()
