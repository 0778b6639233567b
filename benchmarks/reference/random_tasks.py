"""Random hierarchical tasks sculpted by ``SculptingClassifierCV``: the cached columns the rules read.

The library of ``python -m benchmarks.reference.held_out`` and of
``python -m benchmarks.reference.calibration --held-out``: each task is
drawn by ``make_random_hierarchical_task`` from its own seed, sculpted over
the paper's grid from several seeds, and cached (one file per task) with the
``cv_results_`` columns the rules read, so the rules are applied afresh each
time.
"""

import time

import numpy as np

from sksculpt import SculptingClassifierCV, hierarchy_match_score
from sksculpt.datasets import make_random_hierarchical_task
from sksculpt.model_selection import SELECTION_RULES

from ..common.cache import cache_key, run_cached
from ..common.points import describe_hierarchy, point_module_graph

#: The ``cv_results_`` columns cached per network, besides its module graph.
COLUMNS = ("seed", "check_accuracy", "accurate", "spurious_paths", "edges_left", "structure")
SETTINGS = dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=16, max_epochs=15)
TASK = dict(n_inputs=6, n_functions_per_level=(3, 2), fan_in=2, reuse=2)


def as_user(cv_results, seed):
    """``cv_results`` with ``seed`` relabelled as seed 0 (the user's) and seed 0 as ``seed``."""
    seeds = np.asarray(cv_results["seed"])
    relabelled = np.where(seeds == seed, 0, np.where(seeds == 0, seed, seeds))
    return {**cv_results, "seed": relabelled}


def task_label(task_seed, n_seeds, shape=TASK):
    """The readable part of a task's cache key; a shape other than :data:`TASK` is named in it."""
    shape_name = "" if shape == TASK else "_in{n_inputs}_levels{levels}".format(
        n_inputs=shape["n_inputs"], levels="-".join(map(str, shape["n_functions_per_level"])))
    return f"task{task_seed}{shape_name}_seeds{n_seeds}"


def sculpt_task(job):
    """Sculpt one task's grid from ``n_seeds`` seeds; every network's columns the rules read, and its score.

    Parameters
    ----------
    job : tuple
        ``(task_seed, n_seeds, shape)``: ``shape`` holds the keyword arguments
        of ``make_random_hierarchical_task`` but the seed.

    Returns
    -------
    outcome : dict
        JSON-serialisable: ``task`` (its seed), ``seconds``, ``scores``,
        ``hierarchy`` (each network's module graph as plain lists) and the
        :data:`COLUMNS`.
    """
    task_seed, n_seeds, shape = job
    task = make_random_hierarchical_task(**shape, random_state=task_seed)
    start = time.perf_counter()
    search = SculptingClassifierCV(**SETTINGS, n_seeds=n_seeds, random_state=0).fit(task.data, task.target)
    results = search.cv_results_
    return dict(
        task=task_seed, seconds=time.perf_counter() - start,
        scores=[hierarchy_match_score(task.graph, graph) for graph in results["hierarchy"]],
        hierarchy=[describe_hierarchy(graph) for graph in results["hierarchy"]],
        **{name: results[name].tolist() for name in COLUMNS},
    )


def run_tasks(task_seeds, n_seeds, cache_dir, shape=TASK, n_jobs=1):
    """The outcome of each task (see :func:`sculpt_task`): cached ones loaded, the others sculpted and cached.

    Files cached before the key held a digest of the settings
    (``task<seed>[_in.._levels..]_seeds<n>.json``) are still read.
    """
    configuration = dict(task=shape, settings=SETTINGS, n_seeds=n_seeds)
    jobs = {cache_key(task_label(seed, n_seeds, shape), dict(configuration, task_seed=seed)): (seed, n_seeds, shape)
            for seed in task_seeds}
    former_keys = {key: task_label(seed, n_seeds, shape) for key, (seed, _, _) in jobs.items()}
    return run_cached(jobs, sculpt_task, cache_dir, n_jobs=n_jobs, describe=_describe, former_keys=former_keys,
                      noun="tasks")


def _describe(outcome):
    return f"{outcome['seconds']:.0f} s"


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
