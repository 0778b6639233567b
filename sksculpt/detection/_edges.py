"""Counting edges between groups of units."""

import numpy as np


def count_edges_between(mask, source_labels, target_labels, n_source_groups, n_target_groups):
    """Number of edges of one mask from each source group to each target group.

    Parameters
    ----------
    mask : ndarray of bool of shape (n_sources, n_targets)
        Edges between two consecutive layers.
    source_labels : ndarray of shape (n_sources,), int
        Group of each unit of the lower layer, -1 for a unit to ignore.
    target_labels : ndarray of shape (n_targets,), int
        Group of each unit of the upper layer, -1 for a unit to ignore.
    n_source_groups, n_target_groups : int
        Numbers of groups (labels run ``0 .. n - 1``).

    Returns
    -------
    counts : ndarray of shape (n_source_groups, n_target_groups), int
        ``counts[a, b]`` = number of edges from a unit of group ``a`` to a unit of
        group ``b``.

    Examples
    --------
    >>> import numpy as np
    >>> mask = np.array([[True, True], [False, True]])
    >>> count_edges_between(mask, np.array([0, 1]), np.array([0, -1]), 2, 1)
    array([[1],
           [0]])
    """
    rows, cols = np.nonzero(mask)
    sources, targets = source_labels[rows], target_labels[cols]
    kept = (sources >= 0) & (targets >= 0)
    flat = sources[kept] * n_target_groups + targets[kept]
    counts = np.bincount(flat, minlength=n_source_groups * n_target_groups)
    return counts.reshape(n_source_groups, n_target_groups)


def module_edge_counts(masks, labels, n_modules):
    """Module-level edge counts of a layered network.

    Parameters
    ----------
    masks : list of ndarray of bool
        ``masks[l]`` of shape ``(n_units[l], n_units[l + 1])``.
    labels : list of ndarray of int
        Module of each unit per layer (inputs first), -1 for a unit that belongs
        to no module; edges touching such a unit are ignored.
    n_modules : int
        Number of modules (ids ``0 .. n_modules - 1``).

    Returns
    -------
    counts : ndarray of shape (n_modules, n_modules), int
        ``counts[a, b]`` = number of edges from a unit of module ``a`` to a unit of
        module ``b``; the diagonal counts the edges inside each module.
    """
    counts = np.zeros((n_modules, n_modules), dtype=np.int64)
    for mask, below, above in zip(masks, labels[:-1], labels[1:]):
        counts += count_edges_between(mask, below, above, n_modules, n_modules)
    return counts
