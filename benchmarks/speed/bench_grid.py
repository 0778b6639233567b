"""Wall time of one trial's full P_u x P_e grid, and where the time goes.

Setting: the input-separable task [4, 2, 4] on hidden (24, 24) with the paper's
settings (lr 0.05, batch 8, 10 epochs per round) over the 70-point grid
(14 P_u in 5..70 x 5 P_e in 0.5..2.5), every fit sharing one ``memory``, as
``benchmarks.paper.run`` runs a trial. Target: under 60 s on one core.

With ``--profile`` the grid runs a second time under :mod:`cProfile` and the
cumulative time of the stages is shown as shares of the profiled total
(profiling slows Python code, so only the shares are meaningful).

Run: ``python -m benchmarks.speed.bench_grid [--seed 0] [--profile]``
"""

import argparse
import cProfile
import pstats
import time

from ..common.grid import Grid
from ..paper.protocol import Trial
from ..paper.trial import sculpt_trial

#: Label -> (function name, part of its file name): their cumulative time splits a trial.
STAGES = {
    "dense round (once)": ("dense_stage", "sksculpt"),
    "pruning stages (unit and edge)": ("pruning_stage", "sksculpt"),
    "training rounds (all stages)": ("train_round", "sksculpt"),
    "skorch callbacks (notify)": ("notify", "skorch"),
    "module detection": ("_fit_detector", "sksculpt"),
    "hierarchy score": ("__call__", "_scorer"),
    "joblib.Memory argument hashing": ("hash", "joblib"),
    "joblib.Memory cache reads": ("load_item", "joblib"),
    "joblib.Memory cache writes": ("dump_item", "joblib"),
}


def stage_seconds(stats, function_name, filename_part):
    """Cumulative seconds of the profiled function ``function_name`` defined in a matching file.

    Where several match (a method calling a function of the same name), the
    outermost, i.e. the largest, counts.
    """
    return max(
        (
            cumulative
            for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items()
            if name == function_name and filename_part in filename
        ),
        default=0.0,
    )


def profile_grid(trial, grid):
    """Run the grid under cProfile; print each stage's share of the profiled time."""
    profiler = cProfile.Profile()
    profiler.runcall(sculpt_trial, trial, grid)
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"\nprofiled total {total:.1f} s; cumulative shares (nested parts overlap):")
    for label, (function_name, filename_part) in STAGES.items():
        seconds = stage_seconds(stats, function_name, filename_part)
        print(f"  {label:<32} {seconds:7.1f} s  {100 * seconds / total:5.1f} %")
    print("\ntop functions by own time:")
    stats.sort_stats("tottime").print_stats(12)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="also profile the grid")
    args = parser.parse_args(argv)
    trial, grid = Trial("input_separable", 24, 2, args.seed), Grid()

    sculpt_trial(trial, Grid((65.0,), (1.5,)))  # torch's one-off lazy imports, outside the timing
    start = time.perf_counter()
    result = sculpt_trial(trial, grid)
    seconds = time.perf_counter() - start
    points = result["points"]
    first_of_unit = [point["seconds"] for point in points[:: len(grid.edge_steps)]]
    print(f"{len(points)}-point grid of {trial.key(grid)}: {seconds:.1f} s wall "
          f"({seconds / len(points):.2f} s per point)")
    print(f"  first fit (dense + unit + edge stage): {points[0]['seconds']:.2f} s")
    print(f"  first fit of each other P_u (unit + edge stage): {sum(first_of_unit[1:]):.1f} s in all")
    print(f"  other fits (edge stage only, from memory): {seconds - sum(first_of_unit):.1f} s in all")
    print(f"  best score {max(point['score'] for point in points):.3f}; "
          f"points with score 1.0: {sum(point['score'] == 1.0 for point in points)}")
    if args.profile:
        profile_grid(trial, grid)


if __name__ == "__main__":
    main()
