"""The module graph that a perfect detection of a known function graph gives."""

from collections import defaultdict

import networkx as nx
from sklearn.utils._param_validation import validate_params

from .._graph_formats import SKIP_EDGES, check_true_graph, nodes_with_role


@validate_params({"true_graph": "no_validation", "skip_edges": [SKIP_EDGES]}, prefer_skip_nested_validation=True)
def expected_module_graph(true_graph, *, skip_edges="keep"):
    """Module graph that a perfect module detection of ``true_graph`` finds.

    Modules are built from the nodes of the true function graph by these rules:

    1. Twins are merged: sub-functions that read exactly the same operands and
       feed exactly the same consumers cannot be told apart by connectivity,
       so they form one module.
    2. Copies stand for what they copy: an output whose operands are all
       sub-functions of one module (a plain or negated copy of a sub-function,
       or a function of twins) is held by that module. Any other output (a
       function of several modules, or of an input) is a module of its own.
       Outputs are never merged with each other otherwise: the detection keeps
       every output its own cluster unless it is fed by a single module.
    3. Inputs are grouped by the set of modules that read them at their
       lowest consumer level. A group read by a single module is held by that
       module, unless the module also reads another group; every other group
       is an input-only module of its own (the shared inputs of the overlap
       tasks, and there also each sub-function's private inputs). The merge
       rule of the detection joins an input cluster to the next layer's
       cluster only when that cluster takes nearly all of its edges (more
       than the merge threshold) from it, which a sub-function that also reads
       shared inputs does not. An input that nothing reads is held by no
       module, as the detection's clean-up drops it.
    4. An edge joins module(operand) -> module(node) for every operand edge of
       the true graph whose ends lie in different modules; its ``weight`` is
       the number of such operand edges (informational only).
    5. With ``skip_edges="drop"``, an edge is left out when a longer path
       joins the same two modules (the transitive reduction of the module
       graph).

    Parameters
    ----------
    true_graph : networkx.DiGraph
        The true function graph (format of ``sksculpt.datasets``): nodes with
        ``role`` "input", "function" or "output", inputs and outputs with their
        column ``index``, an edge from every operand to the node reading it.
    skip_edges : {"keep", "drop"}, default="keep"
        Whether a module edge that skips a level is expected when a longer
        path joins the same two modules. ``"keep"`` expects every edge of
        the function graph. ``"drop"`` expects the reading a layered network
        shows: there, what a module passes to a module two levels up can
        travel through the hidden units of the module between them, and
        sculpted networks keep no separate wiring for it. On the depth task
        (``k1 = AND(h, g1)`` reads ``g1`` beside ``h = XOR(g1, g2)``) this is
        the structure the paper counts as found, ``g1, g2 -> h -> k1, k2``;
        see :ref:`skip_edges`.

    Returns
    -------
    expected : networkx.DiGraph
        In the ``hierarchy_`` format: nodes 0..k-1 (ordered by level, then by
        the outputs and inputs they hold), node attributes ``inputs`` and
        ``outputs`` (frozensets of column indices) and ``members`` (tuple of
        the names of the true graph's functions and outputs the module stands
        for); edges with ``weight``; graph attributes
        ``n_inputs``, ``n_outputs`` and, when ``true_graph`` has one, ``name``.

    Raises
    ------
    TypeError
        If ``true_graph`` is not a ``networkx.DiGraph``.
    ValueError
        If ``true_graph`` does not follow the true function graph format.

    See Also
    --------
    sksculpt.hierarchy_match_score : Compare a detected module graph with this one.

    Notes
    -----
    The level of a node is the length of the longest operand path from an
    input to it. Twins are found in one pass: two twins share their consumers
    and their operands, so every operand or consumer set contains either all
    of a twin group or none of it, and merging groups never makes two
    different sets equal; no new twins can appear.

    Examples
    --------
    ``g = XOR(x0, x1)``, ``y0 = g``, ``y1 = AND(g, x2)``:

    >>> import networkx as nx
    >>> from sksculpt.metrics import expected_module_graph
    >>> G = nx.DiGraph(name="demo")
    >>> for i in range(3):
    ...     G.add_node(f"x{i}", role="input", index=i, level=0)
    >>> G.add_node("g", role="function", op="xor", level=1)
    >>> G.add_node("y0", role="output", index=0, op="identity", level=2)
    >>> G.add_node("y1", role="output", index=1, op="and", level=2)
    >>> G.add_edges_from([("x0", "g"), ("x1", "g"), ("g", "y0"), ("g", "y1"), ("x2", "y1")])
    >>> modules = expected_module_graph(G)
    >>> for module, data in modules.nodes(data=True):
    ...     print(module, sorted(data["inputs"]), sorted(data["outputs"]), data["members"])
    0 [0, 1] [0] ('g', 'y0')
    1 [2] [1] ('y1',)
    >>> list(modules.edges(data="weight"))
    [(0, 1, 1)]
    """
    depth = check_true_graph(true_graph)
    module_of = _merge_twins(true_graph)
    module_of.update(_place_outputs(true_graph, module_of))
    module_of.update(_place_inputs(true_graph, module_of, depth))
    expected = _build_module_graph(true_graph, module_of, depth)
    if skip_edges == "drop":
        expected.remove_edges_from(list(skipping_edges(expected)))
    return expected


