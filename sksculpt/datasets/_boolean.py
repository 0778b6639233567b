"""The Boolean task families of the Neural Sculpting paper, as complete truth tables."""

from collections import namedtuple
from numbers import Integral
from textwrap import indent

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils._param_validation import StrOptions, validate_params

from .._validation import StrictInterval
from ._function_graph import FunctionGraph


def _table_from_minterms(minterms, n_operands):
    """Truth table that is 1 exactly on the listed operand rows."""
    table = np.zeros(2**n_operands, dtype=np.uint8)
    table[list(minterms)] = 1
    return table


#: f_A(a, b, c, d) = 1 exactly on abcd in {0011, 1010, 1100}.
F_A_TABLE = _table_from_minterms([0b0011, 0b1010, 0b1100], 4)
#: f_B(a, b, c, d) = 1 exactly on abcd in {0101, 1001, 1111}.
F_B_TABLE = _table_from_minterms([0b0101, 0b1001, 0b1111], 4)

#: Outputs per task for the families that take ``m`` when ``m`` is not given.
DEFAULT_M = 16
#: Reuse counts used in the paper (any even ``m >= 2`` is accepted).
PAPER_M_VALUES = (2, 4, 8, 12, 16)
MAX_OVERLAP = 4


def _inputs(start, stop):
    return [f"x{i}" for i in range(start, stop)]


def _add_copies(graph, sources, m):
    """Outputs y0..y{m-1}; output j copies ``sources[j % len(sources)]``."""
    for j in range(m):
        graph.add_output("identity", sources[j % len(sources)])


def _input_separable():
    graph = FunctionGraph(4, name="input_separable")
    graph.add_function("g1", "xor", ["x0", "x1"])
    graph.add_function("g2", "xor", ["x2", "x3"])
    for source in ("g1", "g2"):
        graph.add_output("identity", source)
        graph.add_output("not", source)
    return graph


def _single():
    graph = FunctionGraph(4, name="single")
    graph.add_function("g", F_A_TABLE, _inputs(0, 4))
    _add_copies(graph, ["g"], 4)
    return graph


def _reused(m):
    graph = FunctionGraph(4, name="reused")
    graph.add_function("g", F_A_TABLE, _inputs(0, 4))
    graph.add_function("h1", "and", ["g", "x0"])
    graph.add_function("h2", "and", ["g", "x2"])
    _add_copies(graph, ["h1", "h2"], m)
    return graph


def _separable_reused():
    graph = FunctionGraph(6, name="separable_reused")
    graph.add_function("g1", "and", ["x0", "x1"])
    graph.add_function("g2", "and", ["x2", "x3"])
    graph.add_function("g3", "and", ["x4", "x5"])
    graph.add_function("h1", "or", ["g1", "g2"])
    graph.add_function("h2", "or", ["g1", "g3"])
    graph.add_function("h3", "or", ["g2", "g3"])
    _add_copies(graph, ["h1", "h2", "h3"], 3)
    return graph


def _overlap(m, overlap):
    graph = FunctionGraph(8 - overlap, name="overlap")
    graph.add_function("A", F_A_TABLE, _inputs(0, 4))
    graph.add_function("B", F_B_TABLE, _inputs(4 - overlap, 8 - overlap))
    _add_copies(graph, ["A", "B"], m)
    return graph


def _depth(m):
    graph = FunctionGraph(8, name="depth")
    graph.add_function("g1", F_A_TABLE, _inputs(0, 4))
    graph.add_function("g2", F_B_TABLE, _inputs(4, 8))
    graph.add_function("h", "xor", ["g1", "g2"])
    graph.add_function("k1", "and", ["h", "g1"])
    graph.add_function("k2", "and", ["h", "g2"])
    _add_copies(graph, ["k1", "k2"], m)
    return graph


_F_AB_TEXT = (
    "\nf_A(a, b, c, d) = 1 exactly on abcd in {0011, 1010, 1100}; "
    "f_B(a, b, c, d) = 1 exactly on abcd in {0101, 1001, 1111}."
)

_Family = namedtuple("_Family", ["build", "parameters", "summary"])

