"""Helpers for scikit-learn's GridSearchCV over SculptingClassifier, whose ``cv_results_`` has one
row per parameter setting and ``mean_test_<scorer>`` columns (not the layout the rules read)."""

import numpy as np


def edges_left_score(estimator, X=None, y=None):
    """Minus the number of edges a fitted sculpting estimator keeps: a scorer (greater is sparser).

    For scikit-learn's :class:`~sklearn.model_selection.GridSearchCV`, not
    for :class:`~sksculpt.SculptingClassifierCV` (whose ``cv_results_``
    already has ``edges_left``). With ``GridSearchCV(scoring={"accuracy":
    "accuracy", "edges": edges_left_score}, refit=select_sparsest_refit)``
    a plain grid search over ``unit_prune_step`` and ``edge_prune_step``
    picks the sparsest accurate network; the search's ``cv_results_`` then
    has the columns ``mean_test_edges`` (minus the mean number of edges over
    the folds) and ``split<k>_test_edges``, which
    :func:`select_sparsest_refit` reads.

    Parameters
    ----------
    estimator : SculptingClassifier
        Fitted.
    X, y : ignored
        Present for the scorer signature.

    Returns
    -------
    score : float
    """
    if not hasattr(estimator, "masks_"):
        raise TypeError(
            f"edges_left_score scores a fitted SculptingClassifier (it reads masks_); got {type(estimator).__name__} "
            "without masks_. Use it as a GridSearchCV scorer, which passes fitted estimators."
        )
    return -float(sum(int(mask.sum()) for mask in estimator.masks_))


def select_sparsest_refit(cv_results):
    """``refit=`` for :class:`~sklearn.model_selection.GridSearchCV`: the sparsest most accurate candidate.

    Reads scikit-learn's ``GridSearchCV.cv_results_`` layout, one row per
    parameter setting, not the one row per network of
    :class:`~sksculpt.SculptingClassifierCV` that the ``select_*`` rules
    read: the ``mean_test_accuracy`` and ``mean_test_edges`` columns of a
    grid search scored with ``{"accuracy": ..., "edges": edges_left_score}``.
    Among the settings of the highest mean accuracy, it picks the one with
    the fewest edges. It knows nothing of seeds, structures or spurious
    paths.

    Parameters
    ----------
    cv_results : dict
        ``GridSearchCV.cv_results_``.

    Returns
    -------
    index : int
    """
    missing = [column for column in ("mean_test_accuracy", "mean_test_edges") if column not in cv_results]
    if missing:
        raise ValueError(
            f"select_sparsest_refit reads GridSearchCV's {missing} columns, from scoring={{'accuracy': 'accuracy', "
            "'edges': edges_left_score}}. For SculptingClassifierCV's cv_results_ use select_sparsest."
        )
    accuracy = np.asarray(cv_results["mean_test_accuracy"])
    edges = -np.asarray(cv_results["mean_test_edges"])
    return int(np.lexsort((edges, -accuracy))[0])
