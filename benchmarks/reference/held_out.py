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

    python -m benchmarks.held_out --tasks 0 1 2 3 4 5 --n-jobs 2
    python -m benchmarks.held_out --tasks 0 1 2 --n-inputs 8 --functions-per-level 4 2
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed

from sksculpt import SculptingClassifierCV, hierarchy_match_score
from sksculpt.datasets import make_random_hierarchical_task
from sksculpt.model_selection._rules import SELECTION_RULES

from ._readings import point_module_graph
from ._trial import describe_hierarchy

#: The ``cv_results_`` columns cached per network, besides its module graph.
COLUMNS = ("seed", "check_accuracy", "accurate", "spurious_paths", "edges_left", "structure")
SETTINGS = dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=16, max_epochs=15)
TASK = dict(n_inputs=6, n_functions_per_level=(3, 2), fan_in=2, reuse=2)


def as_user(cv_results, seed):
    """``cv_results`` with ``seed`` relabelled as seed 0 (the user's) and seed 0 as ``seed``."""
    seeds = np.asarray(cv_results["seed"])
    relabelled = np.where(seeds == seed, 0, np.where(seeds == 0, seed, seeds))
    return {**cv_results, "seed": relabelled}


def run_task(task_seed, n_seeds, cache_dir, shape=TASK):
    """Sculpt one task's grid from ``n_seeds`` seeds; cache every network's columns the rules read, and its score.

    ``shape`` holds the keyword arguments of ``make_random_hierarchical_task``
    but the seed; a shape other than :data:`TASK` is named in the cache file.
    """
    shape_name = "" if shape == TASK else "_in{n_inputs}_levels{levels}".format(
        n_inputs=shape["n_inputs"], levels="-".join(map(str, shape["n_functions_per_level"])))
    path = Path(cache_dir) / f"task{task_seed}{shape_name}_seeds{n_seeds}.json"
    if path.exists():
        return json.loads(path.read_text())
    task = make_random_hierarchical_task(**shape, random_state=task_seed)
    start = time.perf_counter()
    search = SculptingClassifierCV(**SETTINGS, n_seeds=n_seeds, random_state=0).fit(task.data, task.target)
    results = search.cv_results_
    outcome = dict(
        task=task_seed, seconds=time.perf_counter() - start,
        scores=[hierarchy_match_score(task.graph, graph) for graph in results["hierarchy"]],
        hierarchy=[describe_hierarchy(graph) for graph in results["hierarchy"]],
        **{name: results[name].tolist() for name in COLUMNS},
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(outcome))
    return outcome


def as_cv_results(outcome):
    """The ``cv_results_`` columns the rules read, back from a cached outcome."""
    hierarchies = np.empty(len(outcome["seed"]), dtype=object)
    hierarchies[:] = [point_module_graph(dict(modules=modules, module_edges=edges))
                      for modules, edges in outcome["hierarchy"]]
    return dict({name: np.asarray(outcome[name]) for name in COLUMNS}, hierarchy=hierarchies)


def summarise(outcomes, n_seeds):
    """Successes per rule over all (task, seed) pairs, and the oracle's."""
    rows = {"oracle": 0, **{name: 0 for name in SELECTION_RULES}}
    for outcome in outcomes:
        scores, seeds = np.asarray(outcome["scores"]), np.asarray(outcome["seed"])
        results = as_cv_results(outcome)
        for seed in range(n_seeds):
            rows["oracle"] += bool(np.any(scores[(seeds == seed) & results["accurate"]] == 1.0))
            for name, rule in SELECTION_RULES.items():
                rows[name] += scores[rule(as_user(results, seed))] == 1.0
    return rows


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
    outcomes = Parallel(n_jobs=args.n_jobs)(
        delayed(run_task)(task, args.n_seeds, args.cache_dir, shape) for task in args.tasks
    )
    total = len(outcomes) * args.n_seeds
    for name, successes in summarise(outcomes, args.n_seeds).items():
        print(f"{name:>10}: {successes}/{total}")
    times = ", ".join(f"{outcome['seconds']:.0f} s" for outcome in outcomes)
    print(f"sculpting time per task: {times}")


if __name__ == "__main__":
    main()
