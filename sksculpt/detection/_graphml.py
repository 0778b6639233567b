"""Save module graphs as GraphML and read them back."""

from xml.etree.ElementTree import ParseError

import networkx as nx

#: Node attributes held as collections, and how each is written as GraphML text.
_WRITERS = {
    "inputs": lambda indices: ",".join(str(index) for index in sorted(indices)),
    "outputs": lambda indices: ",".join(str(index) for index in sorted(indices)),
    "layers": lambda layers: ",".join(str(layer) for layer in layers),
    "units": lambda units: ";".join(
        f"{layer}:{','.join(str(unit) for unit in units[layer])}" for layer in sorted(units)
    ),
    "members": ",".join,
}


def _indices(text):
    return tuple(int(item) for item in text.split(",") if item)


#: The inverse of ``_WRITERS``.
_READERS = {
    "inputs": lambda text: frozenset(_indices(text)),
    "outputs": lambda text: frozenset(_indices(text)),
    "layers": _indices,
    "units": lambda text: {
        int(layer): _indices(units)
        for layer, units in (item.split(":") for item in text.split(";") if item)
    },
    "members": lambda text: tuple(name for name in text.split(",") if name),
}


def write_graphml(hierarchy, path):
    """Save a module graph as a GraphML file.

    GraphML holds only scalar attributes, so the collections on the nodes
    (``inputs``, ``outputs``, ``layers``, ``units`` and an expected graph's
    ``members``) are written as text, such as ``"0,1"`` or ``"0:0,1;1:3"``;
    :func:`read_graphml` turns them back.

    Parameters
    ----------
    hierarchy : networkx.DiGraph or fitted estimator
        A module graph (``hierarchy_``, or the output of
        :func:`~sksculpt.metrics.expected_module_graph`), or a fitted
        :class:`~sksculpt.SculptingClassifier` or :class:`~sksculpt.ModuleDetector`.
    path : str or os.PathLike or file
        Where to write, as for :func:`networkx.write_graphml`.

    Raises
    ------
    TypeError
        If ``hierarchy`` holds no module graph.

    See Also
    --------
    read_graphml : Read the file back.

    Examples
    --------
    >>> import io
    >>> import networkx as nx
    >>> from sksculpt.detection import read_graphml, write_graphml
    >>> graph = nx.DiGraph(n_inputs=2, n_outputs=1)
    >>> graph.add_node(0, inputs=frozenset({0, 1}), outputs=frozenset({0}))
    >>> file = io.BytesIO()
    >>> write_graphml(graph, file)
    >>> read_graphml(io.BytesIO(file.getvalue())).nodes[0]["inputs"]
    frozenset({0, 1})
    """
    graph = getattr(hierarchy, "hierarchy_", hierarchy)
    if not isinstance(graph, nx.DiGraph):
        raise TypeError(
            "hierarchy must be a module graph (networkx.DiGraph) or a fitted estimator with a "
            f"hierarchy_ attribute; got {type(hierarchy).__name__}."
        )
    text = graph.copy()
    for _, data in text.nodes(data=True):
        for name, write in _WRITERS.items():
            if name in data:
                data[name] = write(data[name])
    nx.write_graphml(text, path)


def read_graphml(path):
    """Read a module graph saved by :func:`write_graphml`.

    Parameters
    ----------
    path : str or os.PathLike or file
        The GraphML file.

    Returns
    -------
    hierarchy : networkx.DiGraph
        Integer node keys, and the node attributes as in ``hierarchy_``:
        ``inputs`` and ``outputs`` frozensets, ``layers`` and ``members``
        tuples, ``units`` a dict of layer to tuple of unit indices.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not GraphML.

    See Also
    --------
    write_graphml : Save a module graph.
    """
    try:
        graph = nx.read_graphml(path, node_type=int)
    except (nx.NetworkXError, ParseError) as error:
        raise ValueError(f"{path} is not a GraphML module graph ({error}).") from error
    for default in ("node_default", "edge_default"):  # added by networkx's reader
        if not graph.graph.get(default):
            graph.graph.pop(default, None)
    for _, data in graph.nodes(data=True):
        for name, read in _READERS.items():
            if name in data:
                data[name] = read(data[name])
    return graph
