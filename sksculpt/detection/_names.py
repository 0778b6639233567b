"""Names of a network's inputs and outputs on its modules and module graph.

Detection sees only connectivity, so modules hold column indices. Where the
data have names (a DataFrame's columns, class labels), this layer adds them
beside the indices, which stay as they are.
"""

from dataclasses import replace


def name_graph(hierarchy, input_names=None, output_names=None):
    """A copy of a module graph with the names of the inputs and outputs each module holds.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph whose nodes hold integer ``inputs`` and ``outputs``; not modified.
    input_names, output_names : sequence of str or None, default=None
        The name of every input column (``feature_names_in_``) and of every
        output (class labels); None leaves that side as it is.

    Returns
    -------
    hierarchy : networkx.DiGraph
        A copy whose module nodes carry ``input_names`` and ``output_names``
        (tuples of str, in column order) and whose graph attributes
        ``input_names`` and ``output_names`` list every column's name. The
        integer ``inputs`` and ``outputs`` are kept.
    """
    graph = hierarchy.copy()
    for side, held, column_names in (("input_names", "inputs", input_names), ("output_names", "outputs", output_names)):
        if column_names is None:
            continue
        column_names = [str(name) for name in column_names]
        graph.graph[side] = column_names
        for _, data in graph.nodes(data=True):
            data[side] = tuple(column_names[index] for index in sorted(data[held]))
    return graph


def name_modules(modules, hierarchy, input_names=None, output_names=None):
    """Add the names of the inputs and outputs to modules and their module graph.

    Parameters
    ----------
    modules : list of Module
        Detected modules (``modules_``).
    hierarchy : networkx.DiGraph
        Their module graph (``hierarchy_``); not modified.
    input_names, output_names : sequence of str or None, default=None
        The name of every input column (``feature_names_in_``) and of every
        output (class labels); None leaves that side unnamed.

    Returns
    -------
    modules : list of Module
        Copies with ``input_names`` and ``output_names``: the names of the
        inputs and outputs each holds, in column order.
    hierarchy : networkx.DiGraph
        :func:`~sksculpt.detection.name_graph` of ``hierarchy``.

    Examples
    --------
    >>> import numpy as np
    >>> from sksculpt.detection import ModuleDetector, name_modules
    >>> masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    >>> detector = ModuleDetector().fit(masks)
    >>> modules, graph = name_modules(detector.modules_, detector.hierarchy_, ["age", "dose"], ["ill", "well"])
    >>> modules[0].input_names, graph.nodes[0]["output_names"]
    (('age',), ('ill',))
    """
    graph = name_graph(hierarchy, input_names, output_names)
    named = []
    for module in modules:
        names = {side: graph.nodes[module.id][side] for side in ("input_names", "output_names")
                 if side in graph.nodes[module.id]}
        named.append(replace(module, **names))
    return named, graph
