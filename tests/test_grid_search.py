"""Choosing P_u / P_e with GridSearchCV and the hierarchy score."""

import numpy as np
import pytest
from conftest import EXEMPLAR
from sklearn.model_selection import GridSearchCV

from sksculpt import SculptingClassifier, make_hierarchy_scorer
from sksculpt.datasets import make_boolean_task
from sksculpt.model_selection import CompleteTableSplit

GRID = {"unit_prune_step": [30, 65], "edge_prune_step": [1.5, 2.5]}


@pytest.fixture(scope="module")
def task():
    return make_boolean_task("input_separable")


def search(task, **kwargs):
    estimator = SculptingClassifier(**{**EXEMPLAR, **kwargs}, random_state=0)
    return GridSearchCV(
        estimator, GRID, scoring=make_hierarchy_scorer(task.graph), cv=CompleteTableSplit(), n_jobs=2
    ).fit(task.data, task.target)


def test_grid_search_finds_the_true_structure(task):
    found = search(task)
    assert found.best_score_ == 1.0
    assert set(found.best_params_) == set(GRID)
    assert found.best_estimator_.score(task.data, task.target) == 1.0


def test_hierarchy_score_next_to_accuracy_in_a_dict_of_scorers(task):
    estimator = SculptingClassifier(**EXEMPLAR, random_state=0)
    found = GridSearchCV(
        estimator, GRID, cv=CompleteTableSplit(), refit="structure",
        scoring={"structure": make_hierarchy_scorer(task.graph), "accuracy": "accuracy"},
    ).fit(task.data, task.target)
    assert found.best_score_ == 1.0
    assert np.all(found.cv_results_["mean_test_accuracy"] == 1.0)


@pytest.mark.slow
def test_cached_grid_search_equals_uncached(task, tmp_path):
    plain = search(task)
    cached = search(task, memory=str(tmp_path))
    assert cached.best_params_ == plain.best_params_
    np.testing.assert_array_equal(cached.cv_results_["mean_test_score"], plain.cv_results_["mean_test_score"])


def test_complete_table_split_yields_every_row_for_train_and_test():
    splits = list(CompleteTableSplit(n_repeats=2).split(np.zeros((5, 1))))
    assert len(splits) == 2 and CompleteTableSplit(n_repeats=2).get_n_splits() == 2
    for train, test in splits:
        assert train.tolist() == test.tolist() == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "X, error, message",
    [
        (None, TypeError, r"X must be an array-like of shape \(n_samples, n_features\).*got NoneType"),
        (np.zeros((0, 4)), ValueError, r"X has 0 samples; CompleteTableSplit needs at least one"),
    ],
)
def test_complete_table_split_refuses_what_has_no_rows_to_split(X, error, message):
    with pytest.raises(error, match=message):
        list(CompleteTableSplit().split(X))
