"""Boolean function graphs: declare sub-functions, evaluate them, export the true graph."""

import re
from dataclasses import dataclass
from numbers import Integral

import networkx as nx
import numpy as np
from sklearn.utils import check_array
from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval
from ._truth_tables import apply_truth_table, binary_rows, resolve_op, table_to_string

#: Largest number of inputs for which :meth:`FunctionGraph.truth_table` builds
#: all ``2 ** n_inputs`` rows (2**20 rows of 20 float32 columns take 80 MB).
MAX_TRUTH_TABLE_INPUTS = 20

_RESERVED_NAME = re.compile(r"[xy]\d+")


@dataclass(frozen=True)
class _Node:
    """One node of a function graph; ``table`` is None for inputs."""

    name: str
    role: str
    level: int
    index: int | None = None
    op: str | None = None
    operands: tuple = ()
    table: np.ndarray | None = None


class FunctionGraph:
    """Builder for a Boolean function graph with known sub-functions.

    Declare the inputs (by their number), then sub-functions and outputs in any
    order that declares every operand before the node reading it. The graph
    evaluates any 0/1 input matrix, builds its complete truth table and exports
    itself as a :class:`networkx.DiGraph` in sksculpt's true-graph format.

    Parameters
    ----------
    n_inputs : int
        Number of input bits; they are named ``"x0"`` .. ``"x{n_inputs-1}"``.
    name : str, default="function_graph"
        Task name, stored as the graph attribute ``name``.

    Attributes
    ----------
    name : str
        The task name.

    Notes
    -----
    A node's ``op`` is one of ``"and"``, ``"or"``, ``"xor"`` (parity) over two
    or more operands, ``"not"`` or ``"identity"`` over exactly one operand, or a
    truth table over ``k`` operands: ``2 ** k`` values of 0/1 in binary counting
    order of the operand rows, the first operand the most significant bit. With
    operand values ``v_1 .. v_k`` the node's value is
    ``table[sum_p v_p * 2 ** (k - p)]``.

    Every operand must already be declared, so forward references and cycles
    cannot occur. Outputs are named ``"y0"``, ``"y1"``, ... in the order they
    are added and cannot be operands. Levels: inputs have level 0, every other
    node has level ``1 + max(level of its operands)``.

    Examples
    --------
    >>> graph = FunctionGraph(2, name="demo")
    >>> graph.add_function("g", "xor", ["x0", "x1"])
    'g'
    >>> graph.add_output("not", "g")
    'y0'
    >>> X, Y = graph.truth_table()
    >>> Y.ravel().tolist()
    [1, 0, 0, 1]
    """

    @validate_params(
        {"n_inputs": [StrictInterval(Integral, 1, None, closed="left")], "name": [str]},
        prefer_skip_nested_validation=True,
    )
    def __init__(self, n_inputs, *, name="function_graph"):
        n_inputs = int(n_inputs)
        self.name = name
        self._nodes = {
            f"x{i}": _Node(name=f"x{i}", role="input", level=0, index=i) for i in range(n_inputs)
        }
        self._n_inputs = n_inputs
        self._output_names = []

    @property
    def n_inputs(self):
        """Number of input bits."""
        return self._n_inputs

    @property
    def n_outputs(self):
        """Number of outputs declared so far."""
        return len(self._output_names)

    @property
    def input_names(self):
        """Input node names ``["x0", ...]``."""
        return [f"x{i}" for i in range(self._n_inputs)]

    @property
    def function_names(self):
        """Sub-function node names, in declaration order."""
        return [node.name for node in self._nodes.values() if node.role == "function"]

    @property
    def output_names(self):
        """Output node names ``["y0", ...]``."""
        return list(self._output_names)

    def add_function(self, name, op, operands):
        """Declare a sub-function node.

        Parameters
        ----------
        name : str
            New node name; must not be taken and must not look like an input or
            output name (``x<digits>``, ``y<digits>``).
        op : str or sequence of {0, 1}
            ``"and"``, ``"or"``, ``"xor"``, ``"not"``, ``"identity"`` or a truth
            table (see the class Notes).
        operands : str or sequence of str
            Names of already declared inputs or sub-functions, in operand order.
            A single str is one operand.

        Returns
        -------
        name : str
            The node name.

        Raises
        ------
        TypeError
            If the name or an operand name is not a str.
        ValueError
            If the name is taken or reserved, an operand is unknown, repeated or
            an output, the op is unknown, or the operand count does not fit the op.
        """
        if not isinstance(name, str) or not name:
            raise TypeError(f"A sub-function name must be a non-empty str; got {name!r}.")
        if name in self._nodes:
            raise ValueError(f"Node name {name!r} is already used; choose another name.")
        if _RESERVED_NAME.fullmatch(name):
            raise ValueError(
                f"Node name {name!r} looks like an input or output name (x<i>, y<j>); "
                "choose another name for a sub-function."
            )
        self._nodes[name] = self._make_node(name, "function", op, operands)
        return name

    def add_output(self, op, operands):
        """Declare the next output ``"y{j}"``.

        Parameters
        ----------
        op : str or sequence of {0, 1}
            As for :meth:`add_function`; a plain copy of one node is ``"identity"``,
            a negated copy ``"not"``.
        operands : str or sequence of str
            Names of already declared inputs or sub-functions.

        Returns
        -------
        name : str
            The output name ``"y{j}"``.

        Raises
        ------
        ValueError
            As for :meth:`add_function`.
        """
        name = f"y{len(self._output_names)}"
        self._nodes[name] = self._make_node(
            name, "output", op, operands, index=len(self._output_names)
        )
        self._output_names.append(name)
        return name

    def _make_node(self, name, role, op, operands, index=None):
        operands = (operands,) if isinstance(operands, str) else tuple(operands)
        if not operands:
            raise ValueError(f"Node {name!r} needs at least one operand.")
        for operand in operands:
            if not isinstance(operand, str):
                raise TypeError(f"Node {name!r}: operand names must be str; got {operand!r}.")
            known = self._nodes.get(operand)
            if known is None:
                raise ValueError(
                    f"Node {name!r}: operand {operand!r} is not defined. Operands must be "
                    f"inputs x0..x{self._n_inputs - 1} or sub-functions declared earlier "
                    f"({', '.join(self.function_names) or 'none yet'}); declaring operands "
                    "first rules out forward references and cycles."
                )
            if known.role == "output":
                raise ValueError(
                    f"Node {name!r}: operand {operand!r} is an output; outputs cannot be "
                    "operands. Read the sub-function the output copies instead."
                )
        if len(set(operands)) != len(operands):
            raise ValueError(f"Node {name!r}: operands {list(operands)} repeat a node.")
        op_name, table = resolve_op(op, len(operands), name)
        table.setflags(write=False)
        level = 1 + max(self._nodes[operand].level for operand in operands)
        return _Node(
            name=name,
            role=role,
            level=level,
            index=index,
            op=op_name,
            operands=operands,
            table=table,
        )

    def node_values(self, X):
        """Evaluate every node on input rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            0/1 input rows (bool, int or float holding 0 and 1).

        Returns
        -------
        values : dict of str to ndarray of shape (n_samples,), dtype uint8
            The 0/1 value of every node (inputs included), keyed by node name.

        Raises
        ------
        ValueError
            If ``X`` has the wrong number of columns or values other than 0 and 1.
        """
        X = check_array(X, dtype=None, ensure_min_samples=0)
        if X.shape[1] != self._n_inputs:
            raise ValueError(f"X has {X.shape[1]} columns; this graph has {self._n_inputs} inputs.")
        if not np.isin(X, (0, 1)).all():
            raise ValueError("X must hold only 0 and 1 (Boolean inputs).")
        bits = X.astype(np.intp)
        values = {f"x{i}": bits[:, i] for i in range(self._n_inputs)}
        for node in self._nodes.values():
            if node.role != "input":
                operand_values = [values[operand] for operand in node.operands]
                values[node.name] = apply_truth_table(node.table, operand_values).astype(np.intp)
        return {name: value.astype(np.uint8) for name, value in values.items()}

    def evaluate(self, X):
        """Evaluate the outputs on input rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            0/1 input rows.

        Returns
        -------
        Y : ndarray of shape (n_samples, n_outputs), dtype int64
            0/1 output values, column ``j`` is output ``"y{j}"``.

        Raises
        ------
        ValueError
            If no output is declared, or as for :meth:`node_values`.
        """
        if not self._output_names:
            raise ValueError("The graph has no outputs; declare them with add_output.")
        values = self.node_values(X)
        return np.column_stack([values[name] for name in self._output_names]).astype(np.int64)

    def truth_table(self):
        """Complete truth table of the outputs.

        Returns
        -------
        X : ndarray of shape (2 ** n_inputs, n_inputs), dtype float32
            Every input row in binary counting order, ``x0`` the most significant
            bit: row ``r`` holds the binary digits of ``r``.
        Y : ndarray of shape (2 ** n_inputs, n_outputs), dtype int64
            The 0/1 outputs of each row.

        Raises
        ------
        ValueError
            If the graph has more than ``MAX_TRUTH_TABLE_INPUTS`` inputs (use
            :meth:`evaluate` on sampled rows instead) or no outputs.
        """
        if self._n_inputs > MAX_TRUTH_TABLE_INPUTS:
            raise ValueError(
                f"A truth table over {self._n_inputs} inputs has 2**{self._n_inputs} rows; "
                f"the limit is {MAX_TRUTH_TABLE_INPUTS} inputs. Call evaluate on sampled rows."
            )
        X = binary_rows(self._n_inputs).astype(np.float32)
        return X, self.evaluate(X)

    def modularity(self):
        """The modularity list ``[inputs, sub-functions per level..., outputs]``.

        Returns
        -------
        counts : list of int
            Number of inputs, then the number of sub-functions at each level
            1, 2, ..., then the number of outputs.
        """
        levels = [node.level for node in self._nodes.values() if node.role == "function"]
        per_level = [levels.count(level) for level in range(1, max(levels, default=0) + 1)]
        return [self._n_inputs, *per_level, self.n_outputs]

    def describe(self):
        """One line per sub-function and output, e.g. ``"g1 = xor(x0, x1)"``.

        Returns
        -------
        text : str
            The definitions, in declaration order; truth tables are written as
            ``table[0110]``.
        """
        lines = []
        for node in self._nodes.values():
            if node.role == "input":
                continue
            op_text = f"table[{table_to_string(node.table)}]" if node.op == "table" else node.op
            lines.append(f"{node.name} = {op_text}({', '.join(node.operands)})")
        return "\n".join(lines)

    def to_networkx(self):
        """The true function graph as a :class:`networkx.DiGraph`.

        Returns
        -------
        graph : networkx.DiGraph
            Input nodes ``"x{i}"`` (``role="input"``, ``index``, ``level=0``),
            sub-function nodes (``role="function"``, ``level``, ``op``) and output
            nodes ``"y{j}"`` (``role="output"``, ``index``, ``level``, ``op``);
            nodes with ``op="table"`` also carry ``table``, their truth table as a
            '0'/'1' string. One edge operand -> node per operand, with attribute
            ``position`` (operand order, from 0). Graph attributes: ``name``,
            ``n_inputs``, ``n_outputs``. Every attribute is a scalar, so
            :func:`networkx.write_graphml` works unchanged.
        """
        graph = nx.DiGraph(name=self.name, n_inputs=self._n_inputs, n_outputs=self.n_outputs)
        for node in self._nodes.values():
            attributes = {"role": node.role, "level": node.level}
            if node.index is not None:
                attributes["index"] = node.index
            if node.op is not None:
                attributes["op"] = node.op
            if node.op == "table":
                attributes["table"] = table_to_string(node.table)
            graph.add_node(node.name, **attributes)
            for position, operand in enumerate(node.operands):
                graph.add_edge(operand, node.name, position=position)
        return graph
