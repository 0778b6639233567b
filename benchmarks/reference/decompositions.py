"""Does a task's truth table admit a reported module as a sub-function? (Ashenhurst-Curtis decomposition)

A reported module reads the bound set ``S`` of inputs (those it holds or sees
upstream) and feeds the outputs ``O`` it holds or reaches. Its units can pass
on at most ``k`` bits, ``k`` its bottleneck (:func:`bottleneck`). The task's
outputs ``O`` factor as ``F(g(x_S), x_rest)`` with ``g: {0,1}^|S| -> {0,1}^k``
exactly when the column multiplicity ``mu`` of the decomposition chart -- the
number of distinct functions ``x_rest -> y_O`` obtained by fixing ``x_S``, over
the ``2^|S|`` assignments of ``x_S`` -- is at most ``2^k`` (Ashenhurst 1959,
Curtis 1962): ``g`` must tell apart the assignments whose columns differ, and
needs nothing more. :func:`verdict` applies it to one module:

- ``"admitted"``: ``mu <= 2^k < 2^|S|``: a sub-function of ``S`` that
  compresses its inputs into ``k`` bits from which ``O`` can be finished;
  another valid decomposition of the task when the expected graph lacks it.
- ``"admitted: passes its inputs on"``: ``k >= |S|``; the module can carry
  ``x_S`` whole, so the chart cannot reject it (a grouping of inputs, not a
  sub-function).
- ``"admitted: computes its outputs whole"``: ``O`` depends on no input
  outside ``S`` (``x_rest`` is irrelevant), so ``g = y_O`` itself always
  factors when it fits in ``k`` bits: the chart checks only the capacity of
  the module, not a structure. Such a module merges sub-functions that the
  expected graph keeps apart (a coarser, valid reading).
- ``"error"``: ``mu > 2^k``: no ``k``-bit function of ``x_S`` lets ``O`` be
  finished from it and the other inputs.

The check is the disjoint one: it asks whether ``O`` can read ``x_S`` *only*
through the module. Where the network also routes ``x_S`` to ``O`` through
other modules, a module can be an ``"error"`` here and still be a working part
of an accurate network (a partial feature of the shared inputs, with the rest
computed beside it).

The functions on truth tables are pure; :func:`refit_bottlenecks` refits one
cached network (a second, or its whole stacked grid again when a lone fit
differs: seconds) to read its modules' units, which the caches do not keep.
"""

import math
import warnings

import numpy as np

from sksculpt.model_selection import module_descriptions, structure_signature

#: Verdicts of :func:`verdict`, the admitted ones first.
ADMITTED = ("admitted", "admitted: passes its inputs on", "admitted: computes its outputs whole")
ERROR = "error"


def chart_columns(X, Y, bound, outputs):
    """The columns of the decomposition chart: per assignment of ``x_bound``, the function ``x_rest -> y_outputs``.

    Parameters
    ----------
    X : array-like of shape (n_rows, n_inputs)
        A complete truth table's inputs (every assignment once), 0/1.
    Y : array-like of shape (n_rows, n_outputs)
        Its outputs, 0/1.
    bound : iterable of int
        The bound set ``S``: input columns.
    outputs : iterable of int
        The output columns ``O``.

    Returns
    -------
    columns : dict
        Assignment of ``x_bound`` (tuple) to its column, a tuple of
        ``(x_rest, y_outputs)`` pairs sorted by ``x_rest``.
    """
    X, Y = np.asarray(X, dtype=int), np.asarray(Y, dtype=int).reshape(len(X), -1)
    bound = sorted(set(bound))
    rest = [column for column in range(X.shape[1]) if column not in bound]
    outputs = sorted(set(outputs))
    if len({tuple(row) for row in X}) != 2 ** X.shape[1]:
        raise ValueError(f"X must hold each of the 2^{X.shape[1]} input assignments once; it has {len(X)} rows.")
    columns = {}
    for row in range(len(X)):
        columns.setdefault(tuple(X[row, bound]), []).append((tuple(X[row, rest]), tuple(Y[row, outputs])))
    return {key: tuple(sorted(column)) for key, column in columns.items()}


def column_multiplicity(X, Y, bound, outputs):
    """``mu``: how many distinct columns the decomposition chart of ``bound`` has for ``outputs``.

    It is the number of values a function of ``x_bound`` must take so that
    ``y_outputs`` can be finished from it and the other inputs.

    Examples
    --------
    >>> import itertools
    >>> X = np.array(list(itertools.product([0, 1], repeat=3)))
    >>> Y = (X[:, 0] ^ X[:, 1] ^ X[:, 2])[:, None]
    >>> column_multiplicity(X, Y, bound=[0, 1], outputs=[0])
    2
    """
    return len(set(chart_columns(X, Y, bound, outputs).values()))


def bits_needed(mu):
    """The fewest bits ``k`` with ``mu <= 2^k``."""
    return max(0, math.ceil(math.log2(mu)))


def admits(X, Y, bound, outputs, k):
    """Whether ``y_outputs = F(g(x_bound), x_rest)`` for some ``g`` of ``k`` bits: ``mu <= 2^k``."""
    return column_multiplicity(X, Y, bound, outputs) <= 2 ** k


