"""Save module graphs as GraphML and read them back."""

import io
import json
import os
import zlib
from numbers import Integral
from xml.etree.ElementTree import ParseError, fromstring

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from .._graph_formats import read_support, refuse_multigraph

#: Node attributes held as collections, and how each is written as GraphML text.
_WRITERS = {
    "inputs": lambda indices: ",".join(str(index) for index in sorted(indices)),
    "outputs": lambda indices: ",".join(str(index) for index in sorted(indices)),
    "layers": lambda layers: ",".join(str(layer) for layer in layers),
    "units": lambda units: ";".join(
        f"{layer}:{','.join(str(unit) for unit in units[layer])}" for layer in sorted(units)
    ),
    "members": ",".join,
    "input_names": lambda names: json.dumps([str(name) for name in names]),
    "output_names": lambda names: json.dumps([str(name) for name in names]),
}

#: Graph attributes held as lists of names (every input's, every output's), written as JSON text.
_NAME_LISTS = ("input_names", "output_names")


def _indices(text):
    return tuple(int(item) for item in text.split(",") if item)


def _names(text):
    """Read ``'["age", "dose"]'`` back into ``("age", "dose")``."""
    names = json.loads(text)
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError(f"not a JSON list of strings: {text!r}")
    return tuple(names)


def _units(text):
    """Read ``"0:0,1;1:3"`` back into ``{0: (0, 1), 1: (3,)}``."""
    units = {}
    for item in text.split(";"):
        if item:
            layer, held = item.split(":")  # ValueError unless exactly one colon
            units[int(layer)] = _indices(held)
    return units


#: The inverse of ``_WRITERS``; each raises ValueError on text it cannot read.
_READERS = {
    "inputs": lambda text: frozenset(_indices(text)),
    "outputs": lambda text: frozenset(_indices(text)),
    "layers": _indices,
    "units": _units,
    "members": lambda text: tuple(name for name in text.split(",") if name),
    "input_names": _names,
    "output_names": _names,
}

#: The value types a GraphML attribute can hold: those networkx's writer knows (str, bool, ints, floats).
_GRAPHML_TYPES = frozenset(GraphMLWriter().xml_type)

#: What each collection attribute holds, and its text, for error messages.
_FORMS = {
    "inputs": "integer column indices, written like '0,1'",
    "outputs": "integer column indices, written like '0,1'",
    "layers": "integer layer indices, written like '1,2'",
    "units": "integer unit indices per integer layer, written like '0:0,1;1:3'",
    "members": "names without commas, written like 'g1,y0'",
    "input_names": 'names as a JSON list of strings, like \'["age", "dose"]\'',
    "output_names": 'names as a JSON list of strings, like \'["ill", "well"]\'',
}


