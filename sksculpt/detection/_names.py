"""Names of a network's inputs and outputs on its modules and module graph.

Detection sees only connectivity, so modules hold column indices. Where the
data have names (a DataFrame's columns, class labels), this layer adds them
beside the indices, which stay as they are.
"""

from dataclasses import replace


def output_names(kind, classes, y):
    """The names of a classifier's output units, or None where the targets give none.

    Parameters
    ----------
    kind : {"multiclass", "binary", "multilabel"}
        Class labels over one output per class; two class labels over one
        output, the probability of the second; or a 0/1 matrix.
    classes : ndarray
        The class labels (``classes_``).
    y : array-like
        The targets as the caller gave them: a multi-label DataFrame's
        columns name its outputs.

    Returns
    -------
    names : list of str or None

    Examples
    --------
    >>> import numpy as np
    >>> output_names("multiclass", np.array(["cat", "dog", "eel"]), None)
    ['cat', 'dog', 'eel']
    >>> output_names("binary", np.array(["benign", "malignant"]), None)
    ['malignant']
    """
    if kind == "multiclass":
        return [str(label) for label in classes]
    if kind == "binary":
        return [str(classes[1])]
    columns = getattr(y, "columns", None)
    return None if columns is None else [str(column) for column in columns]


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


def named_sets(modules):
    """Each module's held inputs and outputs as names where it has them, else as indices.

    Parameters
    ----------
    modules : list of Module

    Returns
    -------
    inputs, outputs : dict
        Module id to the set of names (or indices) it holds.
    """
    inputs = {m.id: set(m.inputs if m.input_names is None else m.input_names) for m in modules}
    outputs = {m.id: set(m.outputs if m.output_names is None else m.output_names) for m in modules}
    return inputs, outputs
