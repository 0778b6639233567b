"""What a cached grid point keeps of a fitted network, and its module graph read back."""

import networkx as nx
import numpy as np

from sksculpt.metrics import make_hierarchy_scorer
from sksculpt.model_selection import structure_signature


def last_accepted_target(records, stage):
    """Cumulative percent pruned by the last accepted step of ``stage`` (0.0 if none).

    Accepted targets only grow within a stage, so the last is the largest.
    """
    return max((record.target for record in records if record.stage == stage and record.accepted), default=0.0)


def units_left(detector):
    """Units per layer (inputs first, outputs last) that lie on an input-to-output path.

    This is the condensed architecture the paper's figures show.

    Parameters
    ----------
    detector : ModuleDetector
        Fitted (a classifier's ``detector_``, or one fitted on masks).
    """
    return [int((labels >= 0).sum()) for labels in detector.labels_]


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


def point_module_graph(point):
    """The module graph of a cached point (``modules`` and ``module_edges``) in the ``hierarchy_`` format."""
    graph = nx.DiGraph()
    for node, (inputs, outputs) in enumerate(point["modules"]):
        graph.add_node(node, inputs={int(index) for index in inputs.split(",") if index},
                       outputs={int(index) for index in outputs.split(",") if index})
    graph.add_edges_from(map(tuple, point["module_edges"]))
    return graph


def point_record(classifier, task, unit_step, edge_step, seconds, scorer=None):
    """What one fitted point of a grid leaves: its score, accuracy, density and modules.

    Parameters
    ----------
    classifier : SculptingClassifier
        Fitted.
    task : sklearn.utils.Bunch
        The task: its complete truth table (``data``, ``target``) and ``graph``.
    unit_step, edge_step : float
        P_u and P_e of the fit.
    seconds : float
        Wall time spent on this point (its share of a grid's).
    scorer : callable or None, default=None
        :func:`~sksculpt.metrics.make_hierarchy_scorer` of the task; made here when None.

    Returns
    -------
    point : dict
        JSON-serialisable: ``unit_step``, ``edge_step``, ``score`` (hierarchy
        match score), ``accuracy`` (share of output bits right on the table),
        ``density``, ``edges_left``, ``unit_target`` and ``edge_target`` (percent
        pruned by the last accepted step of each stage), ``n_rounds`` (training
        rounds run by the pruning steps), ``modules`` and ``module_edges`` (see
        :func:`describe_hierarchy`), ``structure`` (see
        :func:`sksculpt.model_selection.structure_signature`), ``seconds`` and
        ``units_left`` (see :func:`units_left`).
    """
    scorer = make_hierarchy_scorer(task.graph) if scorer is None else scorer
    modules, edges = describe_hierarchy(classifier.hierarchy_)
    records = classifier.sculpt_history_
    return dict(
        unit_step=unit_step,
        edge_step=edge_step,
        score=scorer(classifier, task.data),
        accuracy=float(np.mean(classifier.predict(task.data) == task.target)),
        density=float(classifier.density_),
        edges_left=int(sum(mask.sum() for mask in classifier.masks_)),
        unit_target=last_accepted_target(records, "units"),
        edge_target=last_accepted_target(records, "edges"),
        n_rounds=sum(1 for record in records if not np.isnan(record.accuracy)),
        modules=modules,
        module_edges=edges,
        structure=structure_signature(classifier.modules_, classifier.hierarchy_),
        seconds=seconds,
        units_left=units_left(classifier.detector_),
    )
