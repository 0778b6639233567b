"""Pruning rules: which units and edges a cumulative target removes."""

import numpy as np


def prune_units(unit_scores, target):
    """Keep the hidden units that score above the ``target`` percentile.

    One global ranking over the units of all hidden layers: a unit is removed
    when its score is ``<=`` the ``target``-th percentile of all scores
    (linear interpolation, :func:`numpy.percentile`). Pruned units score 0,
    so they stay removed.

    Parameters
    ----------
    unit_scores : list of ndarray of shape (width,)
        Score of each hidden unit, one array per hidden layer.
    target : float
        Cumulative share of hidden units to prune, in percent, in [0, 100).

    Returns
    -------
    keep : list of bool ndarray of shape (width,)
        True for the units that survive.

    Examples
    --------
    >>> import numpy as np
    >>> prune_units([np.array([0.0, 3.0]), np.array([1.0, 2.0])], 50)
    [array([False,  True]), array([False,  True])]
    """
    return _above_percentile(unit_scores, target)


def unit_masks(masks, keep):
    """Edge masks after removing hidden units: their incoming and outgoing edges go.

    Parameters
    ----------
    masks : list of bool ndarray of shape (units in, units out)
        Current masks, one per weight layer.
    keep : list of bool ndarray
        For each hidden layer, True for the units that survive
        (``len(keep) == len(masks) - 1``).

    Returns
    -------
    masks : list of bool ndarray
        New masks; the inputs are not modified.
    """
    if len(keep) != len(masks) - 1:
        raise ValueError(
            f"Expected one keep vector per hidden layer ({len(masks) - 1}); got {len(keep)}."
        )
    units_in = [None, *keep]
    units_out = [*keep, None]
    new_masks = []
    for mask, keep_in, keep_out in zip(masks, units_in, units_out):
        mask = mask.copy()
        if keep_in is not None:
            mask &= keep_in[:, None]
        if keep_out is not None:
            mask &= keep_out[None, :]
        new_masks.append(mask)
    return new_masks


def prune_edges(edge_scores, masks, target):
    """Mask the edges whose score is ``<=`` the ``target`` percentile over all edges.

    One global ranking over the weights of all layers; masked edges score 0,
    so they stay masked.

    Parameters
    ----------
    edge_scores : list of ndarray of shape (units in, units out)
        Score of every edge (see :func:`edge_magnitude`).
    masks : list of bool ndarray, same shapes
        Current masks.
    target : float
        Cumulative share of all edges to prune, in percent, in [0, 100).

    Returns
    -------
    masks : list of bool ndarray
        New masks; the inputs are not modified.

    Examples
    --------
    >>> import numpy as np
    >>> scores = [np.array([[0.1, 0.4], [0.3, 0.2]])]
    >>> prune_edges(scores, [np.ones((2, 2), bool)], 50)
    [array([[False,  True],
           [ True, False]])]
    """
    keep = _above_percentile(edge_scores, target)
    return [m & k for k, m in zip(keep, masks, strict=True)]


def density(masks):
    """Share of all edges that survive, in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> density([np.array([[True, False]]), np.array([[True], [True]])])
    0.75
    """
    return sum(int(m.sum()) for m in masks) / sum(m.size for m in masks)


def _above_percentile(scores, target):
    """True where a score is above the ``target`` percentile of all scores of all arrays."""
    threshold = np.percentile(np.concatenate([s.ravel() for s in scores]), target)
    return [s > threshold for s in scores]
