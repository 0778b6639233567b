"""One trial of the protocol: sculpt a task over the whole P_u x P_e grid."""

import tempfile
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning

from sksculpt import SculptingClassifier
from sksculpt.metrics import make_hierarchy_scorer

from ._protocol import load_task, training_settings


def last_accepted_target(records, stage):
    """Cumulative percent pruned by the last accepted step of ``stage`` (0.0 if none).

    Accepted targets only grow within a stage, so the last is the largest.
    """
    return max((record.target for record in records if record.stage == stage and record.accepted), default=0.0)


def describe_hierarchy(hierarchy):
    """The module graph as plain lists: each module's held inputs and outputs, and its edges.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A fitted ``hierarchy_``.

    Returns
    -------
    modules : list of [str, str]
        ``[inputs, outputs]`` of each module (comma-separated indices), in node order.
    edges : list of [int, int]
        Module edges as positions in ``modules``.
    """
    nodes = list(hierarchy.nodes)
    modules = [
        [",".join(map(str, sorted(hierarchy.nodes[node][name]))) for name in ("inputs", "outputs")]
        for node in nodes
    ]
    edges = [[nodes.index(source), nodes.index(target)] for source, target in hierarchy.edges]
    return modules, edges


def grid_point(classifier, X, y, scorer, unit_step, edge_step, seconds):
    """What one fitted point of the grid leaves: its score, accuracy, density and modules.

    Parameters
    ----------
    classifier : SculptingClassifier
        Fitted.
    X, y : ndarray
        The complete truth table.
    scorer : callable
        :func:`~sksculpt.metrics.make_hierarchy_scorer` of the task.
    unit_step, edge_step : float
        P_u and P_e of the fit.
    seconds : float
        Wall time of the fit.

    Returns
    -------
    point : dict
        JSON-serialisable: ``unit_step``, ``edge_step``, ``score`` (hierarchy
        match score), ``accuracy`` (share of output bits right on the table),
        ``density``, ``edges_left``, ``unit_target`` and ``edge_target`` (percent
        pruned by the last accepted step of each stage), ``n_rounds`` (training
        rounds run by the pruning steps), ``modules`` and ``module_edges`` (see
        :func:`describe_hierarchy`) and ``seconds``.
    """
    modules, edges = describe_hierarchy(classifier.hierarchy_)
    records = classifier.sculpt_history_
    return dict(
        unit_step=unit_step,
        edge_step=edge_step,
        score=scorer(classifier, X),
        accuracy=float(np.mean(classifier.predict(X) == y)),
        density=float(classifier.density_),
        edges_left=int(sum(mask.sum() for mask in classifier.masks_)),
        unit_target=last_accepted_target(records, "units"),
        edge_target=last_accepted_target(records, "edges"),
        n_rounds=sum(1 for record in records if not np.isnan(record.accuracy)),
        modules=modules,
        module_edges=edges,
        seconds=seconds,
    )


def sculpt_grid(trial, grid):
    """Sculpt one trial's task at every point of the grid, sharing the cached stages.

    Every fit uses ``random_state=trial.seed`` and one ``memory`` folder, so the
    dense round is trained once and the unit stage once per P_u; results are
    those of independent fits. The folder is temporary and local to the
    process that runs the trial.

    Parameters
    ----------
    trial : Trial
    grid : Grid

    Returns
    -------
    result : dict
        JSON-serialisable: ``trial`` (its fields), ``settings`` (training
        settings), ``points`` (one :func:`grid_point` per grid point, P_u-major)
        and ``seconds`` (wall time of the whole trial).
    """
    task = load_task(trial.task)
    scorer = make_hierarchy_scorer(task.graph)
    settings = training_settings(trial.task, trial.depth)
    points = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sksculpt-trial-") as memory, warnings.catch_warnings():
        # A net that never reaches the threshold is recorded (accuracy < 1), not an error.
        warnings.simplefilter("ignore", ConvergenceWarning)
        for unit_step, edge_step in grid.points():
            fit_start = time.perf_counter()
            classifier = SculptingClassifier(
                trial.hidden_layer_sizes, **settings, unit_prune_step=unit_step, edge_prune_step=edge_step,
                random_state=trial.seed, memory=memory,
            ).fit(task.data, task.target)
            seconds = time.perf_counter() - fit_start
            points.append(grid_point(classifier, task.data, task.target, scorer, unit_step, edge_step, seconds))
    return dict(
        trial=dict(task=trial.task, width=trial.width, depth=trial.depth, seed=trial.seed),
        settings=settings,
        points=points,
        seconds=time.perf_counter() - start,
    )
