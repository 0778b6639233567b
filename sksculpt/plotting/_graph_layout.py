"""Layered layout of a module graph and short descriptions of index sets (no matplotlib)."""

from collections import defaultdict

import networkx as nx
import numpy as np


def graph_levels(graph):
    """Level of every node of a directed graph, from the sources upwards.

    A node that no edge reaches has level 0; any other node has level
    ``1 + max(level of its predecessors)``. Nodes on a cycle share the level
    of their strongly connected component, computed on the condensation.

    Parameters
    ----------
    graph : networkx.DiGraph
        The graph.

    Returns
    -------
    levels : dict
        Node to level (int).

    Examples
    --------
    >>> import networkx as nx
    >>> graph_levels(nx.DiGraph([(0, 1), (1, 2), (0, 2), (3, 2)]))
    {0: 0, 1: 1, 2: 2, 3: 0}
    """
    condensed = nx.condensation(graph)
    component_level = {}
    for component in nx.topological_sort(condensed):
        feeding = [component_level[source] for source in condensed.predecessors(component)]
        component_level[component] = 1 + max(feeding) if feeding else 0
    return {node: component_level[condensed.graph["mapping"][node]] for node in graph}


def layered_positions(graph, levels, tie_break):
    """Place the nodes of a graph in rows by level, ordered to limit crossings.

    Row ``y = level``. In every row the nodes sit at unit spacing centred on
    ``x = 0``, ordered by the mean x of their predecessors in lower rows (the
    barycentre heuristic; nodes without such predecessors go last), then by
    ``tie_break``.

    Parameters
    ----------
    graph : networkx.DiGraph
        The graph.
    levels : dict
        Node to level (:func:`graph_levels`).
    tie_break : callable
        ``tie_break(node)`` returns a sort key that orders nodes with equal
        barycentres, and the nodes of the lowest row.

    Returns
    -------
    positions : dict
        Node to ``(x, y)``.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([("a", "c"), ("b", "d")])
    >>> layered_positions(graph, {"a": 0, "b": 0, "c": 1, "d": 1}, tie_break=lambda n: n)["d"]
    (0.5, 1.0)
    """
    rows = defaultdict(list)
    for node, level in levels.items():
        rows[level].append(node)
    positions = {}
    for level in sorted(rows):

        def pull(node):
            below = [positions[p][0] for p in graph.predecessors(node) if p in positions]
            return (float(np.mean(below)) if below else np.inf, tie_break(node))

        row = sorted(rows[level], key=pull)
        for rank, node in enumerate(row):
            positions[node] = (rank - (len(row) - 1) / 2, float(level))
    return positions


def describe_names(names, noun, max_names=3):
    """Write a list of names briefly: all of them, or the first ones and how many more.

    Parameters
    ----------
    names : sequence of str
        Names, in column order.
    noun : str
        Plural noun for the count of the names left out.
    max_names : int, default=3
        Most names written out.

    Returns
    -------
    text : str

    Examples
    --------
    >>> describe_names(["age", "dose"], "inputs")
    'age, dose'
    >>> describe_names(["a", "b", "c", "d", "e"], "inputs")
    'a, b +3 inputs'
    """
    if len(names) <= max_names:
        return ", ".join(names)
    return f"{', '.join(names[:max_names - 1])} +{len(names) - max_names + 1} {noun}"


def describe_indices(indices, prefix, noun, max_runs=3):
    """Write a set of column indices briefly, as runs of consecutive indices.

    Parameters
    ----------
    indices : iterable of int
        Column indices.
    prefix : str
        Written before each index, such as ``"x"`` for inputs.
    noun : str
        Plural noun for the count, used when the runs are too many to list.
    max_runs : int, default=3
        Most runs written out.

    Returns
    -------
    text : str
        Runs such as ``"x0–x3, x7"``, or the count such as ``"64 inputs"`` when
        there are more than ``max_runs`` runs.

    Examples
    --------
    >>> describe_indices({0, 1, 2, 3, 7}, "x", "inputs")
    'x0–x3, x7'
    >>> describe_indices({0, 2, 4, 6}, "x", "inputs")
    '4 inputs'
    """
    ordered = sorted(indices)
    runs = []
    for index in ordered:
        if runs and index == runs[-1][1] + 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    if len(runs) > max_runs:
        return f"{len(ordered)} {noun}"
    return ", ".join(
        f"{prefix}{first}" if first == last else f"{prefix}{first}–{prefix}{last}"
        for first, last in runs
    )
