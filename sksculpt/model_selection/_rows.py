"""Which rows of a search's ``cv_results_`` a rule considers: the runs, the candidates and the voters.

A *replicate* is one independent run (a seed on one training set); the
user's rows are replicate 0. A *candidate* keeps the accuracy bar with the
fewest spurious paths the user's networks need (and, with ``cv``,
generalises within one standard error of the best); each replicate votes
through its sparsest candidates.
"""

import numpy as np


def replicates(cv_results):
    """The replicate of each row: the seed, and with ``cv`` the fold, its network was sculpted from.

    Networks of one replicate share their seed and training data; each
    replicate is an independent attempt at the task's structure.

    Parameters
    ----------
    cv_results : dict of array-like
        Reads ``seed`` and, when present, ``fold`` (-1 for networks
        sculpted on all the data).

    Returns
    -------
    replicates : ndarray of int
        One label per row; 0 is the user's (seed 0, all the data).
    """
    seeds = np.asarray(cv_results["seed"])
    if "fold" not in cv_results:
        return seeds
    folds = np.asarray(cv_results["fold"])
    return seeds * (int(folds.max()) + 2) + folds + 1


def _own(cv_results):
    """Mask of the user's rows: seed 0, sculpted on all the data."""
    return replicates(cv_results) == 0


def _candidates(cv_results):
    """Mask of the candidate rows: accurate, with no more spurious paths than the user's networks need.

    With held-out columns (``cv``), a row is accurate only when its grid
    point is also within one standard error of the best held-out accuracy
    (see :func:`_generalising`).

    The bar is the fewest ``spurious_paths`` among the user's accurate rows
    (seed 0, all the data); with no accurate row there, every accurate row
    is a candidate.
    """
    accurate = _generalising(cv_results, np.asarray(cv_results["accurate"], dtype=bool))
    spurious = np.asarray(cv_results["spurious_paths"])
    own = accurate & _own(cv_results)
    if not own.any():
        return accurate
    return accurate & (spurious <= spurious[own].min())


def _generalising(cv_results, accurate):
    """``accurate`` less, with ``cv``, the rows whose grid point is clearly worse on held-out data.

    The one-standard-error rule (Breiman et al., 1984): a grid point stays
    when its ``mean_test_accuracy`` is within one standard error of the best
    of the user's accurate grid points. Without held-out columns, ``accurate``.
    """
    if "mean_test_accuracy" not in cv_results:
        return accurate
    mean = np.asarray(cv_results["mean_test_accuracy"])
    own = accurate & _own(cv_results)
    if not own.any():
        return accurate
    best = np.flatnonzero(own)[np.argmax(mean[own])]
    n_folds = sum(1 for column in cv_results if column.startswith("split") and column.endswith("_test_accuracy"))
    standard_error = np.asarray(cv_results["std_test_accuracy"])[best] / np.sqrt(max(n_folds, 1))
    return accurate & (mean >= mean[best] - standard_error)


def _candidate_rows(cv_results):
    """Indices of the user's candidate rows (see :func:`_candidates`)."""
    return np.flatnonzero(_own(cv_results) & _candidates(cv_results))


def _fallback(cv_results):
    """The user's row with the highest check accuracy (the sparsest among equals)."""
    rows = np.flatnonzero(_own(cv_results))
    accuracy = np.asarray(cv_results["check_accuracy"])[rows]
    edges = np.asarray(cv_results["edges_left"])[rows]
    return int(rows[np.lexsort((edges, -accuracy))[0]])


def voting_rows(cv_results, n_sparsest=3):
    """The rows that vote for each replicate: its ``n_sparsest`` sparsest candidate networks.

    Parameters
    ----------
    cv_results : dict of array-like
    n_sparsest : int or None, default=3
        None: every candidate network.

    Returns
    -------
    rows : dict of int to ndarray of int
        Replicate (see :func:`replicates`) to its voting rows, sparsest
        first; a replicate with no candidate network is left out.
    """
    edges = np.asarray(cv_results["edges_left"])
    labels, candidates = replicates(cv_results), _candidates(cv_results)
    voters = {}
    for replicate in np.unique(labels):
        rows = np.flatnonzero((labels == replicate) & candidates)
        if len(rows):
            voters[int(replicate)] = rows[np.argsort(edges[rows], kind="stable")][:n_sparsest]
    return voters
