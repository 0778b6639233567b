"""Input-to-output paths of a module graph, and whether a network's predictions use them.

A sculpted network's module graph connects an input to an output when a module
holding the input reaches, along module edges, a module holding the output.
A network that keeps its accuracy can still keep such a path while its
predictions of that output never change with that input: the path carries
nothing the task needs, and the module graph shows a dependence the network
does not compute. These pure functions count such paths so that the
selection rules can prefer networks without them.
"""

import networkx as nx
import numpy as np


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
    reach = np.zeros((n_features, n_outputs), dtype=bool)
    for node, held in hierarchy.nodes(data=True):
        if not held["inputs"]:
            continue
        downstream = {node} | nx.descendants(hierarchy, node)
        outputs = sorted(set().union(*(hierarchy.nodes[other]["outputs"] for other in downstream)))
        reach[np.ix_(sorted(held["inputs"]), outputs)] = True
    return reach


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
    features = range(X.shape[1]) if features is None else [int(feature) for feature in features]
    dependence = None
    for feature in features:
        values = np.unique(X[:, feature])
        if len(values) > max_values:
            values = np.quantile(X[:, feature], np.linspace(0, 1, max_values)).astype(X.dtype)
        varied = np.repeat(X[np.newaxis], len(values), axis=0)
        varied[:, :, feature] = values[:, np.newaxis]
        decisions = np.asarray(decide(varied.reshape(-1, X.shape[1]))).reshape(len(values), len(X), -1)
        if dependence is None:
            dependence = np.zeros((X.shape[1], decisions.shape[2]), dtype=bool)
        dependence[feature] = (decisions != decisions[:1]).any(axis=(0, 1))
    if dependence is None:  # no input to test: the number of outputs comes from X itself
        dependence = np.zeros((X.shape[1], np.asarray(decide(X[:1])).shape[1]), dtype=bool)
    return dependence


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

    Examples
    --------
    >>> import numpy as np
    >>> reach = np.array([[True, True], [False, True]])
    >>> dependence = np.array([[True, False], [False, True]])
    >>> count_spurious_paths(reach, dependence)
    1
    """
    return int((np.asarray(reach, dtype=bool) & ~np.asarray(dependence, dtype=bool)).sum())
