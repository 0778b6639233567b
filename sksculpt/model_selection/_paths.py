"""Input-to-output paths of a module graph, and whether a network's predictions use them.

A sculpted network's module graph connects an input to an output when a module
holding the input reaches, along module edges, a module holding the output.
A network that keeps its accuracy can still keep such a path while its
predictions of that output never change with that input: the path carries
nothing the task needs, and the module graph shows a dependence the network
does not compute. These pure functions count such paths so that the
selection rules can prefer networks without them.

They are private building blocks: :class:`~sksculpt.SculptingClassifierCV`
counts each network's spurious paths into ``cv_results_["spurious_paths"]``,
which is all the selection rules read. Code that sculpts its own grids and
applies the rules to them (such as the benchmarks) imports them from here.
"""

from numbers import Integral

import networkx as nx
import numpy as np
from sklearn.utils._param_validation import validate_params

from .._graph_formats import node_index_sets
from .._validation import StrictInterval


@validate_params(
    {
        "hierarchy": [nx.DiGraph],
        "n_features": [StrictInterval(Integral, 1, None, closed="left")],
        "n_outputs": [StrictInterval(Integral, 1, None, closed="left")],
    },
    prefer_skip_nested_validation=True,
)
def reachable_outputs(hierarchy, n_features, n_outputs):
    """Which outputs each input reaches along a module graph.

    Parameters
    ----------
    hierarchy : networkx.DiGraph
        A module graph in the ``hierarchy_`` format: nodes hold ``inputs``
        and ``outputs`` (sets of indices).
    n_features : int
        Number of inputs of the network.
    n_outputs : int
        Number of output units of the network.

    Returns
    -------
    reach : ndarray of bool, shape (n_features, n_outputs)
        ``reach[i, j]`` is True when a module holding input ``i`` is, or
        reaches along module edges, a module holding output ``j``.

    Raises
    ------
    ValueError
        If a module lacks ``inputs`` or ``outputs``, or holds an index
        beyond ``n_features`` or ``n_outputs``.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.DiGraph([(0, 1)])
    >>> graph.add_node(0, inputs={0, 1}, outputs=set())
    >>> graph.add_node(1, inputs=set(), outputs={1})
    >>> reachable_outputs(graph, 3, 2).astype(int)
    array([[0, 1],
           [0, 1],
           [0, 0]])
    """
    held = {node: node_index_sets(node, data) for node, data in hierarchy.nodes(data=True)}
    for node, (inputs, outputs) in held.items():
        for name, indices, size_name, size in (
            ("inputs", inputs, "n_features", n_features), ("outputs", outputs, "n_outputs", n_outputs),
        ):
            beyond = sorted(index for index in indices if not 0 <= index < size)
            if beyond:
                raise ValueError(
                    f"Module {node!r} holds {name} {beyond}, but {size_name}={size}; pass the sizes of the "
                    "network the module graph was detected on."
                )
    reach = np.zeros((n_features, n_outputs), dtype=bool)
    for node, (inputs, _) in held.items():
        if not inputs:
            continue
        downstream = {node} | nx.descendants(hierarchy, node)
        outputs = sorted(set().union(*(held[other][1] for other in downstream)))
        reach[np.ix_(sorted(inputs), outputs)] = True
    return reach


