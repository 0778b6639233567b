"""Pruning rules: which units and edges a cumulative target removes."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval

_TARGET = [StrictInterval(Real, 0, 100, closed="left")]


def check_layers(arrays, name, ndim):
    """Return per-layer arrays as a list of ndarrays, checking their count and dimensions.

    Parameters
    ----------
    arrays : list or tuple of array-like
        One array per layer.
    name : str
        The argument's name, for error messages.
    ndim : int
        Dimensions every array must have.

    Returns
    -------
    arrays : list of ndarray

    Raises
    ------
    ValueError
        If there is no array, one has other dimensions, or holds NaN or infinity.
    """
    if len(arrays) == 0:
        raise ValueError(f"{name} is empty; pass one array per layer.")
    checked = [np.asarray(array) for array in arrays]
    for layer, array in enumerate(checked):
        if array.ndim != ndim:
            raise ValueError(f"{name}[{layer}] must be {ndim}-D; got shape {array.shape}.")
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            raise ValueError(f"{name}[{layer}] holds NaN or infinity; scores must be finite.")
    return checked


def check_same_shapes(first, second, names):
    """Raise ValueError unless two lists of per-layer arrays pair up with equal shapes."""
    if len(first) != len(second):
        raise ValueError(f"{names[0]} has {len(first)} layers but {names[1]} has {len(second)}.")
    for layer, (a, b) in enumerate(zip(first, second)):
        if np.shape(a) != np.shape(b):
            raise ValueError(
                f"{names[0]}[{layer}] has shape {np.shape(a)} but {names[1]}[{layer}] has "
                f"shape {np.shape(b)}; pass arrays of the same layers."
            )


@validate_params({"unit_scores": [list, tuple], "target": _TARGET}, prefer_skip_nested_validation=True)
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
    return _above_percentile(check_layers(unit_scores, "unit_scores", ndim=1), target)


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
    for layer, (mask, kept) in enumerate(zip(masks, keep)):
        if np.shape(kept) != (mask.shape[1],):
            raise ValueError(
                f"keep[{layer}] has shape {np.shape(kept)} but hidden layer {layer + 1} has "
                f"{mask.shape[1]} units; pass one bool per unit."
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


@validate_params(
    {"edge_scores": [list, tuple], "masks": [list, tuple], "target": _TARGET},
    prefer_skip_nested_validation=True,
)
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
    edge_scores = check_layers(edge_scores, "edge_scores", ndim=2)
    check_same_shapes(edge_scores, masks, ("edge_scores", "masks"))
    keep = _above_percentile(edge_scores, target)
    return [m & k for k, m in zip(keep, masks)]


@validate_params({"masks": [list, tuple]}, prefer_skip_nested_validation=True)
def density(masks):
    """Share of all edges that survive, in [0, 1].

    Parameters
    ----------
    masks : list of bool ndarray
        One per weight layer.

    Returns
    -------
    density : float

    Examples
    --------
    >>> import numpy as np
    >>> density([np.array([[True, False]]), np.array([[True], [True]])])
    0.75
    """
    masks = check_layers(masks, "masks", ndim=2)
    return sum(int(m.sum()) for m in masks) / sum(m.size for m in masks)


def _above_percentile(scores, target):
    """True where a score is above the ``target`` percentile of all scores of all arrays."""
    threshold = np.percentile(np.concatenate([s.ravel() for s in scores]), target)
    return [s > threshold for s in scores]
