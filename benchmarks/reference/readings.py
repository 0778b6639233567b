"""Readings of a task's structure that a benchmark can score the cached nets against.

A cached point keeps its detected modules (held inputs and outputs) and module
edges, so any reading can be scored after the fact, without training:

- ``"exact"``: :func:`~sksculpt.metrics.expected_module_graph` of the task,
  every edge of its function graph (sksculpt's default score).
- ``"layered"``: the same without the edges that skip a level
  (``skip_edges="drop"``). It differs from ``"exact"`` on the depth task only.
- ``"paper"``: what the reference's depth figure counts as found. With 3 or
  more hidden layers it is ``"layered"``; with 1 or 2 the two first-level
  modules feeding a single module of all outputs (``g1, g2 -> h, k1, k2``).
  On every other task it is ``"layered"``.
"""

import networkx as nx

from sksculpt.metrics import expected_module_graph, match_module_graphs

from ..common.points import point_module_graph
from ..common.tasks import load_task

READINGS = ("exact", "layered", "paper")


def shallow_depth_graph(expected):
    """The paper's reading of the depth task on 1 or 2 hidden layers.

    Parameters
    ----------
    expected : networkx.DiGraph
        :func:`~sksculpt.metrics.expected_module_graph` of a depth task.

    Returns
    -------
    graph : networkx.DiGraph
        Its first-level modules (those no module feeds) kept, every other
        module merged into one that holds all outputs and is fed by each of them.
    """
    first = [node for node in expected if expected.in_degree(node) == 0]
    merged = nx.DiGraph(**expected.graph)
    for node in first:
        merged.add_node(node, **expected.nodes[node])
    top = max(expected) + 1
    outputs = frozenset().union(*(expected.nodes[node]["outputs"] for node in expected if node not in first))
    merged.add_node(top, inputs=frozenset(), outputs=outputs)
    merged.add_edges_from((node, top) for node in first)
    return merged


def expected_graph(trial, reading):
    """The module graph a trial's nets are scored against under ``reading`` (one of :data:`READINGS`)."""
    graph = load_task(trial["task"]).graph
    if reading == "exact":
        return expected_module_graph(graph)
    expected = expected_module_graph(graph, skip_edges="drop")
    if reading == "paper" and trial["family"] == "depth" and len(trial["hidden_layer_sizes"]) <= 2:
        return shallow_depth_graph(expected)
    return expected


def rescore(results, reading):
    """Score every cached point of ``results`` again under ``reading``, in place.

    Parameters
    ----------
    results : list of dict
        Picked or authors results (a ``point``) or grid results (``points``
        and ``authors``; their ``picks`` are made again with
        :func:`~benchmarks.reference.report.pick_with_sibling_seeds`).
    reading : str
        One of :data:`READINGS`.

    Returns
    -------
    results : list of dict
        The same list. Under ``"exact"`` it is returned as it is: cached
        scores are exact ones.
    """
    if reading == "exact":
        return results
    expected_by_trial = {}
    for result in results:
        trial = result["trial"]
        key = (trial["task"], len(trial["hidden_layer_sizes"]))
        if key not in expected_by_trial:
            expected_by_trial[key] = expected_graph(trial, reading)
        expected = expected_by_trial[key]
        points = [result["point"]] if "point" in result else [*result["points"], *result["authors"]]
        for point in points:
            if point is not None:
                point["score"] = match_module_graphs(expected, point_module_graph(point))
    return results