@validate_params(
    {
        "decide": [callable],
        "X": ["array-like"],
        "features": ["array-like", None],
        "max_values": [StrictInterval(Integral, 2, None, closed="left")],
    },
    prefer_skip_nested_validation=True,
)
def output_dependence(decide, X, features=None, max_values=5):
    """Which outputs of a network change when one input changes, every other input kept.

    Each input in turn is set, on every sample of ``X``, to each of a few
    values, and the network's decisions are compared: output ``j`` depends on
    input ``i`` when, on some sample, two of these values give different
    decisions for ``j``. An input with at most ``max_values`` distinct values
    in ``X`` (a truth table's 0 and 1) takes each of them, so on a complete
    truth table this is exactly whether flipping the bit changes the output;
    other inputs take ``max_values`` quantiles of their column.

    Parameters
    ----------
    decide : callable
        ``decide(X) -> ndarray of shape (n_samples, n_outputs)``: the
        network's decision for each output unit (0/1, or one-hot of the
        predicted class).
    X : ndarray of shape (n_samples, n_features)
        The samples to vary the inputs on (the data the network is checked on).
    features : array-like of int or None, default=None
        The inputs to test; the others are reported as used by no output.
        None tests them all.
    max_values : int, default=5
        Values each input takes, at least 2.

    Returns
    -------
    dependence : ndarray of bool, shape (n_features, n_outputs)

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``features`` names a column ``X`` lacks, or
        ``decide`` does not return one row of decisions per sample.

    Examples
    --------
    Output 0 is ``x0 AND x1``, output 1 is ``x1``:

    >>> import numpy as np
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
    >>> def decide(X):
    ...     return np.column_stack([X[:, 0] * X[:, 1], X[:, 1]])
    >>> output_dependence(decide, X).astype(int)
    array([[1, 0],
           [1, 1]])
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, of shape (n_samples, n_features); got an array of shape {X.shape}.")
    features = range(X.shape[1]) if features is None else _check_features(features, X.shape[1])
    dependence = None
    for feature in features:
        values = np.unique(X[:, feature])
        if len(values) > max_values:
            values = np.quantile(X[:, feature], np.linspace(0, 1, max_values)).astype(X.dtype)
        varied = np.repeat(X[np.newaxis], len(values), axis=0)
        varied[:, :, feature] = values[:, np.newaxis]
        decisions = _decisions(decide, varied.reshape(-1, X.shape[1])).reshape(len(values), len(X), -1)
        if dependence is None:
            dependence = np.zeros((X.shape[1], decisions.shape[2]), dtype=bool)
        dependence[feature] = (decisions != decisions[:1]).any(axis=(0, 1))
    if dependence is None:  # no input to test: the number of outputs comes from X itself
        dependence = np.zeros((X.shape[1], _decisions(decide, X[:1]).shape[1]), dtype=bool)
    return dependence


def _check_features(features, n_features):
    """``features`` as a list of column indices of ``X``."""
    features = np.asarray(features).ravel()
    if features.size and features.dtype.kind not in "iu":
        raise ValueError(f"features must hold integer column indices of X; got {features.tolist()}.")
    beyond = sorted(set(features[(features < 0) | (features >= n_features)].tolist()))
    if beyond:
        raise ValueError(
            f"features holds {beyond}, but X has {n_features} columns; pass indices from 0 to {n_features - 1}."
        )
    return features.tolist()


def _decisions(decide, X):
    """``decide(X)``, checked to hold one row of decisions per sample."""
    decisions = np.asarray(decide(X))
    if decisions.ndim != 2 or len(decisions) != len(X):
        raise ValueError(
            f"decide must return one row of decisions per sample, of shape (n_samples, n_outputs); for "
            f"{len(X)} samples it returned an array of shape {decisions.shape}."
        )
    return decisions


def count_spurious_paths(reach, dependence):
    """Input-output pairs a module graph connects whose output does not depend on the input.

    Parameters
    ----------
    reach : ndarray of bool, shape (n_features, n_outputs)
        :func:`reachable_outputs` of a network's module graph.
    dependence : ndarray of bool, shape (n_features, n_outputs)
        :func:`output_dependence` of the same network.

    Returns
    -------
    n_spurious : int

    Raises
    ------
    ValueError
        If ``reach`` and ``dependence`` differ in shape.

    Examples
    --------
    >>> import numpy as np
    >>> reach = np.array([[True, True], [False, True]])
    >>> dependence = np.array([[True, False], [False, True]])
    >>> count_spurious_paths(reach, dependence)
    1
    """
    reach, dependence = np.asarray(reach, dtype=bool), np.asarray(dependence, dtype=bool)
    if reach.shape != dependence.shape:
        raise ValueError(
            f"reach has shape {reach.shape} but dependence has shape {dependence.shape}; pass both "
            "of one network, each of shape (n_features, n_outputs)."
        )
    return int((reach & ~dependence).sum())
