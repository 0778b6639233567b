"""Fit the reference's trials: once at the authors' pick, or over a P_u x P_e grid."""

import hashlib
import json
import time
import warnings
from dataclasses import asdict

from sklearn.exceptions import ConvergenceWarning

from sksculpt import SculptingClassifier

from ..common.cache import cache_key, load_result
from ..common.grid import sculpt_over_grid
from ..common.points import point_record
from ..common.selection import SELECTION_RULES, add_spurious_paths
from ..common.tasks import load_task
from .settings import classifier_params, row_params


def fit_classifier(task, params):
    """A ``SculptingClassifier(**params)`` fitted on the task's truth table, and the seconds it took.

    A net that never reaches the accuracy threshold is recorded (its accuracy
    is below 1), not raised: the convergence warning is silenced.
    """
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier = SculptingClassifier(**params).fit(task.data, task.target)
    return classifier, time.perf_counter() - start


def trial_record(trial):
    """A trial's fields as a JSON-serialisable dict, with its task specification."""
    return dict(asdict(trial), hidden_layer_sizes=list(trial.hidden_layer_sizes), task=trial.task)


def fit_picked(row):
    """Sculpt one row's task once, at the authors' picked (P_u, P_e).

    Parameters
    ----------
    row : ReferenceRow

    Returns
    -------
    result : dict
        JSON-serialisable: ``trial`` (see :func:`trial_record`), ``script``,
        ``line``, ``modularity`` and ``point`` (see
        :func:`~benchmarks.common.points.point_record`).
    """
    task = load_task(row.trial)
    classifier, seconds = fit_classifier(task, row_params(row))
    return dict(
        trial=trial_record(row.trial),
        script=row.script,
        line=row.line,
        modularity=list(row.modularity),
        point=point_record(classifier, task, row.unit_prune_step, row.edge_prune_step, seconds),
    )


def sculpt_seed_grid(task, params, unit_steps, edge_steps, seed):
    """The points of one seed's networks over a grid, P_u-major (:func:`~benchmarks.common.grid.sculpt_over_grid`)."""
    return sculpt_over_grid(task, params, [seed], unit_steps, edge_steps)[0]


def grid_trial(trial, rows, grid, engine=sculpt_seed_grid):
    """Sculpt one trial over a grid; read off the authors' picks and each selection rule's pick.

    Parameters
    ----------
    trial : ReferenceTrial
    rows : sequence of ReferenceRow
        The trial's rows (its picks).
    grid : Grid
    engine : callable, default=sculpt_seed_grid
        ``engine(task, params, unit_steps, edge_steps, seed)`` returning the
        points in P_u-major order.

    Returns
    -------
    result : dict
        JSON-serialisable: ``trial``, ``points`` (every grid point), ``authors``
        (the grid point at each of the authors' picks, None for a pick outside
        the grid), ``picks`` (the point each selection rule picks) and
        ``seconds``.
    """
    task = load_task(trial)
    params = {name: value for name, value in classifier_params(trial).items() if name != "random_state"}
    start = time.perf_counter()
    points = engine(task, params, grid.unit_steps, grid.edge_steps, trial.seed)
    seconds = time.perf_counter() - start
    by_setting = {(point["unit_step"], point["edge_step"]): point for point in points}
    result = add_spurious_paths(dict(
        trial=trial_record(trial),
        points=points,
        authors=[by_setting.get((row.unit_prune_step, row.edge_prune_step)) for row in rows],
        seconds=seconds,
    ))
    result["picks"] = {name: rule(points) for name, rule in SELECTION_RULES.items()}
    return result


def grid_key(trial, grid):
    """The cache key of a trial over a grid: its label and a digest of its fields and the grid."""
    return cache_key(trial.label, dict(trial=asdict(trial), grid=asdict(grid)))


def former_grid_key(trial, grid):
    """The key a trial's grid was cached under before :func:`grid_key`, so those files are still read."""
    return f"{trial.key()}_grid{hashlib.sha1(json.dumps(asdict(grid)).encode()).hexdigest()[:8]}"


def load_grid_results(trials, grid, cache_dir):
    """The cached grid results of ``trials``, under :func:`grid_key` or :func:`former_grid_key`; others left out."""
    results = (load_result(cache_dir, grid_key(trial, grid)) or load_result(cache_dir, former_grid_key(trial, grid))
               for trial in trials)
    return [result for result in results if result is not None]
