"""Seeded generator of random hierarchically modular Boolean functions."""

from numbers import Integral

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval, check_elements
from ._boolean import truth_table_bunch
from ._function_graph import MAX_TRUTH_TABLE_INPUTS, FunctionGraph
from ._truth_tables import apply_truth_table, binary_rows

#: Truth tables drawn for one sub-function before giving up.
MAX_DRAWS = 200
#: Largest operand count of a random sub-function (its table has 2**fan_in rows).
MAX_FAN_IN = 10


def depends_on_all_operands(table):
    """Whether a truth table depends on every one of its operands.

    Operand ``p`` matters when flipping it changes the value on at least one
    row: ``table[r] != table[r XOR 2 ** (k - 1 - p)]`` for some row ``r``
    (``k`` operands, the first the most significant bit).

    Parameters
    ----------
    table : array-like of shape (2 ** k,)
        0/1 truth table in binary counting order of the operands.

    Returns
    -------
    depends : bool
        True when no operand is irrelevant (so the table is not constant either).

    Examples
    --------
    >>> depends_on_all_operands([0, 1, 1, 0])
    True
    >>> depends_on_all_operands([0, 0, 1, 1])
    False
    """
    table = np.asarray(table)
    n_operands = int(np.log2(len(table)))
    return depends_on_inputs(table, range(n_operands), n_operands)


def random_truth_table(n_operands, rng):
    """Draw a uniformly random truth table that depends on all its operands.

    Tables are drawn uniformly from all ``2 ** (2 ** n_operands)`` tables and
    redrawn until :func:`depends_on_all_operands` holds.

    Parameters
    ----------
    n_operands : int
        Number of operands, at least 1.
    rng : numpy.random.RandomState
        Source of randomness.

    Returns
    -------
    table : ndarray of shape (2 ** n_operands,), dtype uint8
        The 0/1 truth table.
    """
    while True:
        table = rng.randint(0, 2, size=2**n_operands).astype(np.uint8)
        if depends_on_all_operands(table):
            return table


