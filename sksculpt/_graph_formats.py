"""Checks and readers for the two graph formats: the true function graph and the module graph.

The true function graph (``sksculpt.datasets``) and the module graph
(``hierarchy_`` of ``ModuleDetector`` and ``SculptingClassifier``) have fixed
formats, described in the user guide and the API reference. Everything that checks or
reads them sits here, shared by the metrics, detection (GraphML), the search's
path helpers and the plots, so each works on validated data.
"""

import math
from collections.abc import Iterable
from numbers import Integral, Real

import networkx as nx
from sklearn.pipeline import Pipeline
from sklearn.utils._param_validation import StrOptions

ROLES = ("input", "function", "output")

#: The values of ``skip_edges``: keep every module edge, or drop those a longer path implies.
SKIP_EDGES = StrOptions({"keep", "drop"})


def check_true_graph(true_graph):
    """Check that ``true_graph`` is a true function graph and return its depths.

    Parameters
    ----------
    true_graph : networkx.DiGraph
        Nodes carry ``role`` ("input", "function" or "output"); inputs and
        outputs also carry their column ``index``; an edge runs from every
        operand to the node that reads it.

    Returns
    -------
    depth : dict
        Node -> length of the longest operand path from an input to it
        (inputs 0). This is the ``level`` of the format, computed from the
        edges so that only ``role`` and ``index`` are required.

    Raises
    ------
    TypeError
        If ``true_graph`` is not a ``networkx.DiGraph``.
    ValueError
        If a node lacks a known role or an index, the input or output indices
        are not 0..n-1, the graph has a cycle, an input has operands, a
        function or output has none, or a function feeds no output.
    """
    if not isinstance(true_graph, nx.DiGraph):
        raise TypeError(
            f"true_graph must be a networkx.DiGraph (the true function graph of "
            f"sksculpt.datasets.make_boolean_task); got {type(true_graph).__name__}."
        )
    refuse_multigraph(true_graph, "true_graph")
    looks_like_modules = any("inputs" in data for _, data in true_graph.nodes(data=True))
    if looks_like_modules and not any("role" in data for _, data in true_graph.nodes(data=True)):
        raise ValueError(
            "true_graph looks like a module graph (its nodes carry 'inputs', not 'role'); pass "
            "the task's true function graph first, e.g. hierarchy_match_score(task.graph, clf)."
        )
    for node, role in true_graph.nodes(data="role"):
        if role not in ROLES:
            raise ValueError(
                f"Node {node!r} of true_graph has role={role!r}; every node needs a role "
                f"attribute in {ROLES} (the format of sksculpt.datasets.make_boolean_task)."
            )
    for role in ("input", "output"):
        _check_column_indices(true_graph, role)
    if not nx.is_directed_acyclic_graph(true_graph):
        raise ValueError("true_graph has a cycle; a function graph must be acyclic.")
    for node, role in true_graph.nodes(data="role"):
        n_operands = true_graph.in_degree(node)
        if role == "input" and n_operands:
            raise ValueError(
                f"Input node {node!r} of true_graph has operands; inputs read nothing."
            )
        if role != "input" and not n_operands:
            raise ValueError(
                f"{role.capitalize()} node {node!r} of true_graph has no operand edge."
            )
    outputs = nodes_with_role(true_graph, "output")
    feeds_an_output = set(outputs).union(*(nx.ancestors(true_graph, node) for node in outputs))
    for node, role in true_graph.nodes(data="role"):
        if role == "function" and node not in feeds_an_output:
            raise ValueError(
                f"Function node {node!r} of true_graph feeds no output; remove it or connect it."
            )
    depth = {}
    for node in nx.topological_sort(true_graph):
        operand_depths = [depth[operand] for operand in true_graph.predecessors(node)]
        depth[node] = 1 + max(operand_depths) if operand_depths else 0
    return depth


def refuse_multigraph(graph, name):
    """Raise TypeError for a MultiDiGraph, whose parallel edges the formats do not have."""
    if graph.is_multigraph():
        raise TypeError(
            f"{name} is a networkx.MultiDiGraph; the graph formats have at most one edge per "
            f"pair of nodes, so pass networkx.DiGraph({name.split('.')[0]}) instead."
        )


def _check_column_indices(true_graph, role):
    """Check that the nodes of one role carry the column indices 0..n-1, once each."""
    indices = [true_graph.nodes[node].get("index") for node in nodes_with_role(true_graph, role)]
    if role == "output" and not indices:
        raise ValueError("true_graph has no output node; a task needs at least one output.")
    valid = all(_is_index(index) for index in indices)
    if not valid or sorted(indices) != list(range(len(indices))):
        raise ValueError(
            f"The {role} nodes of true_graph must carry the integer attribute 'index' with "
            f"the values 0..{len(indices) - 1}, once each; got {indices}."
        )