def depends_only_on(X, Y, bound, outputs):
    """Whether ``y_outputs`` is a function of ``x_bound`` alone (every chart column is constant)."""
    return all(len({y for _, y in column}) == 1 for column in chart_columns(X, Y, bound, outputs).values())


def bottleneck(units):
    """How many bits a module can pass on: the fewest units it holds in one of its layers past the inputs.

    Parameters
    ----------
    units : dict of int to sequence
        ``Module.units``: layer (0 = inputs) to the units held there.

    Returns
    -------
    k : int
        The fewest units over the hidden and output layers the module spans.
        The input units are the inputs themselves, not a computation, so
        layer 0 counts only for a module that holds nothing else (it passes
        its inputs on whole: ``k`` is how many it holds).

    Examples
    --------
    >>> bottleneck({0: (1, 2, 3), 1: (0, 4), 2: (1, 2, 5)})
    2
    >>> bottleneck({0: (1, 2, 3)})
    3
    """
    widths = {layer: len(held) for layer, held in units.items() if len(held)}
    past_inputs = [width for layer, width in widths.items() if layer > 0]
    return min(past_inputs) if past_inputs else widths.get(0, 0)


def verdict(X, Y, bound, outputs, k):
    """The truth table's verdict on a module reading ``bound``, feeding ``outputs``, ``k`` bits wide.

    Returns
    -------
    verdict : str
        One of :data:`ADMITTED` or :data:`ERROR` (see the module docstring).
    mu : int
        The column multiplicity.
    """
    mu = column_multiplicity(X, Y, bound, outputs)
    if mu > 2 ** k:
        return ERROR, mu
    if k >= len(set(bound)):
        return ADMITTED[1], mu
    if depends_only_on(X, Y, bound, outputs):
        return ADMITTED[2], mu
    return ADMITTED[0], mu


def parse_description(description):
    """The bound set (inputs held or upstream) and outputs (held or downstream) of a module description.

    Examples
    --------
    >>> parse_description("in 4 out 1 up 1,2,3")
    ({1, 2, 3, 4}, {1})
    """
    words = description.split()
    parts = {name: {int(index) for index in values.split(",")} for name, values in zip(words[::2], words[1::2])}
    return parts.get("in", set()) | parts.get("up", set()), parts.get("out", set()) | parts.get("down", set())


def description_bottlenecks(modules, hierarchy):
    """Bottleneck per module description of a fitted network; modules sharing a description add up.

    Support and right or wrong are read per description, so the reported
    module is every module of the network with that description: together
    they pass on the sum of their bottlenecks.
    """
    descriptions = module_descriptions(hierarchy, {module.id: module.inputs for module in modules},
                                       {module.id: module.outputs for module in modules})
    widths = {}
    for module in modules:
        name = descriptions[module.id]
        widths[name] = widths.get(name, 0) + bottleneck(module.units)
    return widths


def refit_bottlenecks(params, X, y, structure, grid=None):
    """Refit one cached network and read its modules' bottlenecks (the caches keep no units).

    Parameters
    ----------
    params : dict
        ``SculptingClassifier`` arguments of the network, its seed and P_u, P_e included.
    X, y : array-like
        The task's truth table.
    structure : str
        The cached network's structure signature: the refit must give it.
    grid : dict or None, default=None
        How the cached network was sculpted when a lone fit does not give it:
        ``random_states``, ``unit_steps`` and ``edge_steps`` of the stacked
        grid it was trained in (``fit_grid`` trains the networks of a grid
        together, and a network's last bits can differ from a lone fit's).
        That grid is sculpted again (seconds per seed) and the network read
        from it.

    Returns
    -------
    widths : dict or None
        :func:`description_bottlenecks` of the refit, or None when neither
        refit gives the cached structure.
    """
    from sklearn.exceptions import ConvergenceWarning

    from sksculpt import SculptingClassifier

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        network = SculptingClassifier(**params).fit(X, y)
        if structure_signature(network.modules_, network.hierarchy_) != structure and grid is not None:
            network = _grid_network(params, X, y, grid)
    if network is None or structure_signature(network.modules_, network.hierarchy_) != structure:
        return None
    return description_bottlenecks(network.modules_, network.hierarchy_)


def _grid_network(params, X, y, grid):
    """The network of ``params`` (its seed, P_u and P_e) out of its stacked grid, sculpted again; memoised."""
    from sksculpt import SculptingClassifier
    from sksculpt._grid import fit_grid  # the documented internal entry point

    shared = {name: value for name, value in params.items()
              if name not in ("random_state", "unit_prune_step", "edge_prune_step")}
    key = (repr(sorted(shared.items())), np.asarray(X).tobytes(), np.asarray(y).tobytes(), repr(sorted(grid.items())))
    if key not in _GRIDS:
        _GRIDS.clear()  # one grid at a time: the callers go trial by trial
        _GRIDS[key] = fit_grid(SculptingClassifier(**shared), X, y, list(grid["random_states"]),
                               list(grid["unit_steps"]), list(grid["edge_steps"]))
    seed = list(grid["random_states"]).index(params["random_state"])
    return next((point["estimator"] for point in _GRIDS[key] if point["seed"] == seed
                 and point["unit_prune_step"] == params["unit_prune_step"]
                 and point["edge_prune_step"] == params["edge_prune_step"]), None)


_GRIDS = {}
