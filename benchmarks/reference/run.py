"""Run the reference's experiments with the authors' own per-trial settings.

Every trial comes from ``benchmarks/data/reference_trials.csv``: one line of the
reference implementation's ``shell/`` (task, architecture, lr, batch size,
epochs, seed, detection step size, and the P_u / P_e the authors picked).

- ``--mode picked``: each row fitted once at the authors' picked (P_u, P_e);
  success when the net's hierarchy_match_score is 1.0.
- ``--mode grid``: each trial sculpted over the whole P_u x P_e grid; the
  authors' picks, the oracle and the truth-free picks are read off the grid.
- ``--mode authors``: no training; the nets the authors sculpted for each row,
  read from the ``results/`` folder of a copy of the reference repository
  (``--reference-results``), go through sksculpt's detection and scoring.

Prints one table per experiment, successes along its axis (overlap o, use m,
hidden layers, or task) beside the poster's, and the poster's exemplar nets.

Run the headline table at the authors' picks, then a sample of the overlap trend:

    python -m benchmarks.reference.run --experiments exemplars
    python -m benchmarks.reference.run --experiments input_overlap_exp --seeds 0 --widths 24 --depths 2

List the structures the authors' nets show, three per value of the axis and depth:

    python -m benchmarks.reference.run --mode authors --reference-results ../Neural-Sculpting/results \\
        --experiments non_separable_increasing_use --split depth --structures 3

Score the authors' own nets (``git clone`` of the reference repository in ``../Neural-Sculpting``):

    python -m benchmarks.reference.run --mode authors --reference-results ../Neural-Sculpting/results

Count the depth trials as the reference's depth figure does (no training: the cached nets are scored again):

    python -m benchmarks.reference.run --mode grid --experiments increasing_hierarchical_levels --reading paper
"""

import argparse
import time
from functools import partial

from ..common.cache import run_cached
from ..common.cli import add_execution_options, add_grid_options, add_summary_option, execution, write_summary
from ..common.grid import Grid
from .fits import fit_picked, former_grid_key, grid_key, grid_trial
from .masks import detect_authors_net
from .readings import READINGS, rescore
from .report import (
    AXES,
    SPLITS,
    describe_grid,
    describe_picked,
    exemplar_table,
    grid_table,
    pick_with_sibling_seeds,
    picked_table,
    structure_table,
    summarise_grid,
    summarise_picked,
    summarise_structures,
)
from .settings import EXPERIMENTS, group_by_trial, read_reference_rows, select_rows


def build_parser():
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", default="picked", choices=["picked", "grid", "authors"])
    parser.add_argument("--experiments", nargs="+", default=list(EXPERIMENTS), choices=list(EXPERIMENTS))
    parser.add_argument("--seeds", type=int, nargs="+", default=None, help="only these seeds")
    parser.add_argument("--widths", type=int, nargs="+", default=None, help="only these hidden widths")
    parser.add_argument("--depths", type=int, nargs="+", default=None, help="only these numbers of hidden layers")
    parser.add_argument("--m", type=int, nargs="+", default=None, help="only these numbers of outputs m")
    parser.add_argument("--overlaps", type=int, nargs="+", default=None,
                        help="only these input overlaps o (the overlap experiment)")
    add_grid_options(parser)
    add_execution_options(parser, cache_dir="benchmarks/results/reference")
    parser.add_argument("--split", default="none", choices=list(SPLITS),
                        help="group each experiment's axis further by this field")
    parser.add_argument("--structures", type=int, default=0, metavar="N",
                        help="with --mode picked or authors: also list the N most common detected structures "
                             "per group (summary key '<experiment>:structures')")
    parser.add_argument("--reading", default="exact", choices=READINGS,
                        help="the structure a net must show to succeed (see benchmarks/reference/readings.py); "
                             "cached nets are scored again, with no training")
    add_summary_option(parser)
    parser.add_argument("--reference-results", default=None,
                        help="with --mode authors: the results/ folder of a copy of the reference repository")
    return parser


def by_experiment(results, experiments):
    """``(experiment, its results)`` for each experiment that has results, in the given order."""
    for experiment in experiments:
        members = [result for result in results if result["trial"]["experiment"] == experiment]
        if members:
            yield experiment, members


def report_picked(results, args, heading):
    """Print one table per experiment and the poster's exemplars; return the summary rows."""
    summaries = {}
    for experiment, members in by_experiment(results, args.experiments):
        axis_label = AXES[experiment][0]
        summaries[experiment] = summarise_picked(members, experiment, args.split)
        print(f"\n{experiment}, {heading} ({axis_label}):\n{picked_table(summaries[experiment], axis_label)}")
        if args.structures:
            structures = summarise_structures(members, experiment, args.split, args.structures)
            summaries[f"{experiment}:structures"] = structures
            print(f"\nMost common structures ({args.structures} per group):\n{structure_table(structures, axis_label)}")
    print(f"\nThe poster's exemplar nets:\n{exemplar_table(results)}")
    return summaries


def run_picked(rows, args):
    """Fit every row at its pick (cached under ``<cache-dir>/picked``); print and return the summaries."""
    with execution(args) as n_jobs:
        results = run_cached({row.key(): row for row in rows}, fit_picked, f"{args.cache_dir}/picked", n_jobs=n_jobs,
                             describe=describe_picked)
    return report_picked(rescore(results, args.reading), args, "sculpted here at the authors' picks")


def run_authors(rows, args):
    """Detect and score the authors' own nets of every row; print and return the summaries."""
    if args.reference_results is None:
        raise SystemExit("--mode authors needs --reference-results: the results/ folder of the reference repository.")
    results = [detect_authors_net(row, args.reference_results) for row in rows]
    return report_picked(rescore(results, args.reading), args, "the authors' own nets, detected and scored by sksculpt")


def run_grid(rows, args):
    """Sculpt every trial over the grid (cached under ``<cache-dir>/grid``); print and return the summaries."""
    grid = Grid(tuple(args.unit_steps), tuple(args.edge_steps))
    groups = group_by_trial(rows)
    with execution(args) as n_jobs:
        results = run_cached(
            {grid_key(trial, grid): (trial, picks) for trial, picks in groups.items()},
            partial(_grid_job, grid=grid), f"{args.cache_dir}/grid", n_jobs=n_jobs, describe=describe_grid,
            former_keys={grid_key(trial, grid): former_grid_key(trial, grid) for trial in groups},
        )
    pick_with_sibling_seeds(rescore(results, args.reading))
    summaries = {}
    for experiment, members in by_experiment(results, args.experiments):
        axis_label = AXES[experiment][0]
        summaries[experiment] = summarise_grid(members, experiment, args.split)
        print(f"\n{experiment}, over the {len(grid.points())}-point grid ({axis_label}):\n"
              f"{grid_table(summaries[experiment], axis_label)}")
    return summaries


def _grid_job(argument, grid):
    trial, picks = argument
    return grid_trial(trial, picks, grid)


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    rows = select_rows(read_reference_rows(), set(args.experiments), args.seeds and set(args.seeds),
                       args.widths and set(args.widths), args.depths and set(args.depths), args.m and set(args.m),
                       args.overlaps and set(args.overlaps))
    print(f"{len(rows)} rows, {len(group_by_trial(rows))} trials selected")
    output = {"picked": run_picked, "grid": run_grid, "authors": run_authors}[args.mode](rows, args)
    write_summary(args.summary, output)
    print(f"\nwall time of this run {time.perf_counter() - start:.0f} s")
    return output


if __name__ == "__main__":
    main()