def nodes_with_role(true_graph, role):
    """The nodes of ``true_graph`` with the given ``role``, in graph order."""
    return [node for node, node_role in true_graph.nodes(data="role") if node_role == role]


def module_graph_of(hierarchy):
    """Return the module graph held by ``hierarchy``.

    Parameters
    ----------
    hierarchy : networkx.DiGraph or object
        A module graph in the ``hierarchy_`` format, any fitted object with a
        ``hierarchy_`` attribute (``SculptingClassifier``, ``ModuleDetector``),
        or a fitted :class:`~sklearn.pipeline.Pipeline` ending in such an object.

    Returns
    -------
    module_graph : networkx.DiGraph

    Raises
    ------
    TypeError
        If no module graph can be found in ``hierarchy``.
    ValueError
        If the module graph has a self-loop, or is a true function graph
        (its nodes carry ``role``, not ``inputs``). Cycles between modules are
        accepted: a detected module graph can have them.
    """
    if isinstance(hierarchy, nx.DiGraph):
        refuse_multigraph(hierarchy, "hierarchy")
        nodes = [data for _, data in hierarchy.nodes(data=True)]
        if any("role" in data for data in nodes) and not any("inputs" in data for data in nodes):
            raise ValueError(
                "hierarchy looks like a true function graph (its nodes carry 'role', not 'inputs'); "
                "pass the detected module graph (hierarchy_, or the fitted estimator) here and the "
                "task's graph as true_graph, e.g. hierarchy_match_score(task.graph, clf)."
            )
        _refuse_self_loops(hierarchy)
        return hierarchy
    if hasattr(hierarchy, "hierarchy_"):
        module_graph = hierarchy.hierarchy_
        if not isinstance(module_graph, nx.DiGraph):
            raise TypeError(
                f"{type(hierarchy).__name__}.hierarchy_ must be a networkx.DiGraph; "
                f"got {type(module_graph).__name__}."
            )
        refuse_multigraph(module_graph, f"{type(hierarchy).__name__}.hierarchy_")
        _refuse_self_loops(module_graph)
        return module_graph
    if isinstance(hierarchy, Pipeline):
        return module_graph_of(hierarchy[-1])
    raise TypeError(
        f"hierarchy must be a module graph (networkx.DiGraph) or a fitted object with a "
        f"hierarchy_ attribute, such as a fitted SculptingClassifier or ModuleDetector; "
        f"got {type(hierarchy).__name__}. Fit it first if it is an unfitted estimator."
    )


def _refuse_self_loops(module_graph):
    """Raise ValueError, naming the module, if a module graph has an edge from a module to itself.

    Cycles between modules are kept: a module that spans layers on both
    sides of another (one module of most units, with a one-unit module in a
    middle layer that it feeds and that feeds it back) gives a detected
    module graph a cycle, and :class:`~sksculpt.detection.ModuleDetector`
    reports it as it is. A module's edges to itself are inside it and never
    make a module edge.
    """
    loops = list(nx.selfloop_edges(module_graph))
    if loops:
        raise ValueError(
            f"The module graph has an edge from module {loops[0][0]!r} to itself; edges inside a module are not "
            "module edges. Remove the self-loops, e.g. graph.remove_edges_from(list(nx.selfloop_edges(graph)))."
        )


def held_index_sets(module_graph, n_inputs, n_outputs):
    """Read the input and output columns held by each module.

    Parameters
    ----------
    module_graph : networkx.DiGraph
        Every node carries ``inputs`` and ``outputs``: iterables of column
        indices, frozensets in the ``hierarchy_`` format.
    n_inputs, n_outputs : int
        Number of input and output columns of the task; held indices must lie
        below them, and the graph attributes ``n_inputs`` / ``n_outputs``, when
        present, must equal them.

    Returns
    -------
    held : dict
        Node -> ``(inputs, outputs)``, two frozensets of column indices.

    Raises
    ------
    ValueError
        If an attribute is missing or malformed, or the graph belongs to a task
        of another size.
    """
    for name, expected in (("n_inputs", n_inputs), ("n_outputs", n_outputs)):
        seen = module_graph.graph.get(name, expected)
        if seen != expected:
            raise ValueError(
                f"The module graph has {name}={seen} but the true function graph has "
                f"{expected}; was the hierarchy detected on another task?"
            )
    held = {node: node_index_sets(node, data) for node, data in module_graph.nodes(data=True)}
    for node, index_sets in held.items():
        for name, indices, size in zip(("inputs", "outputs"), index_sets, (n_inputs, n_outputs)):
            out_of_range = sorted(index for index in indices if not 0 <= index < size)
            if out_of_range:
                raise ValueError(
                    f"Module {node!r} holds {name} {out_of_range}, but the true function graph "
                    f"has {size} {name} (0..{size - 1}); was the hierarchy detected on another task?"
                )
    return held


