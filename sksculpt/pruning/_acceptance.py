"""Whether a pruning step keeps the dense network's accuracy: a bar, or a paired test.

On a complete truth table every check decision is known, and the paper's
rule, an absolute bar (every output bit right), is exact. On sampled data
the check accuracy is an estimate from a few hundred decisions: a bar in
fractions is then a count of samples, and one unlucky sample decides. The
paired test asks the statistician's question instead: is the pruned
network's check accuracy significantly below the dense network's, on the
same check samples?
"""

from dataclasses import dataclass

import numpy as np
from scipy.special import betainc


def is_complete_truth_table(X):
    """Whether ``X`` lists every combination of its binary inputs exactly once.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    complete : bool
        True when every value is 0 or 1, there are ``2 ** n_features``
        samples, and no two are alike: the data are the whole task, not a
        sample of it.

    Examples
    --------
    >>> import itertools
    >>> import numpy as np
    >>> table = np.array(list(itertools.product([0, 1], repeat=3)))
    >>> is_complete_truth_table(table), is_complete_truth_table(table[:-1])
    (True, False)
    """
    X = np.asarray(X)
    n_samples, n_features = X.shape
    if n_features >= 63 or n_samples != 2 ** n_features or not np.isin(X, (0, 1)).all():
        return False
    return len(np.unique(X.astype(np.uint8), axis=0)) == n_samples


def paired_p_value(dense_correct, pruned_correct, sample_weight=None):
    """One-sided p-value that a pruned network decides no worse than the dense one (exact McNemar test).

    Of the check decisions (one per sample for class labels, one per output
    bit for multi-label targets), ``b`` are right for the dense network and
    wrong for the pruned one, ``c`` the reverse. If pruning cost nothing,
    each of these ``b + c`` discordant decisions would go either way with
    probability 1/2, so ``b ~ Binomial(b + c, 1/2)``, and the p-value is

    .. math:: p = P(B \\ge b) = I_{1/2}(b, c + 1)

    (the regularized incomplete beta function; 1 when ``b = 0``). With
    sample weights, ``b`` and ``c`` are the weights of the discordant
    decisions, rescaled to their effective number
    :math:`n_{eff} = (\\sum w)^2 / \\sum w^2` (Kish), which leaves equal
    weights' p-value exact.

    Parameters
    ----------
    dense_correct, pruned_correct : ndarray of bool of shape (n_samples, n_decisions)
        Which check decisions each network gets right.
    sample_weight : ndarray of shape (n_samples,), optional

    Returns
    -------
    p_value : float

    References
    ----------
    Q. McNemar. "Note on the sampling error of the difference between
    correlated proportions or percentages". Psychometrika 12, 1947.

    Examples
    --------
    Five samples lost and none gained: as unlikely as five heads in a row.

    >>> import numpy as np
    >>> dense = np.ones((100, 1), dtype=bool)
    >>> pruned = dense.copy()
    >>> pruned[:5] = False
    >>> paired_p_value(dense, pruned)
    0.03125
    >>> paired_p_value(dense, dense)
    1.0
    """
    lost = dense_correct & ~pruned_correct
    gained = pruned_correct & ~dense_correct
    if sample_weight is None:
        b, c = float(lost.sum()), float(gained.sum())
    else:
        weight = np.broadcast_to(np.asarray(sample_weight, dtype=float)[:, None], lost.shape)
        discordant = weight[lost | gained]
        if not discordant.sum():
            return 1.0
        scale = discordant.sum() / (discordant**2).sum()  # n_eff / total weight of the discordant
        b, c = scale * weight[lost].sum(), scale * weight[gained].sum()
    return 1.0 if b == 0 else float(betainc(b, c + 1, 0.5))


@dataclass(frozen=True)
class PairedTest:
    """The acceptance rule of sampled data: a step passes unless significantly worse than the dense network.

    Parameters
    ----------
    dense_correct : ndarray of bool of shape (n_samples, n_decisions)
        The dense network's right and wrong check decisions.
    alpha : float
        The level of the one-sided test (:func:`~sksculpt.pruning.paired_p_value`): a step
        whose p-value is below it is rejected.
    sample_weight : ndarray of shape (n_samples,) or None, default=None
        The check samples' weights.
    """

    dense_correct: np.ndarray
    alpha: float
    sample_weight: np.ndarray | None = None

    def accepts(self, accuracy, correct):
        """Whether a step whose check decisions are ``correct`` passes (``accuracy`` is not needed)."""
        return paired_p_value(self.dense_correct, correct, self.sample_weight) >= self.alpha


@dataclass(frozen=True)
class AccuracyBar:
    """The acceptance rule of a check accuracy to reach: the paper's, or one set by a tolerance.

    Parameters
    ----------
    threshold : float
        The least check accuracy a step must reach.
    """

    threshold: float

    def accepts(self, accuracy, correct):
        """Whether a step of check accuracy ``accuracy`` passes (``correct`` is not needed)."""
        return accuracy >= self.threshold