def skipping_edges(module_graph):
    """Edges of a directed acyclic graph that a longer path between their ends implies.

    Parameters
    ----------
    module_graph : networkx.DiGraph
        Acyclic.

    Returns
    -------
    edges : list of tuple
        Every edge ``(u, v)`` such that ``v`` is reachable from another
        successor of ``u``: the edges that
        :func:`networkx.transitive_reduction` removes.

    Examples
    --------
    >>> import networkx as nx
    >>> skipping_edges(nx.DiGraph([(0, 1), (1, 2), (0, 2)]))
    [(0, 2)]
    """
    kept = nx.transitive_reduction(module_graph)
    return [edge for edge in module_graph.edges if not kept.has_edge(*edge)]


def _merge_twins(true_graph):
    """Map every function node to its module: the frozenset of its twins (rule 1)."""
    twins = defaultdict(set)
    for node in nodes_with_role(true_graph, "function"):
        wiring = (frozenset(true_graph.predecessors(node)), frozenset(true_graph.successors(node)))
        twins[wiring].add(node)
    return {node: frozenset(group) for group in twins.values() for node in group}


def _place_outputs(true_graph, module_of):
    """Map every output to the module it copies, or to a module of its own (rule 2)."""
    placed = {}
    for node in nodes_with_role(true_graph, "output"):
        operand_modules = {module_of.get(operand) for operand in true_graph.predecessors(node)}
        copies_one_module = len(operand_modules) == 1 and None not in operand_modules
        placed[node] = operand_modules.pop() if copies_one_module else frozenset({node})
    return placed


def _place_inputs(true_graph, module_of, depth):
    """Map every read input to the module of its lowest consumers, or to an input group (rule 3)."""
    readers_of = {}
    for node in nodes_with_role(true_graph, "input"):
        consumers = list(true_graph.successors(node))
        if consumers:
            lowest = min(depth[consumer] for consumer in consumers)
            readers_of[node] = frozenset(
                module_of[consumer] for consumer in consumers if depth[consumer] == lowest
            )
    groups_read_by = defaultdict(set)
    for readers in readers_of.values():
        for module in readers:
            groups_read_by[module].add(readers)
    placed = {}
    for node, readers in readers_of.items():
        (reader, *others) = readers
        absorbed = not others and len(groups_read_by[reader]) == 1
        placed[node] = reader if absorbed else ("inputs read by", readers)
    return placed


def _build_module_graph(true_graph, module_of, depth):
    """Write the modules and their connections in the ``hierarchy_`` format (rule 4)."""
    members = defaultdict(list)
    for node, module in module_of.items():
        members[module].append(node)
    described = {module: _describe(true_graph, nodes, depth) for module, nodes in members.items()}
    ordered = sorted(described, key=described.get)
    module_id = {module: i for i, module in enumerate(ordered)}

    graph = nx.DiGraph(
        n_inputs=len(nodes_with_role(true_graph, "input")),
        n_outputs=len(nodes_with_role(true_graph, "output")),
    )
    if "name" in true_graph.graph:
        graph.graph["name"] = true_graph.graph["name"]
    for module in ordered:
        _, outputs, inputs, names = described[module]
        graph.add_node(
            module_id[module],
            inputs=frozenset(inputs),
            outputs=frozenset(outputs),
            members=names,
        )
    for operand, node in true_graph.edges:
        if operand not in module_of or module_of[operand] == module_of[node]:
            continue
        edge = (module_id[module_of[operand]], module_id[module_of[node]])
        if graph.has_edge(*edge):
            graph.edges[edge]["weight"] += 1
        else:
            graph.add_edge(*edge, weight=1)
    return graph


def _describe(true_graph, nodes, depth):
    """Describe a module as (level, outputs, inputs, member names), its sort key.

    Member names list the functions by name, then the outputs by column. The
    key is unique: every module but an input-only one has members, and
    input-only modules hold disjoint inputs.
    """
    by_role = defaultdict(list)
    for node in nodes:
        by_role[true_graph.nodes[node]["role"]].append(node)
    inputs = sorted(true_graph.nodes[node]["index"] for node in by_role["input"])
    outputs = sorted((true_graph.nodes[node]["index"], str(node)) for node in by_role["output"])
    names = sorted(str(node) for node in by_role["function"]) + [name for _, name in outputs]
    level = min((depth[node] for node in by_role["function"] + by_role["output"]), default=0)
    return (level, tuple(index for index, _ in outputs), tuple(inputs), tuple(names))
