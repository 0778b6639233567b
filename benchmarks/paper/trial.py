"""One trial of the protocol: sculpt a task over the whole P_u x P_e grid."""

import time

import numpy as np
from sklearn.base import clone

from sksculpt import SculptingClassifier
from sksculpt._cv import _sculpt_chunk
from sksculpt.metrics import make_hierarchy_scorer
from sksculpt.model_selection import structure_signature

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
        Wall time spent on this point (its share of the trial's).

    Returns
    -------
    point : dict
        JSON-serialisable: ``unit_step``, ``edge_step``, ``score`` (hierarchy
        match score), ``accuracy`` (share of output bits right on the table),
        ``density``, ``edges_left``, ``unit_target`` and ``edge_target`` (percent
        pruned by the last accepted step of each stage), ``n_rounds`` (training
        rounds run by the pruning steps), ``modules`` and ``module_edges`` (see
        :func:`describe_hierarchy`), ``structure`` (see
        :func:`sksculpt.model_selection.structure_signature`) and ``seconds``.
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
        structure=structure_signature(classifier.modules_, classifier.hierarchy_),
        seconds=seconds,
    )


def sculpt_trials(trials, grid):
    """Sculpt trials that differ only in their seed over the whole grid, as one stacked program.

    The trials' networks of every grid point train together in sksculpt's
    engine (the dense round once per seed, the unit stage once per seed and
    P_u); each network is exactly what ``SculptingClassifier(random_state=
    trial.seed)`` gives at that point.

    Parameters
    ----------
    trials : list of Trial
        Same task, width and depth.
    grid : Grid

    Returns
    -------
    results : list of dict
        One per trial, JSON-serialisable: ``trial`` (its fields), ``settings``
        (training settings), ``points`` (one :func:`grid_point` per grid
        point, P_u-major) and ``seconds`` (its share of the wall time).
    """
    first = trials[0]
    if any((t.task, t.width, t.depth) != (first.task, first.width, first.depth) for t in trials):
        raise ValueError("sculpt_trials takes trials of one task and architecture; they differ only in seed.")
    task = load_task(first.task)
    scorer = make_hierarchy_scorer(task.graph)
    settings = training_settings(first.task, first.depth)
    template = SculptingClassifier(first.hidden_layer_sizes, **settings)
    start = time.perf_counter()
    problems = [clone(template).set_params(random_state=t.seed)._prepare(task.data, task.target) for t in trials]
    sculpted = _sculpt_chunk(template, problems, grid.unit_steps, grid.edge_steps, memory=None, progress=None)
    seconds = (time.perf_counter() - start) / len(sculpted)
    points = [[] for _ in trials]
    for point in sculpted:
        points[point["seed"]].append(grid_point(
            point["estimator"], task.data, task.target, scorer, point["unit_prune_step"],
            point["edge_prune_step"], seconds,
        ))
    return [
        dict(
            trial=dict(task=t.task, width=t.width, depth=t.depth, seed=t.seed),
            settings=settings,
            points=trial_points,
            seconds=seconds * len(trial_points),
        )
        for t, trial_points in zip(trials, points, strict=True)
    ]


def sculpt_grid(trial, grid):
    """Sculpt one trial's task at every point of the grid (see :func:`sculpt_trials`)."""
    return sculpt_trials([trial], grid)[0]
