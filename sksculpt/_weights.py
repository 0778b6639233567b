"""Sample weights: checked once, zero weights left out, the rest scaled to a mean of 1."""

import numpy as np
from sklearn.utils.validation import _check_sample_weight


def check_sample_weight(sample_weight, X, caller):
    """Check ``sample_weight`` for ``X``; return the weights and which samples to keep.

    Samples of weight 0 carry nothing into the loss or the check accuracy, so
    they are left out, as if they had not been passed.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
    X : ndarray of shape (n_samples, n_features)
    caller : object
        The estimator, for messages.

    Returns
    -------
    weight : ndarray of float64 of shape (n_kept,) or None
        The weights of the samples kept; None when ``sample_weight`` is None.
    kept : ndarray of bool of shape (n_samples,) or None
        The samples of positive weight; None when ``sample_weight`` is None.

    Raises
    ------
    ValueError
        If the weights are not one finite, non-negative number per sample, or
        fewer than two samples have a positive weight.
    """
    if sample_weight is None:
        return None, None
    weight = _check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
    kept = weight > 0
    if kept.sum() < 2:
        raise ValueError(
            f"{type(caller).__name__} needs at least 2 samples of positive sample_weight; "
            f"{int(kept.sum())} of {len(weight)} have one. Give more samples a weight above 0, "
            "or pass sample_weight=None."
        )
    return weight[kept], kept


def unit_mean_weights(weight):
    """Weights scaled to a mean of 1, as float32; None where every sample weighs the same.

    Equal weights are the same as none, and the unweighted computation is
    used for them, so that ``sample_weight=np.ones(n)`` gives exactly the
    unweighted fit.

    Parameters
    ----------
    weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    weight : ndarray of float32 of shape (n_samples,) or None

    Examples
    --------
    >>> unit_mean_weights(np.array([1.0, 3.0]))
    array([0.5, 1.5], dtype=float32)
    >>> unit_mean_weights(np.array([2.0, 2.0])) is None
    True
    """
    if weight is None or np.all(weight == weight[0]):
        return None
    return (weight / weight.mean()).astype(np.float32)
