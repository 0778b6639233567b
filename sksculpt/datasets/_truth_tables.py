"""Truth tables of Boolean sub-functions: the rows of n bits, the named gates, applying a table."""

from collections import namedtuple

import numpy as np


def binary_rows(n_bits):
    """All ``2 ** n_bits`` rows of ``n_bits`` bits, in binary counting order.

    Row ``r`` holds the binary digits of ``r`` with the first column the most
    significant bit: ``rows[r, i] = (r >> (n_bits - 1 - i)) & 1``.

    Parameters
    ----------
    n_bits : int
        Number of bits (columns), at least 1.

    Returns
    -------
    rows : ndarray of shape (2 ** n_bits, n_bits), dtype uint8
        The 0/1 rows.

    Examples
    --------
    >>> binary_rows(2).tolist()
    [[0, 0], [0, 1], [1, 0], [1, 1]]
    """
    row_index = np.arange(2**n_bits)[:, np.newaxis]
    shifts = np.arange(n_bits - 1, -1, -1)
    return ((row_index >> shifts) & 1).astype(np.uint8)


def apply_truth_table(table, operand_values):
    """Evaluate a truth table on columns of operand values.

    Parameters
    ----------
    table : ndarray of shape (2 ** k,)
        0/1 truth table in binary counting order of the ``k`` operands, the
        first operand the most significant bit.
    operand_values : sequence of k ndarray of shape (n_samples,)
        Integer 0/1 values of each operand, in operand order.

    Returns
    -------
    values : ndarray of shape (n_samples,)
        ``table[sum_p v_p * 2 ** (k - 1 - p)]`` for operand values ``v_0 .. v_{k-1}``.

    Examples
    --------
    >>> import numpy as np
    >>> apply_truth_table(np.array([0, 0, 1, 0]), [np.array([1, 0]), np.array([0, 1])]).tolist()
    [1, 0]
    """
    row_index = np.zeros(len(operand_values[0]), dtype=np.intp)
    for value in operand_values:
        row_index = (row_index << 1) | value
    return table[row_index]


def _and_table(n_operands):
    return binary_rows(n_operands).all(axis=1)


def _or_table(n_operands):
    return binary_rows(n_operands).any(axis=1)


def _xor_table(n_operands):
    return binary_rows(n_operands).sum(axis=1) % 2


def _not_table(n_operands):
    return 1 - binary_rows(n_operands)[:, 0]


def _identity_table(n_operands):
    return binary_rows(n_operands)[:, 0]


_Gate = namedtuple("_Gate", ["build_table", "min_operands", "max_operands"])

#: Named operations: how to build their truth table and how many operands they take
#: (``None`` = no upper bound). ``and``/``or`` are n-ary, ``xor`` is the parity.
GATES = {
    "and": _Gate(_and_table, 2, None),
    "or": _Gate(_or_table, 2, None),
    "xor": _Gate(_xor_table, 2, None),
    "not": _Gate(_not_table, 1, 1),
    "identity": _Gate(_identity_table, 1, 1),
}


def table_to_string(table):
    """Write a 0/1 truth table as a string of '0'/'1' characters.

    Parameters
    ----------
    table : array-like of 0/1
        Truth table in binary counting order of the operands.

    Returns
    -------
    text : str
        For example ``"0110"`` for XOR of two operands.
    """
    return "".join(str(int(bit)) for bit in table)


def resolve_op(op, n_operands, node_name):
    """Turn a user's ``op`` into ``(op_name, truth_table)``, checking its arity."""
    if isinstance(op, str) and op in GATES:
        gate = GATES[op]
        if n_operands < gate.min_operands or (
            gate.max_operands is not None and n_operands > gate.max_operands
        ):
            expected = (
                f"exactly {gate.min_operands}"
                if gate.min_operands == gate.max_operands
                else f"at least {gate.min_operands}"
            )
            raise ValueError(
                f"Node {node_name!r}: op {op!r} takes {expected} operand(s); got {n_operands}."
            )
        return op, gate.build_table(n_operands).astype(np.uint8)
    if isinstance(op, str) and (not op or set(op) - {"0", "1"}):
        raise ValueError(
            f"Node {node_name!r}: unknown op {op!r}. Use one of {sorted(GATES)} or a truth "
            "table given as a sequence of 0/1 values (or a string of '0'/'1')."
        )
    table = np.asarray([int(bit) for bit in op] if isinstance(op, str) else op)
    if table.ndim != 1 or not np.isin(table, (0, 1)).all():
        raise ValueError(
            f"Node {node_name!r}: a truth table must be a flat sequence of 0/1 values; got {op!r}."
        )
    if len(table) != 2**n_operands:
        raise ValueError(
            f"Node {node_name!r}: a truth table over {n_operands} operand(s) needs "
            f"2**{n_operands} = {2**n_operands} entries (one per operand row in binary "
            f"counting order); got {len(table)}."
        )
    return "table", table.astype(np.uint8)