def input_windows(n_inputs, n_functions, window):
    """Contiguous input windows of the first-level sub-functions, spread evenly.

    Window ``k`` covers inputs ``start_k .. start_k + window - 1`` with
    ``start_k = round(k * (n_inputs - window) / (n_functions - 1))`` (ties
    rounded up), so the first window starts at ``x0``, the last ends at the
    last input, and together they cover every input. Neighbouring windows
    share ``window - (start_{k+1} - start_k)`` inputs.

    Parameters
    ----------
    n_inputs : int
        Number of inputs.
    n_functions : int
        Number of windows.
    window : int
        Inputs per window, with ``window <= n_inputs <= n_functions * window``
        (``n_inputs == window`` when ``n_functions`` is 1).

    Returns
    -------
    windows : list of list of int
        Input indices of each window.

    Examples
    --------
    >>> input_windows(6, 2, 4)
    [[0, 1, 2, 3], [2, 3, 4, 5]]
    """
    if n_functions == 1:
        return [list(range(window))]
    spread = n_inputs - window
    gaps = n_functions - 1
    starts = [(2 * k * spread + gaps) // (2 * gaps) for k in range(n_functions)]
    return [list(range(start, start + window)) for start in starts]


def _draw_operands(previous_level, lower_functions, n_functions, fan_in, rng):
    """Operand lists of one level above the first.

    Each node reads at least one node of the previous level, every node of the
    previous level is read at least once, and the remaining operand slots are
    filled with distinct sub-functions from any lower level.
    """
    operands = [[] for _ in range(n_functions)]
    for position, name in enumerate(rng.permutation(previous_level)):
        operands[position % n_functions].append(str(name))
    for chosen in operands:
        if not chosen:
            chosen.append(str(rng.choice(previous_level)))
        free = [name for name in lower_functions if name not in chosen]
        chosen.extend(str(name) for name in rng.choice(free, fan_in - len(chosen), replace=False))
    order = {name: rank for rank, name in enumerate(lower_functions)}
    return [sorted(chosen, key=order.__getitem__) for chosen in operands]


_CALLER = "make_random_hierarchical_task"
_POSITIVE = StrictInterval(Integral, 1, None, closed="left")
_FAN_IN = StrictInterval(Integral, 2, MAX_FAN_IN, closed="both")


def _check_structure(n_inputs, n_functions_per_level, fan_in):
    """Validate the level sizes and fan-ins; return them as lists of int."""
    sizes = list(n_functions_per_level)
    if not sizes or np.ndim(n_functions_per_level) != 1:
        raise ValueError(
            "n_functions_per_level must be a non-empty sequence of ints, one per level; "
            f"got {n_functions_per_level!r}."
        )
    check_elements(sizes, "n_functions_per_level", [_POSITIVE], _CALLER)
    fan_ins = [fan_in] * len(sizes) if isinstance(fan_in, Integral) else list(fan_in)
    if len(fan_ins) != len(sizes):
        raise ValueError(
            f"fan_in must be an int or have one entry per level ({len(sizes)}); got {fan_in!r}."
        )
    check_elements(fan_ins, "fan_in", [_FAN_IN], _CALLER)
    sizes, fan_ins = [int(size) for size in sizes], [int(value) for value in fan_ins]
    if not fan_ins[0] <= n_inputs <= sizes[0] * fan_ins[0]:
        raise ValueError(
            f"{sizes[0]} first-level sub-function(s) reading fan_in[0]={fan_ins[0]} inputs each "
            f"cannot cover n_inputs={n_inputs} inputs: need {fan_ins[0]} <= n_inputs <= "
            f"{sizes[0] * fan_ins[0]}."
        )
    for level in range(1, len(sizes)):
        n_lower = sum(sizes[:level])
        if fan_ins[level] > n_lower:
            raise ValueError(
                f"fan_in[{level}]={fan_ins[level]} exceeds the {n_lower} sub-function(s) below "
                f"level {level + 1}; lower it or add sub-functions below."
            )
        if sizes[level - 1] > sizes[level] * fan_ins[level]:
            raise ValueError(
                f"Level {level + 1} has {sizes[level]} sub-function(s) of fan-in {fan_ins[level]}, "
                f"too few operand slots to read all {sizes[level - 1]} sub-functions of level "
                f"{level}; add sub-functions or raise fan_in."
            )
    return sizes, fan_ins


def depends_on_inputs(values, inputs, n_inputs):
    """Whether a function of the inputs depends on each of the given inputs.

    A function ``f`` tabulated on the complete truth table depends on input
    ``x_i`` when ``f(r) != f(r XOR 2 ** (n - 1 - i))`` for some row ``r``
    (``n`` inputs, ``x0`` the most significant bit of the row index).

    Parameters
    ----------
    values : ndarray of shape (2 ** n_inputs,)
        The function's value on every row, in binary counting order.
    inputs : iterable of int
        Indices of the inputs to check.
    n_inputs : int
        Number of inputs.

    Returns
    -------
    depends : bool
        True when flipping any one of ``inputs`` changes the value on some row.

    Examples
    --------
    >>> import numpy as np
    >>> values = np.array([0, 0, 1, 1])  # x0 on the rows 00, 01, 10, 11
    >>> depends_on_inputs(values, [0], 2), depends_on_inputs(values, [1], 2)
    (True, False)
    """
    row_index = np.arange(len(values))
    return all(np.any(values != values[row_index ^ (1 << (n_inputs - 1 - i))]) for i in inputs)


def _draw_sub_function(operands, values, inputs_read, n_inputs, rng):
    """Draw the table of a node reading ``operands``, redrawn until it uses every input.

    ``values`` maps each declared node to its value on every truth-table row and
    ``inputs_read`` to the input indices it reads. Returns the table, the new
    node's values and the inputs it reads.
    """
    reads = frozenset().union(*(inputs_read[operand] for operand in operands))
    operand_values = [values[operand] for operand in operands]
    for _ in range(MAX_DRAWS):
        table = random_truth_table(len(operands), rng)
        node_values = apply_truth_table(table, operand_values).astype(np.intp)
        if depends_on_inputs(node_values, reads, n_inputs):
            return table, node_values, reads
    raise RuntimeError(
        f"No truth table out of {MAX_DRAWS} draws over operands {list(operands)} depends on "
        f"every input they read ({sorted(reads)}); change random_state or the structure."
    )


def _draw_graph(n_inputs, sizes, fan_ins, reuse, rng):
    """Draw the wiring and truth tables of one random task."""
    graph = FunctionGraph(n_inputs, name="random_hierarchical")
    rows = binary_rows(n_inputs).astype(np.intp)
    values = {f"x{i}": rows[:, i] for i in range(n_inputs)}
    inputs_read = {f"x{i}": frozenset([i]) for i in range(n_inputs)}
    top_level = []
    for level, size in enumerate(sizes, start=1):
        if level == 1:
            windows = input_windows(n_inputs, size, fan_ins[0])
            level_operands = [[f"x{i}" for i in window] for window in windows]
        else:
            level_operands = _draw_operands(
                top_level, graph.function_names, size, fan_ins[level - 1], rng
            )
        level_names = []
        for i, operands in enumerate(level_operands):
            name = f"g{level}_{i}"
            table, values[name], inputs_read[name] = _draw_sub_function(
                operands, values, inputs_read, n_inputs, rng
            )
            level_names.append(graph.add_function(name, table, operands))
        top_level = level_names
    for j in range(len(top_level) * reuse):
        graph.add_output("identity", top_level[j % len(top_level)])
    return graph


@validate_params(
    {
        "n_inputs": [StrictInterval(Integral, 2, MAX_TRUTH_TABLE_INPUTS, closed="both")],
        "n_functions_per_level": ["array-like"],
        "fan_in": [_FAN_IN, "array-like"],
        "reuse": [_POSITIVE],
        "random_state": ["random_state"],
        "return_X_y": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def make_random_hierarchical_task(
    n_inputs=8,
    n_functions_per_level=(4, 2),
    *,
    fan_in=2,
    reuse=2,
    random_state=None,
    return_X_y=False,
):
    """Truth table and true graph of a random hierarchically modular Boolean function.

    Sub-functions are stacked in levels. First-level sub-functions read
    contiguous windows of the inputs (see Notes); a sub-function of level
    ``l >= 2`` reads sub-functions of lower levels, at least one of them from
    level ``l - 1``. Each sub-function computes a random truth table that
    depends on all its operands. Each top-level sub-function is copied to
    ``reuse`` outputs.

    Parameters
    ----------
    n_inputs : int, default=8
        Number of input bits, at most 20 (the complete truth table is returned).
    n_functions_per_level : sequence of int, default=(4, 2)
        Number of sub-functions at levels 1, 2, ...
    fan_in : int or sequence of int, default=2
        Operands per sub-function, the same on every level or one value per
        level; each between 2 and 10.
    reuse : int, default=2
        Number of outputs that copy each top-level sub-function.
    random_state : int, RandomState instance or None, default=None
        Seeds the wiring of levels above the first and the truth tables. The
        same seed gives the same task.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        The same fields as :func:`make_boolean_task`: ``data`` (float32 truth
        table rows), ``target`` (int64 0/1 outputs), ``graph``,
        ``feature_names``, ``target_names``, ``DESCR``.

    (data, target) : tuple if ``return_X_y`` is True

    Raises
    ------
    RuntimeError
        If, for some sub-function, none of ``MAX_DRAWS`` (200) truth tables
        meets the conditions of the Notes.
    ValueError
        If the levels cannot be wired: the first-level windows cannot cover the
        inputs (``fan_in[0] <= n_inputs <= n_functions_per_level[0] * fan_in[0]``),
        a level has too few operand slots to read every sub-function of the
        level below (``n_{l-1} <= n_l * fan_in[l]``), or a fan-in exceeds the
        number of sub-functions below.

    Notes
    -----
    First-level windows have ``fan_in[0]`` inputs each and are spread evenly
    from ``x0`` to the last input; neighbouring
    windows overlap when ``n_inputs < n_functions_per_level[0] * fan_in[0]``,
    which gives the paper's input-overlap tasks: ``n_inputs=6``,
    ``n_functions_per_level=(2,)``, ``fan_in=4`` reads ``x0..x3`` and ``x2..x5``.

    Every sub-function is read by a higher level or by outputs. Its truth
    table ``t`` over ``k`` operands depends on every operand ``p``:
    ``t[r] != t[r XOR 2 ** (k - 1 - p)]`` for some row ``r``. And the
    sub-function, as a function of the inputs, depends on every input it reads
    through the graph; composed sub-functions
    could otherwise lose an input, for instance when two operands share it.
    Tables are drawn level by level and each is redrawn until both hold, so no
    input or sub-function is irrelevant.

    Sub-function ``i`` of level ``l`` is named ``"g{l}_{i}"``; output ``j``
    copies top-level sub-function ``j % n_top``.

    Examples
    --------
    >>> from sksculpt.datasets import make_random_hierarchical_task
    >>> task = make_random_hierarchical_task(6, (2, 1), fan_in=(4, 2), reuse=2, random_state=0)
    >>> task.data.shape, task.target.shape
    ((64, 6), (64, 2))
    """
    sizes, fan_ins = _check_structure(n_inputs, n_functions_per_level, fan_in)
    rng = check_random_state(random_state)
    graph = _draw_graph(n_inputs, sizes, fan_ins, reuse, rng)

    summary = (
        f"Random hierarchically modular task: {n_inputs} inputs, sub-functions per level "
        f"{sizes}, fan-in per level {fan_ins}, each top-level sub-function copied to "
        f"{reuse} output(s)."
    )
    return truth_table_bunch(graph, summary, return_X_y=return_X_y)
