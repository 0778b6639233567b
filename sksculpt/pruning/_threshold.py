"""The check accuracy a pruning step must keep to be accepted."""

from numbers import Real

import numpy as np
from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval


@validate_params(
    {
        "dense_accuracy": ["array-like", Real],
        "accuracy_threshold": [StrictInterval(Real, 0, 1, closed="right")],
        "accuracy_tolerance": [StrictInterval(Real, 0, 1, closed="left"), None],
    },
    prefer_skip_nested_validation=True,
)
def acceptance_threshold(dense_accuracy, accuracy_threshold=1.0, accuracy_tolerance=None):
    """The check accuracy that pruning steps must reach, given what the dense network reached.

    Without a tolerance it is ``accuracy_threshold`` itself, the paper's rule
    (1.0 on a complete truth table: every output bit right). On real data,
    where no network is perfect, a bar set by hand is a guess: too high and
    every step is rejected, too low and pruning strips what the task needs.
    With ``accuracy_tolerance`` the bar follows the dense network instead: a
    step is accepted while its check accuracy stays within the tolerance of
    the dense round's, and never has to exceed ``accuracy_threshold``.

    Parameters
    ----------
    dense_accuracy : float or array-like of float
        Check accuracy of the dense round, of one network or of several.
    accuracy_threshold : float, default=1.0
        The absolute bar, in (0, 1].
    accuracy_tolerance : float or None, default=None
        How far below the dense round's check accuracy a pruned network may
        fall, in [0, 1); None uses ``accuracy_threshold`` alone.

    Returns
    -------
    threshold : float or ndarray of float
        ``accuracy_threshold``, or ``min(accuracy_threshold, dense_accuracy -
        accuracy_tolerance)``; an array when ``dense_accuracy`` is one.

    Examples
    --------
    >>> acceptance_threshold(0.965)
    1.0
    >>> round(acceptance_threshold(0.965, accuracy_tolerance=0.005), 3)
    0.96
    >>> acceptance_threshold([1.0, 0.9], accuracy_threshold=0.95, accuracy_tolerance=0.0)
    array([0.95, 0.9 ])
    """
    dense = np.asarray(dense_accuracy, dtype=float)
    if accuracy_tolerance is None:
        threshold = np.full(dense.shape, float(accuracy_threshold))
    else:
        threshold = np.minimum(float(accuracy_threshold), dense - accuracy_tolerance)
    return float(threshold) if threshold.ndim == 0 else threshold
