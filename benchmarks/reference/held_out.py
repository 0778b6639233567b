"""Truth-free selection on tasks the rules were not tuned on: random hierarchical functions.

Each task is drawn by ``make_random_hierarchical_task`` (by default 6
inputs, 3 two-input sub-functions, 2 sub-functions above them, each top
sub-function copied to 2 outputs; ``--n-inputs`` and
``--functions-per-level`` draw other shapes) from its own seed. Every task is sculpted over the
paper's 70-point grid from 4 seeds by ``SculptingClassifierCV`` (one stacked
program per task), and every seed in turn plays the user's seed: each rule
picks one of its networks, the others vote, and the pick succeeds when its
hierarchy_match_score against the task's graph is 1.0. The oracle succeeds
when any accurate network of that seed scores 1.0. The cache keeps the
columns the rules read, so the rules are applied afresh each time.

    python -m benchmarks.reference.held_out --tasks 0 1 2 3 4 5 --n-jobs 2
    python -m benchmarks.reference.held_out --tasks 0 1 2 --n-inputs 8 --functions-per-level 4 2
"""

import argparse

from .random_tasks import TASK, run_tasks, summarise


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=list(range(6)), help="task seeds")
    parser.add_argument("--n-seeds", type=int, default=4)
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--n-inputs", type=int, default=TASK["n_inputs"])
    parser.add_argument("--functions-per-level", type=int, nargs="+", default=list(TASK["n_functions_per_level"]),
                        help="sub-functions per level, from the inputs up")
    parser.add_argument("--cache-dir", default="benchmarks/results/held_out")
    args = parser.parse_args(argv)
    shape = dict(TASK, n_inputs=args.n_inputs, n_functions_per_level=tuple(args.functions_per_level))
    outcomes = run_tasks(args.tasks, args.n_seeds, args.cache_dir, shape, n_jobs=args.n_jobs)
    total = len(outcomes) * args.n_seeds
    for name, successes in summarise(outcomes, args.n_seeds).items():
        print(f"{name:>10}: {successes}/{total}")
    times = ", ".join(f"{outcome['seconds']:.0f} s" for outcome in outcomes)
    print(f"sculpting time per task: {times}")


if __name__ == "__main__":
    main()