#: Task families of ``make_boolean_task``: builder, the parameters it takes, a summary.
BOOLEAN_TASKS = {
    "input_separable": _Family(
        _input_separable,
        (),
        "Input-separable task [4, 2, 4]: g1 = XOR(x0, x1), g2 = XOR(x2, x3); "
        "y0 = g1, y1 = NOT g1, y2 = g2, y3 = NOT g2.",
    ),
    "single": _Family(
        _single,
        (),
        "Single sub-function task [4, 1, 4]: g = f_A(x0..x3); y0 = y1 = y2 = y3 = g." + _F_AB_TEXT,
    ),
    "reused": _Family(
        _reused,
        ("m",),
        "Reused sub-function task [4, 1, 2, m]: g = f_A(x0..x3); h1 = g AND x0, "
        "h2 = g AND x2; even outputs = h1, odd outputs = h2." + _F_AB_TEXT,
    ),
    "separable_reused": _Family(
        _separable_reused,
        (),
        "Separable and reused task [6, 3, 3, 3]: g1 = AND(x0, x1), g2 = AND(x2, x3), "
        "g3 = AND(x4, x5); h1 = OR(g1, g2), h2 = OR(g1, g3), h3 = OR(g2, g3); "
        "y0 = h1, y1 = h2, y2 = h3.",
    ),
    "overlap": _Family(
        _overlap,
        ("m", "overlap"),
        "Input-overlap task [8 - o, 2, m]: A = f_A(x0..x3), B = f_B(x(4-o)..x(7-o)); "
        "even outputs = A, odd outputs = B." + _F_AB_TEXT,
    ),
    "depth": _Family(
        _depth,
        ("m",),
        "Hierarchy-depth task [8, 2, 1, 2, m]: g1 = f_A(x0..x3), g2 = f_B(x4..x7); "
        "h = XOR(g1, g2); k1 = AND(h, g1), k2 = AND(h, g2); "
        "even outputs = k1, odd outputs = k2." + _F_AB_TEXT,
    ),
}


def truth_table_bunch(function_graph, summary, *, return_X_y=False):
    """Package a function graph's complete truth table like scikit-learn's loaders.

    Parameters
    ----------
    function_graph : FunctionGraph
        The task.
    summary : str
        First paragraph of ``DESCR``.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : Bunch or tuple of (ndarray, ndarray)
        See :func:`make_boolean_task`.
    """
    X, Y = function_graph.truth_table()
    if return_X_y:
        return X, Y
    n_rows, n_inputs = X.shape
    description = "\n\n".join(
        [
            summary,
            f"Modularity list: {function_graph.modularity()} "
            "(inputs, sub-functions per level, outputs).",
            f"data: the complete truth table, {n_rows} rows x {n_inputs} inputs, float32 0/1; "
            "row r holds the binary digits of r, x0 the most significant bit.\n"
            f"target: {n_rows} rows x {Y.shape[1]} outputs, int64 0/1; column j is y{{j}}.",
            "Function graph (tables list the operand rows in binary counting order, "
            "first operand most significant):\n" + indent(function_graph.describe(), "    "),
        ]
    )
    return Bunch(
        data=X,
        target=Y,
        graph=function_graph.to_networkx(),
        feature_names=function_graph.input_names,
        target_names=function_graph.output_names,
        DESCR=description,
    )


def _check_m(m):
    if m % 2:
        raise ValueError(
            f"m must be even (half the outputs copy each of the two top sub-functions); got {m}. "
            f"The paper used m in {PAPER_M_VALUES}."
        )
    return m


