"""The modularity metric of a partition on a distance matrix."""

import numpy as np
import scipy.sparse as sp


def modularity_metric(distances, labels):
    """Modularity metric of a partition on a distance matrix; lower is better.

    With ``D' = D / sum(D)`` the distance matrix scaled to total 1,

    ``Q = sum_c [ W_c - r_c * s_c ]``, where ``W_c = sum_{i, j in c} D'_ij`` is the
    distance within cluster ``c``, ``r_c = sum_{i in c} sum_j D'_ij`` its row-sum
    share and ``s_c = sum_{j in c} sum_i D'_ij`` its column-sum share
    (user guide, *Module detection*, step 3). A partition whose clusters hold less distance
    than their shares would give at random has clearly negative ``Q``.

    Parameters
    ----------
    distances : ndarray of shape (n_units, n_units)
        Distance matrix with zero diagonal.
    labels : array-like of shape (n_units,)
        Cluster of each unit (any hashable integer labels).

    Returns
    -------
    Q : float
        The metric; 0.0 when all distances are zero, since then no partition
        separates anything.

    Examples
    --------
    >>> import numpy as np
    >>> D = np.array([[0, 1, 2], [1, 0, 3], [2, 3, 0]])
    >>> round(modularity_metric(D, [0, 0, 1]), 6)  # 2/12 - (7/12)**2 - (5/12)**2
    -0.347222
    """
    shares = np.asarray(distances, dtype=np.float64) * _share_scale(distances)
    _, cluster = np.unique(np.asarray(labels), return_inverse=True)
    n_units = cluster.size
    membership = sp.csr_array(
        (np.ones(n_units), (np.arange(n_units), cluster)),
        shape=(n_units, cluster.max() + 1),
    )
    between = membership.T @ (shares @ membership)  # between[a, b] = sum over a x b
    return float(np.trace(between) - between.sum(axis=1) @ between.sum(axis=0))


def modularity_along_tree(distances, tree):
    """Modularity metric of every cut of an average-linkage tree.

    Parameters
    ----------
    distances : ndarray of shape (n_units, n_units)
        Symmetric distance matrix with zero diagonal.
    tree : ndarray of shape (n_units - 1, 4)
        Average-linkage tree of these distances, as returned by
        ``scipy.cluster.hierarchy.linkage(squareform(distances), "average")``.

    Returns
    -------
    q : ndarray of shape (n_units,)
        ``q[k - 1]`` is :func:`modularity_metric` of the cut of ``tree`` into ``k``
        clusters, for ``k = 1 .. n_units``.

    Notes
    -----
    Cutting the tree into ``k`` clusters applies its first ``n_units - k`` merges.
    Start from the singletons, ``q[n_units - 1] = modularity_metric(distances,
    range(n_units))``. Merging clusters ``a`` and ``b`` adds their cross distance
    twice to the within sums and, the matrix being symmetric (``s = r``), replaces
    ``r_a^2 + r_b^2`` by ``(r_a + r_b)^2``, so ``Q`` changes by
    ``2 (C_ab - r_a r_b)`` with ``C_ab = sum_{i in a, j in b} D'_ij``. Average
    linkage merges at the mean distance between ``a`` and ``b``, so
    ``C_ab = height * |a| * |b| / sum(D)``: every cut costs O(1) once the tree is
    built, instead of clustering afresh for each ``k``.
    """
    n_units = distances.shape[0]
    scale = _share_scale(distances)
    q = np.empty(n_units)
    q[-1] = modularity_metric(distances, np.arange(n_units))
    sizes = np.concatenate([np.ones(n_units), np.empty(n_units - 1)])
    row_shares = np.concatenate([distances.sum(axis=1) * scale, np.empty(n_units - 1)])
    for merge, (a, b, height, _) in enumerate(tree):
        a, b, node = int(a), int(b), n_units + merge
        cross_share = height * sizes[a] * sizes[b] * scale
        q[n_units - 2 - merge] = q[n_units - 1 - merge] + 2.0 * (
            cross_share - row_shares[a] * row_shares[b]
        )
        sizes[node] = sizes[a] + sizes[b]
        row_shares[node] = row_shares[a] + row_shares[b]
    return q


def _share_scale(distances):
    """Factor scaling the distances to total 1 (0 when they are all zero)."""
    total = float(np.sum(distances))
    return 1.0 / total if total > 0 else 0.0
