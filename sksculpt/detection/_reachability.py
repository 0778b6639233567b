"""Reachability features: which higher units a unit reaches in a few steps."""

import numpy as np
import scipy.sparse as sp


def reachability_features(masks, layer, step_size):
    """Binary reachability vectors of the units of one layer.

    The feature vector of unit ``i`` of layer ``l`` runs over all units of the
    layers above ``l`` (layer ``l + 1`` first, then ``l + 2``, ..., the outputs
    last) and is 1 where that unit is reachable from ``i`` by a directed path of
    length at most ``step_size`` (user guide, *Module detection*, step 2).

    Parameters
    ----------
    masks : list of ndarray of bool
        ``masks[l]`` of shape ``(n_units[l], n_units[l + 1])``, True where the edge
        survives (usually the cleaned masks of :func:`remove_dead_units`).
    layer : int
        The layer whose units are described, ``0 <= layer < len(masks)``
        (0 = inputs).
    step_size : int
        Longest path length counted, at least 1.

    Returns
    -------
    features : scipy.sparse.csr_array of bool
        Shape ``(n_units[layer], n_units[layer + 1] + ... + n_units[L])``.

    Raises
    ------
    ValueError
        If ``layer`` is not a layer below the outputs or ``step_size < 1``.

    Notes
    -----
    In a layered network every path from layer ``l`` to layer ``l + d`` has length
    ``d``, so the block of layer ``l + d`` is the boolean matrix product
    ``M_l M_{l+1} ... M_{l+d-1}`` for ``d <= step_size`` and zero beyond. The
    products are sparse and boolean; no dense matrix over all units is formed.

    Examples
    --------
    >>> import numpy as np
    >>> masks = [np.array([[True, False], [False, True]]), np.array([[True], [False]])]
    >>> reachability_features(masks, 0, 2).toarray().astype(int)
    array([[1, 0, 1],
           [0, 1, 0]])
    """
    if not 0 <= layer < len(masks):
        raise ValueError(
            f"layer must be one of 0..{len(masks) - 1} (a layer below the outputs); "
            f"got {layer}."
        )
    if step_size < 1:
        raise ValueError(f"step_size must be at least 1; got {step_size}.")
    n_units = masks[layer].shape[0]
    reach = sp.eye_array(n_units, dtype=bool, format="csr")
    blocks = []
    for distance, mask in enumerate(masks[layer:], start=1):
        if distance <= step_size:
            reach = reach @ sp.csr_array(mask)
        else:
            reach = sp.csr_array((n_units, mask.shape[1]), dtype=bool)
        blocks.append(reach)
    return sp.hstack(blocks, format="csr")


def count_reachable_units(alive, layer, step_size):
    """Number of surviving units in the ``step_size`` layers above ``layer``.

    This is ``N`` of the clusterability test: the number of units a feature vector
    of layer ``layer`` could reach.

    Parameters
    ----------
    alive : list of ndarray of bool
        Per-layer vectors of the surviving units (from :func:`remove_dead_units`).
    layer : int
        The layer whose features are considered.
    step_size : int
        Longest path length counted.

    Returns
    -------
    n_reachable : int
        ``sum(alive[l].sum() for l in layer + 1 .. min(layer + step_size, L))``.
    """
    return int(sum(np.count_nonzero(units) for units in alive[layer + 1 : layer + 1 + step_size]))
