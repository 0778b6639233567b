"""Checks of the sculpted connectivity (the masks format), shared by module detection and the plots."""

import numpy as np
from scipy import sparse


def check_masks(X):
    """Return the per-layer masks of a sculpted network as new boolean arrays.

    Parameters
    ----------
    X : list of array-like or object with a ``masks_`` attribute
        One mask per weight layer, ``X[l]`` of shape ``(n_units[l], n_units[l + 1])``
        and True (or 1) where the edge from unit ``i`` of layer ``l`` to unit ``j``
        of layer ``l + 1`` survives; layer 0 holds the inputs. A mask may be a
        SciPy sparse matrix or array (converted to a dense array). A fitted estimator
        with a ``masks_`` attribute in that layout (such as a fitted
        ``SculptingClassifier``) is read through that attribute.

    Returns
    -------
    masks : list of ndarray of bool
        Copies of the masks; the caller's arrays are never modified.

    Raises
    ------
    TypeError
        If ``X`` is neither a list/tuple of masks nor has ``masks_``, or a mask is
        not numeric.
    ValueError
        If the list is empty, a mask is not 2-D or has a layer without units, holds
        values other than 0 and 1, or two consecutive masks disagree on the size of
        the layer between them.

    Examples
    --------
    >>> import numpy as np
    >>> [m.dtype for m in check_masks([np.eye(2, dtype=int), np.ones((2, 1), bool)])]
    [dtype('bool'), dtype('bool')]
    """
    masks = getattr(X, "masks_", X)
    if not isinstance(masks, (list, tuple)):
        raise TypeError(
            "X must be a list of 2-D boolean masks, one per weight layer, or a fitted "
            f"estimator with a masks_ attribute; got {type(X).__name__}."
        )
    if len(masks) == 0:
        raise ValueError(
            "X is an empty list of masks; pass one mask per weight layer "
            "(at least one, from the inputs to the outputs)."
        )
    checked = [_check_mask(mask, layer) for layer, mask in enumerate(masks)]
    for layer, (lower, upper) in enumerate(zip(checked[:-1], checked[1:])):
        if lower.shape[1] != upper.shape[0]:
            raise ValueError(
                f"masks[{layer}] has {lower.shape[1]} columns but masks[{layer + 1}] "
                f"has {upper.shape[0]} rows; both count the units of layer "
                f"{layer + 1}, so pass masks whose consecutive shapes agree."
            )
    return checked


def check_layer_sizes(masks, layer_sizes, name="X"):
    """Check that masks describe the architecture a detection was fitted on.

    Parameters
    ----------
    masks : list of ndarray of bool
        Masks returned by :func:`check_masks`.
    layer_sizes : tuple of int
        Number of units of each layer, inputs first (``ModuleDetector.layer_sizes_``).
    name : str, default="X"
        What the caller calls the masks, for the error message.

    Raises
    ------
    ValueError
        If the masks have other layer sizes.
    """
    sizes = (masks[0].shape[0], *(mask.shape[1] for mask in masks))
    if sizes != tuple(layer_sizes):
        raise ValueError(
            f"The layer sizes of {name}, {sizes}, differ from those the detector was fitted "
            f"on, {tuple(layer_sizes)}; pass connectivity of the same architecture."
        )


def _check_mask(mask, layer):
    """Check one mask and return it as a new boolean array."""
    array = mask.toarray() if sparse.issparse(mask) else np.asarray(mask)
    if array.ndim != 2:
        raise ValueError(
            f"masks[{layer}] must be 2-D (units of layer {layer} x units of layer "
            f"{layer + 1}); got an array of shape {array.shape}."
        )
    if 0 in array.shape:
        raise ValueError(
            f"masks[{layer}] has shape {array.shape}; every layer needs at least one "
            "unit, so pass masks with no empty dimension."
        )
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"masks[{layer}] has dtype {array.dtype}; pass boolean masks (True where "
            "the edge survives) or 0/1 integer arrays."
        )
    is_binary = np.isin(array, (0, 1))
    if not is_binary.all():
        raise ValueError(
            f"masks[{layer}] holds the value {array[~is_binary][0].item()}; a mask holds "
            "only True/False or 0/1, so pass e.g. (weights != 0) instead of weights."
        )
    return np.array(array, dtype=bool)
