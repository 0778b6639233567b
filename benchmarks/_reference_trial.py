"""Fit the reference's trials: once at the authors' pick, or over a P_u x P_e grid."""

import tempfile
import time
import warnings
from dataclasses import asdict

from sklearn.exceptions import ConvergenceWarning

from sksculpt import SculptingClassifier
from sksculpt.metrics import make_hierarchy_scorer

from ._reference import classifier_params, load_task, row_params
from ._selection import SELECTION_RULES
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


def sculpt_grid_serial(task, params, unit_steps, edge_steps, seed):
    """Sculpt a task at every (P_u, P_e) of a grid, one fit after another.

    The fits share one ``memory`` folder, so the dense round is trained once
    and the unit stage once per P_u; the results are those of independent fits.
    A batched engine with the same signature can replace this one.

    Parameters
    ----------
    task : Bunch
        ``make_boolean_task`` result.
    params : dict
        ``SculptingClassifier`` keyword arguments other than P_u, P_e and
        ``random_state``.
    unit_steps, edge_steps : sequence of float
        The P_u and P_e values.
    seed : int
        ``random_state`` of every fit.

    Returns
    -------
    points : list of dict
        One :func:`fitted_point` per (P_u, P_e), P_u-major.
    """
    points = []
    with tempfile.TemporaryDirectory(prefix="sksculpt-reference-") as memory:
        for unit_step in unit_steps:
            for edge_step in edge_steps:
                classifier, seconds = fit_classifier(
                    task, dict(params, unit_prune_step=unit_step, edge_prune_step=edge_step,
                               random_state=seed, memory=memory),
                )
                points.append(fitted_point(classifier, task, unit_step, edge_step, seconds))
    return points


def grid_trial(trial, rows, grid, engine=sculpt_grid_serial):
    """Sculpt one trial over a grid; read off the authors' picks and each selection rule's pick.

    Parameters
    ----------
    trial : ReferenceTrial
    rows : sequence of ReferenceRow
        The trial's rows (its picks).
    grid : Grid
    engine : callable, default=sculpt_grid_serial
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
    return dict(
        trial=trial_record(trial),
        points=points,
        authors=[by_setting.get((row.unit_prune_step, row.edge_prune_step)) for row in rows],
        picks={name: rule(points) for name, rule in SELECTION_RULES.items()},
        seconds=seconds,
    )