@validate_params(
    {
        "name": [StrOptions(set(BOOLEAN_TASKS))],
        "m": [StrictInterval(Integral, 2, None, closed="left"), None],
        "overlap": [StrictInterval(Integral, 0, MAX_OVERLAP, closed="both"), None],
        "return_X_y": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def make_boolean_task(name, *, m=None, overlap=None, return_X_y=False):
    """Complete truth table and true function graph of one of the paper's Boolean tasks.

    Parameters
    ----------
    name : {"input_separable", "single", "reused", "separable_reused", "overlap", "depth"}
        The task family (see Notes).
    m : int or None, default=None
        Number of outputs of the ``"reused"``, ``"overlap"`` and ``"depth"``
        tasks (the reuse count: each of the two top sub-functions feeds ``m / 2``
        outputs). Any even ``m >= 2``; the paper used 2, 4, 8, 12 and 16.
        None means 16. Must stay None for the other families.
    overlap : int or None, default=None
        Number of inputs shared by the two sub-functions of the ``"overlap"``
        task, 0 to 4; required there, must stay None for the other families.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with attributes:

        data : ndarray of shape (2 ** n_inputs, n_inputs), dtype float32
            Every input row once, in binary counting order with ``x0`` the
            most significant bit (row ``r`` holds the binary digits of ``r``).
        target : ndarray of shape (2 ** n_inputs, n_outputs), dtype int64
            The 0/1 outputs (a multi-label target).
        graph : networkx.DiGraph
            The true function graph (see :meth:`FunctionGraph.to_networkx`).
        feature_names : list of str
            ``["x0", ...]``, the graph's input node names.
        target_names : list of str
            ``["y0", ...]``, the graph's output node names.
        DESCR : str
            Description of the task, its modularity list and every node.

    (data, target) : tuple if ``return_X_y`` is True

    Raises
    ------
    ValueError
        If ``name`` is unknown, ``m`` is odd or below 2, ``overlap`` is outside
        0..4 or missing for ``"overlap"``, or a parameter is given to a family
        that does not take it.

    Notes
    -----
    With ``f_A(a, b, c, d) = 1`` exactly on ``abcd`` in {0011, 1010, 1100} and
    ``f_B(a, b, c, d) = 1`` exactly on ``abcd`` in {0101, 1001, 1111}:

    ================== ================== ===========================================
    name               modularity list    definition
    ================== ================== ===========================================
    input_separable    [4, 2, 4]          g1 = XOR(x0, x1), g2 = XOR(x2, x3);
                                          y0 = g1, y1 = NOT g1, y2 = g2, y3 = NOT g2
    single             [4, 1, 4]          g = f_A(x0..x3); y0 = y1 = y2 = y3 = g
    reused             [4, 1, 2, m]       g = f_A(x0..x3); h1 = g AND x0,
                                          h2 = g AND x2; even outputs h1, odd h2
    separable_reused   [6, 3, 3, 3]       g1 = AND(x0, x1), g2 = AND(x2, x3),
                                          g3 = AND(x4, x5); h1 = OR(g1, g2),
                                          h2 = OR(g1, g3), h3 = OR(g2, g3); yi = h(i+1)
    overlap            [8 - o, 2, m]      A = f_A(x0..x3), B = f_B(x(4-o)..x(7-o));
                                          even outputs A, odd outputs B
    depth              [8, 2, 1, 2, m]    g1 = f_A(x0..x3), g2 = f_B(x4..x7);
                                          h = XOR(g1, g2); k1 = AND(h, g1),
                                          k2 = AND(h, g2); even outputs k1, odd k2
    ================== ================== ===========================================

    In the graph, sub-functions named in the modularity list are function
    nodes and outputs copy them (``op="identity"``, or ``"not"`` for the
    negated copies of ``input_separable``); so in ``separable_reused`` the ORs
    are the function nodes ``h1``-``h3`` and the graph's function levels match
    the list [6, 3, 3, 3]. f_A and f_B are nodes with ``op="table"``.

    Examples
    --------
    >>> from sksculpt.datasets import make_boolean_task
    >>> task = make_boolean_task("reused", m=4)
    >>> task.data.shape, task.target.shape
    ((16, 4), (16, 4))
    >>> X, y = make_boolean_task("overlap", overlap=2, m=2, return_X_y=True)
    >>> X.shape
    (64, 6)
    """
    family = BOOLEAN_TASKS[name]
    given = {"m": m, "overlap": overlap}
    for parameter, value in given.items():
        if value is not None and parameter not in family.parameters:
            takers = sorted(
                task for task, spec in BOOLEAN_TASKS.items() if parameter in spec.parameters
            )
            raise ValueError(
                f"Task {name!r} does not take {parameter}; leave it None. "
                f"{parameter} applies to: {takers}."
            )
    arguments = {}
    if "m" in family.parameters:
        arguments["m"] = _check_m(DEFAULT_M if m is None else int(m))
    if "overlap" in family.parameters:
        if overlap is None:
            raise ValueError(f"Task {name!r} needs overlap=o, an integer in 0..{MAX_OVERLAP}.")
        arguments["overlap"] = int(overlap)
    graph = family.build(**arguments)
    return truth_table_bunch(graph, family.summary, return_X_y=return_X_y)
