"""Per-layer clustering of units by their reachability features."""

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform

from ._clusterability import clusterability_test
from ._cosine import cosine_distance_matrix
from ._modularity import modularity_along_tree
from ._tree import cut_merge_tree


def cluster_layer(features, n_reachable, mm_threshold=0.2):
    """Partition the units of one layer by their reachability features.

    User guide, *Module detection*, steps 3 and 4: agglomerative clustering with cosine
    distance and average linkage; the tree is built once and cut into every
    ``k = 2 .. n - 1``; the ``k`` minimising the modularity metric wins (ties to
    the larger ``k``). The clusterability test then decides between one cluster
    and every unit on its own when that ``k`` is 2 or ``n - 1``, when its metric
    is above ``-mm_threshold``, or when the layer has fewer than 3 units; if
    neither of its rules fires, the modularity choice stands.

    Parameters
    ----------
    features : {ndarray, sparse matrix} of shape (n_units, n_features), bool
        Reachability features (:func:`reachability_features`) of the layer's
        surviving units.
    n_reachable : int
        Number of surviving units in the next ``step_size`` layers (``N`` of the
        clusterability test).
    mm_threshold : float, default=0.2
        A modularity minimum above ``-mm_threshold`` is too weak to trust.

    Returns
    -------
    labels : ndarray of shape (n_units,), int
        Cluster of each unit, numbered ``0 ..`` in order of each cluster's first
        unit.

    Notes
    -----
    For a layer of two units the clusterability test always decides: both of its
    rules then compare the same pair, and one of them fires for any overlap. All-zero
    feature vectors are placed as described in :func:`cosine_distance_matrix`.

    Examples
    --------
    >>> import numpy as np
    >>> features = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]])
    >>> cluster_layer(features, n_reachable=4)
    array([0, 0, 1, 1])
    """
    n_units = features.shape[0]
    if n_units == 1:
        return np.zeros(1, dtype=np.intp)
    distances = cosine_distance_matrix(features)
    tree = linkage(squareform(distances, checks=False), method="average")
    if n_units >= 3:
        q = modularity_along_tree(distances, tree)
        n_clusters = _most_modular_n_clusters(q)
        needs_test = n_clusters in (2, n_units - 1) or q[n_clusters - 1] > -mm_threshold
    else:
        n_clusters, needs_test = n_units, True
    if needs_test:
        outcome = clusterability_test(features, tree, n_reachable)
        n_clusters = {"single": 1, "separate": n_units, None: n_clusters}[outcome]
    return cut_merge_tree(tree, n_clusters)


def _most_modular_n_clusters(q):
    """The ``k`` in ``2 .. n - 1`` with the lowest ``q[k - 1]``, ties to the larger."""
    candidates = q[1:-1]
    return 2 + candidates.size - 1 - int(np.argmin(candidates[::-1]))
