"""A cross-validation splitter that trains and scores on every row."""

from numbers import Integral

import numpy as np
from sklearn.model_selection import BaseCrossValidator
from sklearn.utils._param_validation import validate_parameter_constraints
from sklearn.utils.validation import _num_samples

from .._validation import StrictInterval


class CompleteTableSplit(BaseCrossValidator):
    """Train and test on all samples: one split, for complete truth tables.

    A Boolean task's truth table lists every input, so there is nothing to
    hold out: the paper trains, sculpts and checks on the whole table. Pass
    this splitter as ``cv`` to :class:`~sklearn.model_selection.GridSearchCV`
    to choose P_u / P_e the same way, scoring each candidate on the rows it
    was fitted on.

    Parameters
    ----------
    n_repeats : int, default=1
        How many identical splits to yield. Each candidate is then fitted
        ``n_repeats`` times; useful only with ``random_state=None``, where
        repeated fits differ.

    Examples
    --------
    >>> import numpy as np
    >>> from sksculpt.model_selection import CompleteTableSplit
    >>> [(train.tolist(), test.tolist()) for train, test in CompleteTableSplit().split(np.zeros((3, 2)))]
    [([0, 1, 2], [0, 1, 2])]
    """

    def __init__(self, n_repeats=1):
        self.n_repeats = n_repeats

    def split(self, X, y=None, groups=None):
        """Yield ``(all indices, all indices)`` ``n_repeats`` times.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y, groups : ignored

        Yields
        ------
        train, test : ndarray of int
            Both hold every sample index.

        Raises
        ------
        TypeError
            If ``X`` is not array-like.
        ValueError
            If ``X`` has no sample, or ``n_repeats`` is not a positive integer.
        """
        n_repeats = self.get_n_splits()
        try:
            n_samples = _num_samples(X)
        except TypeError:
            raise TypeError(
                f"X must be an array-like of shape (n_samples, n_features), such as the truth table; "
                f"got {type(X).__name__}."
            ) from None
        if not n_samples:
            raise ValueError("X has 0 samples; CompleteTableSplit needs at least one to train and test on.")
        indices = np.arange(n_samples)
        for _ in range(n_repeats):
            yield indices, indices

    def get_n_splits(self, X=None, y=None, groups=None):
        """The number of splits, ``n_repeats``.

        Parameters
        ----------
        X, y, groups : ignored

        Returns
        -------
        n_splits : int

        Raises
        ------
        ValueError
            If ``n_repeats`` is not a positive integer.
        """
        validate_parameter_constraints(
            {"n_repeats": [StrictInterval(Integral, 1, None, closed="left")]},
            {"n_repeats": self.n_repeats},
            caller_name=type(self).__name__,
        )
        return int(self.n_repeats)

    def _iter_test_indices(self, X=None, y=None, groups=None):
        yield from (test for _, test in self.split(X))
