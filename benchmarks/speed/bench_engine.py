"""The stacked engine against the skorch-driven rounds it replaced, timed side by side.

Three figures, each a ratio of two things timed in the same run:

1. one fit (input_separable, hidden (24, 24), lr 0.05, batch 8, 10 epochs,
   P_u 65, P_e 1.5), this checkout against the baseline checkout, seeds 0-4,
   alternating blocks of both;
2. the 70-point grid (P_u 5..70 x P_e 0.5..2.5, seed 0) through
   SculptingClassifierCV in one process, against 70 independent
   SculptingClassifier fits of its points (this checkout);
3. a sample of the paper protocol: the trials of one architecture (4 seeds)
   with the baseline's runner (one trial at a time, cached stages) against
   this checkout's runner (the 4 seeds as one stacked program).

The baseline is the last commit with the skorch-driven engine, checked out
beside this one::

    git worktree add /tmp/sksculpt-baseline a461976
    python -m benchmarks.speed.bench_engine --baseline /tmp/sksculpt-baseline

Without ``--baseline`` only figure 2 is measured.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

SETTING = dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10)

#: This checkout: the folder holding ``benchmarks/``.
HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

#: Times one fit per seed in a fresh interpreter of a checkout (after a warm-up fit).
FIT_TIMER = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from sksculpt import SculptingClassifier
from sksculpt.datasets import make_boolean_task
X, y = make_boolean_task("input_separable", return_X_y=True)
setting = json.loads(sys.argv[1])
SculptingClassifier(**setting, unit_prune_step=65, edge_prune_step=1.5, random_state=0).fit(X, y)
times = {}
for seed in json.loads(sys.argv[2]):
    start = time.perf_counter()
    SculptingClassifier(**setting, unit_prune_step=65, edge_prune_step=1.5, random_state=seed).fit(X, y)
    times[seed] = time.perf_counter() - start
print(json.dumps(times))
"""

#: Times the protocol runner of a checkout on the trials of one architecture.
TRIAL_TIMER = """
import json, sys, tempfile, time
try:
    from benchmarks.common.grid import Grid
    from benchmarks.paper.protocol import make_trials
    from benchmarks.paper.runner import run_trials
except ImportError:  # a checkout from before benchmarks/ had subpackages, such as the baseline
    from benchmarks._protocol import Grid, make_trials
    from benchmarks._runner import run_trials
trials = make_trials([sys.argv[1]], [int(sys.argv[2])], [int(sys.argv[3])], [0, 1, 2, 5])
with tempfile.TemporaryDirectory() as cache:
    start = time.perf_counter()
    results = run_trials(trials, Grid(), cache, progress=lambda line: None)
    seconds = time.perf_counter() - start
print(json.dumps(dict(seconds=seconds, best=[max(p["score"] for p in r["points"]) for r in results])))
"""


def run_in(checkout, script, *args):
    """Run ``script`` with the package and benchmarks of ``checkout``; return its JSON output."""
    env = dict(os.environ, PYTHONPATH=os.path.abspath(checkout))
    output = subprocess.run(
        [sys.executable, "-c", script, *args], env=env, cwd=checkout, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def compare_fits(baseline, seeds, blocks):
    """Per seed, the best time of ``blocks`` alternating runs of each checkout."""
    times = {"baseline": {}, "engine": {}}
    for _ in range(blocks):
        for name, checkout in (("baseline", baseline), ("engine", HERE)):
            for seed, seconds in run_in(checkout, FIT_TIMER, json.dumps(SETTING), json.dumps(seeds)).items():
                times[name].setdefault(seed, []).append(seconds)
    print("1. one fit (s, best of each checkout's blocks)")
    print(f"{'seed':>5} {'baseline':>9} {'engine':>8} {'ratio':>6}")
    ratios = []
    for seed in map(str, seeds):
        old, new = min(times["baseline"][seed]), min(times["engine"][seed])
        ratios.append(old / new)
        print(f"{seed:>5} {old:>9.3f} {new:>8.3f} {old / new:>6.2f}")
    medians = {name: statistics.median(min(v) for v in by_seed.values()) for name, by_seed in times.items()}
    print(f"median ratio {statistics.median(ratios):.2f}; medians {medians['baseline']:.3f} s"
          f" -> {medians['engine']:.3f} s\n")


def compare_grid():
    """SculptingClassifierCV's 70-point grid against 70 independent fits of its points."""
    from sksculpt import SculptingClassifier, SculptingClassifierCV
    from sksculpt.datasets import make_boolean_task

    X, y = make_boolean_task("input_separable", return_X_y=True)
    warnings.simplefilter("ignore")
    SculptingClassifier(**SETTING, random_state=0).fit(X, y)  # torch's one-off lazy imports
    start = time.perf_counter()
    search = SculptingClassifierCV(**SETTING, n_seeds=1, random_state=0).fit(X, y)
    grid_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for unit_step, edge_step in zip(search.cv_results_["param_unit_prune_step"],
                                    search.cv_results_["param_edge_prune_step"]):
        SculptingClassifier(**SETTING, unit_prune_step=unit_step, edge_prune_step=edge_step, random_state=0).fit(X, y)
    fits_seconds = time.perf_counter() - start
    print("2. 70-point grid, seed 0, one process")
    print(f"SculptingClassifierCV {grid_seconds:.1f} s; 70 independent fits {fits_seconds:.1f} s; "
          f"ratio {fits_seconds / grid_seconds:.1f}\n")


def compare_trials(baseline, architectures):
    print("3. paper protocol sample: the 4 seeds of one architecture, 70-point grid")
    print(f"{'architecture':>28} {'baseline s':>10} {'engine s':>9} {'ratio':>6}  best scores (baseline / engine)")
    for task, width, depth in architectures:
        old = run_in(baseline, TRIAL_TIMER, task, str(width), str(depth))
        new = run_in(HERE, TRIAL_TIMER, task, str(width), str(depth))
        print(f"{f'{task} w{width} d{depth}':>28} {old['seconds']:>10.1f} {new['seconds']:>9.1f} "
              f"{old['seconds'] / new['seconds']:>6.2f}  {old['best']} / {new['best']}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=None, help="checkout of the skorch-driven engine")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--blocks", type=int, default=2, help="alternating timing blocks per checkout")
    parser.add_argument("--architectures", nargs="*", default=["input_separable:24:2", "single:24:1"],
                        help="task:width:depth of the protocol sample (none: skip figure 3)")
    args = parser.parse_args(argv)
    if args.baseline:
        compare_fits(args.baseline, args.seeds, args.blocks)
    compare_grid()
    if args.baseline and args.architectures:
        compare_trials(args.baseline, [(a, int(w), int(d)) for a, w, d in (s.split(":") for s in args.architectures)])


if __name__ == "__main__":
    main()
