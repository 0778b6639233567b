"""Bottom-up merging of per-layer clusters into modules."""

import numpy as np

from ._edges import count_edges_between


def merge_clusters(masks, cluster_labels, merge_threshold):
    """Merge the clusters of consecutive layers into modules, bottom-up.

    User guide, *Module detection*, step 5. Going up from the inputs, let ``i`` be a module
    present in layer ``l - 1`` (its units there, carrying their merged label) and
    ``j`` a cluster of layer ``l``, with ``e(i -> j)`` the number of edges from the
    units of ``i`` to those of ``j``. Cluster ``j`` joins module ``i`` when

    ``e(i -> j) / e(i -> any) > tau`` and ``e(i -> j) / e(any -> j) > tau``;

    into the output layer only the second condition applies. Candidates ``i`` are
    tried in increasing module id and the first that qualifies wins; a cluster
    that joins none starts a new module.

    Parameters
    ----------
    masks : list of ndarray of bool
        Cleaned masks (:func:`remove_dead_units`), ``masks[l]`` of shape
        ``(n_units[l], n_units[l + 1])``.
    cluster_labels : list of ndarray of int
        One per layer, inputs first and outputs last: cluster of each unit within
        its layer, numbered ``0 ..`` (the order in which new modules are created),
        -1 for removed units. Every layer must hold at least one cluster.
    merge_threshold : float
        ``tau``, in (0, 1).

    Returns
    -------
    module_labels : list of ndarray of int
        Module of each unit per layer, -1 for removed units. Module ids are
        consecutive from 0 in order of creation: layer by layer from the inputs,
        and within a layer by cluster number.

    Examples
    --------
    >>> import numpy as np
    >>> masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    >>> clusters = [np.array([0, 1]), np.array([0, 1]), np.array([0, 1])]
    >>> [m.tolist() for m in merge_clusters(masks, clusters, 0.9)]
    [[0, 1], [0, 1], [0, 1]]
    """
    n_modules = 0
    module_labels = []
    for layer, clusters in enumerate(cluster_labels):
        n_clusters = int(clusters.max()) + 1
        if layer == 0:
            targets = np.full(n_clusters, -1)
        else:
            counts = count_edges_between(
                masks[layer - 1], module_labels[-1], clusters, n_modules, n_clusters
            )
            targets = _merge_targets(counts, merge_threshold, into_outputs=layer == len(masks))
        for cluster in np.flatnonzero(targets < 0):
            targets[cluster] = n_modules
            n_modules += 1
        labels = np.full(clusters.shape, -1)
        kept = clusters >= 0
        labels[kept] = targets[clusters[kept]]
        module_labels.append(labels)
    return module_labels


def _merge_targets(counts, merge_threshold, into_outputs):
    """Module each cluster joins (-1 for none), from module-to-cluster edge counts."""
    from_module = counts.sum(axis=1, keepdims=True)
    into_cluster = counts.sum(axis=0, keepdims=True)
    share_of_cluster = np.divide(
        counts, into_cluster, out=np.zeros(counts.shape), where=into_cluster > 0
    )
    qualifies = share_of_cluster > merge_threshold
    if not into_outputs:
        share_of_module = np.divide(
            counts, from_module, out=np.zeros(counts.shape), where=from_module > 0
        )
        qualifies &= share_of_module > merge_threshold
    return np.where(qualifies.any(axis=0), qualifies.argmax(axis=0), -1)
