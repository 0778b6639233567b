"""Module graphs as values a rule can compare: signatures, descriptions and relay modules."""

import networkx as nx
import numpy as np

from ._validation import held_sets


def structure_signature(modules, hierarchy):
    """A canonical, readable string for a detected module structure.

    Each module is described by the input features and outputs it holds and
    the inputs upstream of it and outputs downstream of it along the module
    graph; the signature lists the module descriptions in sorted order, then
    the module edges between them. Two detections get the same signature
    exactly when their module graphs are the same up to module numbering.

    Parameters
    ----------
    modules : list of Module
        ``modules_`` of a fitted detector or classifier.
    hierarchy : networkx.DiGraph
        The matching ``hierarchy_``.

    Returns
    -------
    signature : str

    Examples
    --------
    >>> from sksculpt import ModuleDetector
    >>> import numpy as np
    >>> masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    >>> detector = ModuleDetector().fit(masks)
    >>> structure_signature(detector.modules_, detector.hierarchy_)
    'in 0 out 0 | in 1 out 1'
    """
    by_id = {getattr(module, "id", None): module for module in modules} if np.iterable(modules) else {}
    held_sets(hierarchy)
    if set(by_id) != set(hierarchy):
        raise ValueError(
            f"modules and hierarchy must describe one detection: module ids {sorted(map(str, by_id))} against "
            f"module graph nodes {sorted(map(str, hierarchy))}. Pass modules_ and hierarchy_ of one fitted estimator."
        )
    names = module_descriptions(
        hierarchy, {node: by_id[node].inputs for node in hierarchy}, {node: by_id[node].outputs for node in hierarchy}
    )
    order = sorted(names.values())
    edges = sorted(f"{order.index(names[a])}>{order.index(names[b])}" for a, b in hierarchy.edges)
    return " | ".join(order) + (" ; " + " ".join(edges) if edges else "")


def module_descriptions(hierarchy, held_inputs=None, held_outputs=None):
    """Each module of a module graph described by what it holds and where it sits.

    A module is described by the input features and outputs it holds, the
    inputs upstream of it and the outputs downstream of it along the module
    graph: two modules of two networks with the same description compute
    from the same inputs for the same outputs, whatever their numbering.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph in the ``hierarchy_`` format.
    held_inputs, held_outputs : dict or None, default=None
        Node to the inputs (outputs) it holds; None reads the nodes'
        ``inputs`` (``outputs``) attributes.

    Returns
    -------
    descriptions : dict
        Node to its description, such as ``"in 0,1 down 0,1"``.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([(0, 1)])
    >>> graph.add_node(0, inputs={0, 1}, outputs=set())
    >>> graph.add_node(1, inputs=set(), outputs={0})
    >>> module_descriptions(graph)
    {0: 'in 0,1 down 0', 1: 'out 0 up 0,1'}
    """
    if held_inputs is None or held_outputs is None:
        held_inputs, held_outputs = held_sets(hierarchy)

    def describe(node):
        upstream = set().union(*(held_inputs[a] for a in nx.ancestors(hierarchy, node)))
        downstream = set().union(*(held_outputs[d] for d in nx.descendants(hierarchy, node)))
        parts = [("in", held_inputs[node]), ("out", held_outputs[node]), ("up", upstream), ("down", downstream)]
        return " ".join(f"{name} {','.join(map(str, sorted(values)))}" for name, values in parts if values)

    return {node: describe(node) for node in hierarchy}


def relay_modules(hierarchy):
    """The relay modules of a module graph: modules that hold nothing and are fed by one module at most.

    A relay holds no input and no output and combines nothing: it passes on
    what a single module computes. A layered network puts such units between
    a sub-function and its readers when they sit more than one layer apart,
    and the detection cuts the sub-function there; a function graph has no
    counterpart (a module that holds nothing reads at least two modules,
    like ``h = XOR(g1, g2)`` of the depth task).

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph in the ``hierarchy_`` format.

    Returns
    -------
    relays : list
        The relay nodes, in node order.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([(0, 1), (1, 2), (1, 3)])
    >>> for node, held in {0: ({0, 1}, set()), 1: (set(), set()), 2: (set(), {0}), 3: (set(), {1})}.items():
    ...     graph.add_node(node, inputs=held[0], outputs=held[1])
    >>> relay_modules(graph)
    [1]
    """
    inputs, outputs = held_sets(hierarchy)
    return [
        node for node in hierarchy
        if not inputs[node] and not outputs[node] and len(set(hierarchy.predecessors(node)) - {node}) <= 1
    ]


def _count_output_modules(hierarchy):
    """How many modules of a module graph hold outputs."""
    return sum(1 for _, data in hierarchy.nodes(data=True) if data["outputs"])


def _held_modules(hierarchy):
    """The inputs and outputs held by each module of a module graph that holds any, as a set of pairs."""
    inputs, outputs = held_sets(hierarchy)
    return frozenset((frozenset(inputs[node]), frozenset(outputs[node])) for node in hierarchy
                     if inputs[node] or outputs[node])
