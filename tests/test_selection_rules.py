"""Truth-free selection rules: pure functions of cv_results_ columns."""

import numpy as np
import pytest

from sksculpt import ModuleDetector
from sksculpt.model_selection import (
    select_consensus,
    select_seed_vote,
    select_simplest_recurring,
    select_sparsest,
    structure_signature,
)

SPLIT = "in 0,1 out 0,1 | in 2,3 out 2,3"
MERGED = "in 0,1,2,3 out 0,1,2,3"
CROSSED = "in 0,1 out 0,1 | in 2,3 out 2,3 ; 0>1"
#: SPLIT with its first input module cut in two: one module more.
CUT = "in 0 | in 1 | out 0,1 | in 2,3 out 2,3 ; 0>2 1>2"
N_MODULES = {SPLIT: 2, MERGED: 1, CROSSED: 2, CUT: 4}
ALL_RULES = [select_sparsest, select_consensus, select_seed_vote, select_simplest_recurring]


def results(rows):
    """cv_results_ columns from ``(seed, accuracy, edges_left, structure)`` rows."""
    seed, accuracy, edges, structure = zip(*rows)
    structures = np.empty(len(rows), dtype=object)
    structures[:] = structure
    return dict(
        seed=np.array(seed), check_accuracy=np.array(accuracy, dtype=float), accurate=np.array(accuracy) >= 1.0,
        edges_left=np.array(edges), n_modules=np.array([N_MODULES[item] for item in structure]),
        structure=structures,
    )


def test_sparsest_picks_the_accurate_network_with_fewest_edges():
    cv = results([(0, 0.9, 5, MERGED), (0, 1.0, 12, CROSSED), (0, 1.0, 9, SPLIT), (1, 1.0, 3, SPLIT)])
    assert select_sparsest(cv) == 2


def test_sparsest_breaks_ties_by_the_structure_found_most_often():
    cv = results([(0, 1.0, 9, CROSSED), (0, 1.0, 9, SPLIT), (0, 1.0, 20, SPLIT)])
    assert select_sparsest(cv) == 1


def test_consensus_picks_the_most_frequent_accurate_structure_then_its_sparsest_network():
    cv = results([(0, 1.0, 8, CROSSED), (0, 1.0, 15, SPLIT), (0, 1.0, 11, SPLIT), (0, 0.5, 2, MERGED),
                  (0, 0.5, 2, MERGED), (0, 0.5, 2, MERGED)])
    assert select_consensus(cv) == 2


def test_seed_vote_prefers_the_structure_other_seeds_also_reach():
    cv = results([
        (0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT), (0, 1.0, 9, CROSSED),
        (1, 1.0, 10, SPLIT), (1, 1.0, 12, MERGED),
        (2, 1.0, 11, SPLIT),
    ])
    assert select_consensus(cv) == 0  # the user's own seed alone favours CROSSED
    assert select_seed_vote(cv) == 1  # three seeds found SPLIT, one found CROSSED
    assert select_seed_vote(cv, n_sparsest=1) == 1  # each seed's sparsest: CROSSED, SPLIT, SPLIT
    alone = results([(0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT), (1, 1.0, 9, MERGED)])
    assert select_seed_vote(alone) == 0  # no structure shared: the user's most frequent, then sparsest


def test_simplest_recurring_prefers_the_coarsest_structure_half_the_seeds_reach():
    cv = results([
        (0, 1.0, 8, CUT), (0, 1.0, 9, SPLIT), (0, 1.0, 30, MERGED), (0, 1.0, 10, CUT),
        (1, 1.0, 7, CUT), (1, 1.0, 10, SPLIT),
        (2, 1.0, 9, CUT), (2, 1.0, 12, MERGED),
        (3, 1.0, 9, CUT),
    ])
    assert select_seed_vote(cv) == 0  # CUT has the most votes (4 seeds)
    assert select_simplest_recurring(cv) == 1  # SPLIT recurs (2 of 4 seeds) with fewer modules
    # MERGED is voted by seed 2 alone: the user's own network with it is not among its 3 sparsest.
    assert select_simplest_recurring(cv, n_sparsest=1) == 0  # only CUT recurs among each seed's sparsest


def test_simplest_recurring_falls_back_to_seed_vote_when_nothing_recurs():
    cv = results([(0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT), (1, 1.0, 9, MERGED), (2, 1.0, 9, MERGED),
                  (3, 1.0, 9, MERGED)])
    assert select_simplest_recurring(cv) == select_seed_vote(cv) == 0


def test_rules_fall_back_to_the_most_accurate_network_when_none_keeps_the_threshold():
    cv = results([(0, 0.8, 10, SPLIT), (0, 0.9, 30, MERGED), (0, 0.9, 20, CROSSED), (1, 1.0, 5, SPLIT)])
    for rule in ALL_RULES:
        assert rule(cv) == 2


def test_structure_signature_ignores_module_numbering():
    masks = [np.eye(4, dtype=bool)[:, [0, 0, 1, 1, 2, 2, 3, 3]], np.eye(8, dtype=bool)[:, [0, 2, 4, 6]]]
    swapped = [mask[::-1, ::-1] for mask in masks]
    first, second = ModuleDetector().fit(masks), ModuleDetector().fit(swapped)
    assert structure_signature(first.modules_, first.hierarchy_) == structure_signature(
        second.modules_, second.hierarchy_
    )


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_pick_only_among_the_users_seed(rule):
    cv = results([(1, 1.0, 1, SPLIT), (0, 1.0, 50, MERGED), (2, 1.0, 1, SPLIT)])
    assert rule(cv) == 1


def test_a_plain_grid_search_picks_the_sparsest_accurate_network():
    from sklearn.model_selection import GridSearchCV

    from sksculpt import SculptingClassifier
    from sksculpt.datasets import make_boolean_task
    from sksculpt.model_selection import CompleteTableSplit, edges_left_score, select_sparsest_refit

    X, y = make_boolean_task("input_separable", return_X_y=True)
    search = GridSearchCV(
        SculptingClassifier(random_state=0), {"unit_prune_step": [30, 65], "edge_prune_step": [2.5]},
        scoring={"accuracy": "accuracy", "edges": edges_left_score}, refit=select_sparsest_refit,
        cv=CompleteTableSplit(),
    ).fit(X, y)
    accurate = search.cv_results_["mean_test_accuracy"] == 1.0
    fewest = search.cv_results_["mean_test_edges"][accurate].max()
    assert search.cv_results_["mean_test_edges"][search.best_index_] == fewest
    assert -edges_left_score(search.best_estimator_) == -fewest
