"""Fit the reference's trials: once at the authors' pick, or over a P_u x P_e grid."""

import time
import warnings
from dataclasses import asdict

from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning

from sksculpt import SculptingClassifier
from sksculpt._cv import _sculpt_chunk
from sksculpt.metrics import make_hierarchy_scorer

from ._reference import classifier_params, load_task, row_params
from ._selection import SELECTION_RULES, add_spurious_paths
from ._trial import grid_point


def units_left(classifier):
    """Units per layer (inputs first, outputs last) that lie on an input-to-output path.

    This is the condensed architecture the paper's figures show.
    """
    return [int((labels >= 0).sum()) for labels in classifier.detector_.labels_]


def fitted_point(classifier, task, unit_step, edge_step, seconds):
    """:func:`~benchmarks._trial.grid_point` of a fitted classifier, plus its ``units_left``."""
    scorer = make_hierarchy_scorer(task.graph)
    point = grid_point(classifier, task.data, task.target, scorer, unit_step, edge_step, seconds)
    return dict(point, units_left=units_left(classifier))


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
        ``line``, ``modularity`` and ``point`` (see :func:`fitted_point`).
    """
    task = load_task(row.trial)
    classifier, seconds = fit_classifier(task, row_params(row))
    return dict(
        trial=trial_record(row.trial),
        script=row.script,
        line=row.line,
        modularity=list(row.modularity),
        point=fitted_point(classifier, task, row.unit_prune_step, row.edge_prune_step, seconds),
    )


def sculpt_grid_stacked(task, params, unit_steps, edge_steps, seed):
    """Sculpt a task at every (P_u, P_e) of a grid for one seed, as one stacked program.

    The grid's networks train together in sksculpt's engine (the dense round
    once, the unit stage once per P_u); each is exactly what
    ``SculptingClassifier(**params, random_state=seed)`` gives at its point.

    Parameters
    ----------
    task : sklearn.utils.Bunch
        The task's truth table and graph.
    params : dict
        ``SculptingClassifier`` arguments (no P_u, P_e or seed).
    unit_steps, edge_steps : sequence of float
        The P_u and P_e values.
    seed : int
        ``random_state`` of every network.

    Returns
    -------
    points : list of dict
        One :func:`fitted_point` per (P_u, P_e), P_u-major.
    """
    template = SculptingClassifier(**params)
    start = time.perf_counter()
    problem = clone(template).set_params(random_state=seed)._prepare(task.data, task.target)
    sculpted = _sculpt_chunk(template, [problem], unit_steps, edge_steps, memory=None, progress=None)
    seconds = (time.perf_counter() - start) / len(sculpted)
    return [
        fitted_point(point["estimator"], task, point["unit_prune_step"], point["edge_prune_step"], seconds)
        for point in sculpted
    ]


def grid_trial(trial, rows, grid, engine=sculpt_grid_stacked):
    """Sculpt one trial over a grid; read off the authors' picks and each selection rule's pick.

    Parameters
    ----------
    trial : ReferenceTrial
    rows : sequence of ReferenceRow
        The trial's rows (its picks).
    grid : Grid
    engine : callable, default=sculpt_grid_stacked
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