def node_index_sets(node, data):
    """Read the input and output columns one module node holds.

    Parameters
    ----------
    node : hashable
        The module node, for error messages.
    data : dict
        Its attributes; ``inputs`` and ``outputs`` are required.

    Returns
    -------
    inputs, outputs : frozenset of int

    Raises
    ------
    ValueError
        If an attribute is missing or does not hold column indices.
    """
    for name in ("inputs", "outputs"):
        if name not in data:
            raise ValueError(
                f"Module {node!r} has no {name!r} attribute; every node of a module graph needs "
                f"'inputs' and 'outputs' (sets of column indices such as {{0, 1}})."
            )
    return read_index_set(node, "inputs", data["inputs"]), read_index_set(node, "outputs", data["outputs"])


def read_index_set(node, name, value):
    """Read the column indices held in one ``inputs``/``outputs`` attribute of a module node.

    Parameters
    ----------
    node : hashable
        The module node, for error messages.
    name : str
        The attribute, ``"inputs"`` or ``"outputs"``, for error messages.
    value : iterable of int
        The indices, a frozenset in the ``hierarchy_`` format.

    Returns
    -------
    indices : frozenset of int

    Raises
    ------
    ValueError
        If ``value`` is text (GraphML's form, read back with
        :func:`~sksculpt.detection.read_graphml`) or holds anything but integers.
    """
    if isinstance(value, (str, bytes)):
        raise ValueError(
            f"Attribute {name!r} of module {node!r} is the text {value!r}; module graphs hold "
            "sets of column indices. Read GraphML files with sksculpt.detection.read_graphml, "
            "which turns the text back into sets."
        )
    items = list(value) if isinstance(value, Iterable) else None
    if items is None or not all(_is_index(item) for item in items):
        raise ValueError(
            f"Attribute {name!r} of module {node!r} must hold column indices; got {value!r}."
        )
    return frozenset(int(item) for item in items)


def read_support(owner, value):
    """Read the ``support`` of a module or module edge: the share of networks that hold it.

    Parameters
    ----------
    owner : str
        What carries the attribute, such as ``"module 0"`` or ``"edge 0 -> 1"``,
        for error messages.
    value : float
        The support, a real number in [0, 1], or NaN where no network was
        counted (see :func:`~sksculpt.model_selection.structure_support`).

    Returns
    -------
    support : float

    Raises
    ------
    ValueError
        If ``value`` is neither a real number in [0, 1] nor NaN.
    """
    is_real = isinstance(value, Real) and not isinstance(value, bool)
    if not is_real or not (0 <= value <= 1 or math.isnan(value)):
        raise ValueError(
            f"Attribute 'support' of {owner} must be a number in [0, 1] (the share of networks "
            f"that hold it), or NaN where no network was counted; got {value!r}."
        )
    return float(value)


def _is_index(value):
    """Whether ``value`` is an integer (and not a bool)."""
    return isinstance(value, Integral) and not isinstance(value, bool)


def module_signatures(module_graph, held):
    """Map each module to its signature: (inputs held, outputs held, inputs upstream, outputs downstream).

    ``held`` maps each module to its (inputs, outputs) index sets
    (:func:`held_index_sets` or :func:`node_index_sets`). The metrics match
    modules by these signatures, and the plots name modules by them.
    """
    signatures = {}
    for module, (inputs, outputs) in held.items():
        upstream = inputs.union(
            *(held[ancestor][0] for ancestor in nx.ancestors(module_graph, module))
        )
        downstream = outputs.union(
            *(held[descendant][1] for descendant in nx.descendants(module_graph, module))
        )
        signatures[module] = (inputs, outputs, upstream, downstream)
    return signatures


def signature_similarity(signature, other):
    """Mean Jaccard index over the four sets of two signatures."""
    return sum(jaccard(mine, theirs) for mine, theirs in zip(signature, other)) / len(signature)


def jaccard(first, second):
    """Jaccard index of two sets, 1 when both are empty."""
    union = len(first | second)
    return len(first & second) / union if union else 1.0
