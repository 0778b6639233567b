"""Cutting a merge tree (scipy linkage matrix) in its own merge order."""

import numpy as np


def cut_merge_tree(tree, n_clusters):
    """Clusters left after the first ``n_units - n_clusters`` merges of a tree.

    Parameters
    ----------
    tree : ndarray of shape (n_units - 1, 4)
        Linkage matrix as returned by ``scipy.cluster.hierarchy.linkage``: row
        ``m`` merges nodes ``tree[m, 0]`` and ``tree[m, 1]`` into node
        ``n_units + m``.
    n_clusters : int
        Number of clusters, ``1 <= n_clusters <= n_units``.

    Returns
    -------
    labels : ndarray of shape (n_units,), int
        Cluster of each unit, numbered ``0 ..`` in order of each cluster's first
        unit.

    Notes
    -----
    Merges are applied in the row order of ``tree``, which is the order in which
    the agglomerative clustering made them. That is the partition scikit-learn's
    ``AgglomerativeClustering(n_clusters=k)`` returns and the one
    :func:`modularity_along_tree` scores. ``scipy.cluster.hierarchy.cut_tree``
    re-sorts the merges by height and orders merges of equal height differently,
    and ``fcluster(..., "maxclust")`` cuts at a height, so with tied heights (common
    for binary features) both can return another partition than the one the
    clustering itself made.

    Examples
    --------
    >>> import numpy as np
    >>> tree = np.array([[0, 1, 0.5, 2], [2, 3, 0.5, 2], [4, 5, 1.0, 4]])
    >>> cut_merge_tree(tree, 3)
    array([0, 0, 1, 2])
    """
    n_units = len(tree) + 1
    if not 1 <= n_clusters <= n_units:
        raise ValueError(
            f"n_clusters must be between 1 and the number of units ({n_units}); "
            f"got {n_clusters}."
        )
    n_merges = n_units - n_clusters
    merged = tree[:n_merges, :2].astype(np.intp)
    parent = np.arange(2 * n_units - 1)
    parent[merged[:, 0]] = parent[merged[:, 1]] = n_units + np.arange(n_merges)
    top = parent[:n_units]
    while not np.array_equal(parent[top], top):
        top = parent[top]
    _, first, inverse = np.unique(top, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.intp)
    rank[np.argsort(first)] = np.arange(first.size)
    return rank[inverse]