def write_graphml(hierarchy, path):
    """Save a module graph as a GraphML file.

    GraphML holds only scalar attributes, so the collections on the nodes
    (``inputs``, ``outputs``, ``layers``, ``units`` and an expected graph's
    ``members``) are written as text, such as ``"0,1"`` or ``"0:0,1;1:3"``,
    and the names of inputs and outputs (``input_names`` and
    ``output_names`` on the nodes and on the graph, see
    :func:`~sksculpt.detection.name_modules`) as JSON lists of strings;
    :func:`read_graphml` turns them back. A ``support`` on modules or module
    edges (the share of networks that hold them, as on the ``hierarchy_`` of
    :class:`~sksculpt.SculptingClassifierCV`) is written as a GraphML
    ``double`` (NaN where no network was counted); a ``support`` of None is
    left out.

    Parameters
    ----------
    hierarchy : networkx.DiGraph or fitted estimator
        A module graph (``hierarchy_``, or the output of
        :func:`~sksculpt.metrics.expected_module_graph`), or a fitted
        :class:`~sksculpt.SculptingClassifier` or :class:`~sksculpt.ModuleDetector`.
    path : str or os.PathLike or file
        Where to write: a file name (``.gz`` and ``.bz2`` names are
        compressed) or a file open in binary mode.

    Raises
    ------
    TypeError
        If ``hierarchy`` holds no module graph, or a ``networkx.MultiDiGraph``,
        or ``path`` is neither a file name nor a file open in binary mode.
    ValueError
        If the graph has a node key that is not an integer,
        or an attribute that :func:`read_graphml` could not read back: a
        collection of anything but integers (names for ``members``), a
        ``support`` outside [0, 1], or any other attribute (of the graph, a
        module or a module edge) that is not a string, a number or a
        boolean, such as a list or None. Nothing is written then.

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
        unfitted = " Fit it first." if hasattr(hierarchy, "fit") else ""
        raise TypeError(
            "hierarchy must be a module graph (networkx.DiGraph) or a fitted estimator with a "
            f"hierarchy_ attribute; got {type(hierarchy).__name__}.{unfitted}"
        )
    refuse_multigraph(graph, "hierarchy")
    _check_writable(path)
    text = graph.copy()
    for name in _NAME_LISTS:
        if name in text.graph:
            text.graph[name] = _encode("the graph", name, text.graph[name])
    for node, data in text.nodes(data=True):
        if not isinstance(node, Integral) or isinstance(node, bool):
            raise ValueError(
                f"Node {node!r} of hierarchy is not an integer; module graphs number their "
                "modules 0, 1, ..., which read_graphml reads back. Relabel the nodes with "
                "networkx.convert_node_labels_to_integers."
            )
        for name in _WRITERS.keys() & data.keys():
            data[name] = _encode(node, name, data[name])
        _encode_support(data, f"module {node!r}")
        _check_scalars(data, f"module {node!r}")
    for source, target, data in text.edges(data=True):
        _encode_support(data, f"edge {source!r} -> {target!r}")
        _check_scalars(data, f"edge {source!r} -> {target!r}")
    _check_scalars(text.graph, "the graph")
    nx.write_graphml(text, path)


def _check_writable(path):
    """Refuse a ``path`` that is neither a file name nor a file open for writing bytes."""
    if isinstance(path, (str, os.PathLike)):
        return
    if isinstance(path, io.TextIOBase):
        raise TypeError(
            "path is a file open in text mode; GraphML is written as bytes, so open it in binary "
            "mode (open(name, 'wb'), io.BytesIO()) or pass the file name."
        )
    if not hasattr(path, "write"):
        raise TypeError(
            "path must be a file name (str or os.PathLike) or a file open in binary mode; "
            f"got {type(path).__name__}."
        )


def _check_scalars(data, owner):
    """Refuse an attribute GraphML cannot hold (not a string, number or boolean), naming it."""
    for name, value in data.items():
        kind = type(value)
        if kind not in _GRAPHML_TYPES:
            module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
            raise ValueError(
                f"Attribute {name!r} of {owner} is {value!r} ({module}{kind.__qualname__}); GraphML holds "
                "only strings, integers, floats and bools, so convert it (e.g. str(value)) or remove it "
                "before writing."
            )


def _encode_support(data, owner):
    """Make a ``support`` attribute a float to write as a double; drop a ``None`` one."""
    if "support" not in data:
        return
    if data["support"] is None:
        del data["support"]
    else:
        data["support"] = read_support(owner, data["support"])


def _encode(node, name, value):
    """Write one collection attribute of a module (or of ``"the graph"``) as text, refusing a value the
    reader would refuse."""
    if not isinstance(value, (str, bytes)):
        try:
            text = _WRITERS[name](value)
            _READERS[name](text)
            return text
        except (TypeError, ValueError):
            pass
    owner = node if node == "the graph" else f"module {node!r}"
    raise ValueError(
        f"Attribute {name!r} of {owner} is {value!r}, which read_graphml could not read "
        f"back; it must hold {_FORMS[name]}."
    )


def read_graphml(path):
    """Read a module graph saved by :func:`write_graphml`.

    Parameters
    ----------
    path : str or os.PathLike or file
        The GraphML file, by name (``.gz`` and ``.bz2`` names are
        decompressed) or open in binary mode.

    Returns
    -------
    hierarchy : networkx.DiGraph
        Integer node keys, and the node attributes as in ``hierarchy_``:
        ``inputs`` and ``outputs`` frozensets, ``layers``, ``members``,
        ``input_names`` and ``output_names`` tuples, ``units`` a dict of layer
        to tuple of unit indices; the graph's ``input_names`` and
        ``output_names`` lists;
        ``support`` of modules and edges, where present, a float in [0, 1]
        (NaN where no network was counted).

    Raises
    ------
    TypeError
        If ``path`` is neither a file name nor an open file.
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not GraphML, or not a module graph: a compressed
        file that does not decompress, more than one graph, an undirected
        graph, parallel edges, a node id that is not an integer or is
        declared twice, an edge to an undeclared node, a collection attribute
        that is not text in the form :func:`write_graphml` writes, or a
        ``support`` outside [0, 1]. The message names the file and the node
        or attribute.

    See Also
    --------
    write_graphml : Save a module graph.
    """
    is_name = isinstance(path, (str, os.PathLike))
    if not is_name and not hasattr(path, "read"):
        raise TypeError(
            "path must be a file name (str or os.PathLike) or an open file; "
            f"got {type(path).__name__}."
        )
    source = os.fspath(path) if is_name else getattr(path, "name", "the file")
    try:
        content = _read_bytes(path)
    except (EOFError, zlib.error, OSError) as error:
        if isinstance(error, OSError) and error.errno is not None:  # the file system's: missing, a folder, ...
            raise
        raise ValueError(
            f"{source} cannot be decompressed: it is damaged, or not compressed as its name says "
            f"({type(error).__name__}: {error}). Write it again, or drop the .gz/.bz2 suffix of a plain "
            "GraphML file."
        ) from error
    content = content.encode("utf-8") if isinstance(content, str) else content
    try:
        root = fromstring(content)
    except ParseError as error:
        raise _not_graphml(source, error) from error
    n_graphs = sum(1 for _ in _graphml_elements(root, "graph"))
    if n_graphs > 1:
        raise ValueError(
            f"{source} holds {n_graphs} <graph> elements; a module graph file holds one, as "
            "write_graphml writes it. Split the file, one graph per file."
        )
    _check_node_ids(root, source)
    try:
        graph = nx.read_graphml(io.BytesIO(content), node_type=int)
    except (nx.NetworkXError, KeyError, ValueError) as error:
        raise _not_graphml(source, error) from error
    if not graph.is_directed():
        raise ValueError(
            f"{source} holds an undirected graph; a module graph is directed, from each module "
            'to the modules it feeds. Write it with edgedefault="directed", as write_graphml does.'
        )
    if graph.is_multigraph():
        parallel = next((u, v) for u, v in graph.edges() if graph.number_of_edges(u, v) > 1)
        raise ValueError(
            f"{source} has {graph.number_of_edges(*parallel)} edges from node {parallel[0]} to "
            f"node {parallel[1]}; a module graph has at most one edge per pair of modules (its "
            "weight counts the sculpted edges), so merge the parallel edges."
        )
    for default in ("node_default", "edge_default"):  # added by networkx's reader
        if not graph.graph.get(default):
            graph.graph.pop(default, None)
    for name in _NAME_LISTS:
        if name in graph.graph:
            graph.graph[name] = list(_decode(source, "the graph", name, graph.graph[name]))
    for node, data in graph.nodes(data=True):
        for name in _READERS.keys() & data.keys():
            data[name] = _decode(source, node, name, data[name])
        if "support" in data:
            data["support"] = _support_in_file(source, f"module {node}", data["support"])
    for tail, head, data in graph.edges(data=True):
        if "support" in data:
            data["support"] = _support_in_file(source, f"edge {tail} -> {head}", data["support"])
    return graph


@nx.utils.open_file(0, mode="rb")
def _read_bytes(file):
    """The whole content of a file given by name or open."""
    return file.read()


def _not_graphml(source, error):
    """The error for a file that networkx or the XML parser cannot read as GraphML."""
    return ValueError(f"{source} is not a GraphML module graph ({error}).")


def _graphml_elements(root, tag):
    """Every element of the document with the local name ``tag``, with or without namespace."""
    return (element for element in root.iter() if element.tag.rpartition("}")[2] == tag)


def _check_node_ids(root, source):
    """Refuse node ids that are not integers or are declared twice, and edges to undeclared nodes."""
    declared = set()
    for element in _graphml_elements(root, "node"):
        node = _node_id(element.get("id"), source)
        if node in declared:
            raise ValueError(
                f"{source} declares node {node} twice; a module graph has one <node> element "
                "per module, each with its own id."
            )
        declared.add(node)
    for element in _graphml_elements(root, "edge"):
        for end in ("source", "target"):
            if _node_id(element.get(end), source) not in declared:
                raise ValueError(
                    f"{source} has an edge from node {element.get('source')!r} to node "
                    f"{element.get('target')!r}, but no <node> element declares node "
                    f"{element.get(end)!r}; declare every module an edge joins."
                )


def _node_id(text, source):
    """The integer key of a GraphML node id."""
    try:
        return int(text)
    except (TypeError, ValueError):
        raise ValueError(
            f"{source} has the node id {text!r}, which is not an integer; module graphs number "
            "their modules 0, 1, ..., as write_graphml writes them."
        ) from None


def _decode(source, node, name, value):
    """Turn the text of one collection attribute back into its value."""
    if isinstance(value, str):
        try:
            return _READERS[name](value)
        except ValueError:
            found = f"the text {value!r}"
    else:
        found = f"typed {type(value).__name__} in the file ({value!r}), not string"
    owner = node if node == "the graph" else f"node {node}"
    raise ValueError(
        f"{source}: attribute {name!r} of {owner} is {found}; it must be text holding "
        f"{_FORMS[name]}, as write_graphml writes it."
    )


def _support_in_file(source, owner, value):
    """Read a ``support`` attribute of the file, naming the file in an error."""
    try:
        return read_support(owner, value)
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None
