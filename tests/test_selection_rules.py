"""Truth-free selection rules: pure functions of cv_results_ columns."""

import numpy as np
import pytest
from graphs import module_graph

from sksculpt import ModuleDetector
from sksculpt.model_selection import (
    relay_modules,
    select_consensus,
    select_relay_free_vote,
    select_seed_vote,
    select_sparsest,
    structure_signature,
)

SPLIT = "in 0,1 out 0,1 | in 2,3 out 2,3"
MERGED = "in 0,1,2,3 out 0,1,2,3"
CROSSED = "in 0,1 out 0,1 | in 2,3 out 2,3 ; 0>1"
#: SPLIT with a relay: inputs 0, 1 pass through a module that holds nothing to outputs 0, 1.
RELAYED = "in 0,1 down 0,1 | in 2,3 out 2,3 | out 0,1 up 0,1 | up 0,1 down 0,1 ; 0>3 3>2"
ALL_RULES = [select_sparsest, select_consensus, select_seed_vote, select_relay_free_vote]


#: The depth task's levels: g1 (inputs 0, 1) and g2 (inputs 2, 3) feed h, which k1 and k2 read; and the same
#: outputs with h folded into k1 and k2, both reading g1 and g2.
LEVELS = "in 0,1 | in 2,3 | - | out 0 | out 1 ; 0>2 1>2 2>3 2>4"
FOLDED = "in 0,1 | in 2,3 | out 0 | out 1 ; 0>2 0>3 1>2 1>3"
#: LEVELS with the module of inputs 0, 1 split in two: more modules, but not the same held ones.
FRAGMENTED = "in 0 | in 1 | in 2,3 | - | out 0 | out 1 ; 0>3 1>3 2>3 3>4 3>5"

HIERARCHIES = {
    SPLIT: module_graph([((0, 1), (0, 1)), ((2, 3), (2, 3))], []),
    MERGED: module_graph([((0, 1, 2, 3), (0, 1, 2, 3))], []),
    CROSSED: module_graph([((0, 1), (0, 1)), ((2, 3), (2, 3))], [(0, 1)]),
    RELAYED: module_graph([((0, 1), ()), ((), ()), ((), (0, 1)), ((2, 3), (2, 3))], [(0, 1), (1, 2)]),
    LEVELS: module_graph([((0, 1), ()), ((2, 3), ()), ((), ()), ((), (0,)), ((), (1,))],
                         [(0, 2), (1, 2), (2, 3), (2, 4)]),
    FOLDED: module_graph([((0, 1), ()), ((2, 3), ()), ((), (0,)), ((), (1,))], [(0, 2), (0, 3), (1, 2), (1, 3)]),
    FRAGMENTED: module_graph([((0,), ()), ((1,), ()), ((2, 3), ()), ((), ()), ((), (0,)), ((), (1,))],
                             [(0, 3), (1, 3), (2, 3), (3, 4), (3, 5)]),
}


def results(rows):
    """cv_results_ columns from ``(seed, accuracy, edges_left, structure[, spurious_paths])`` rows (default 0)."""
    seed, accuracy, edges, structure, spurious = zip(*(row if len(row) == 5 else (*row, 0) for row in rows))
    structures = np.empty(len(rows), dtype=object)
    structures[:] = structure
    hierarchies = np.empty(len(rows), dtype=object)
    hierarchies[:] = [HIERARCHIES[item] for item in structure]
    return dict(
        seed=np.array(seed), check_accuracy=np.array(accuracy, dtype=float), accurate=np.array(accuracy) >= 1.0,
        spurious_paths=np.array(spurious), edges_left=np.array(edges), structure=structures, hierarchy=hierarchies,
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


def test_a_relay_holds_nothing_and_is_fed_by_one_module_at_most():
    assert relay_modules(HIERARCHIES[RELAYED]) == [1]
    assert relay_modules(HIERARCHIES[SPLIT]) == relay_modules(HIERARCHIES[CROSSED]) == []
    # Fed by two modules, a module that holds nothing combines them (h = XOR(g1, g2)): no relay.
    combining = module_graph([((0, 1), ()), ((2, 3), ()), ((), ()), ((), (0,))], [(0, 2), (1, 2), (2, 3)])
    assert relay_modules(combining) == []
    # Edges between a module's own units (it spans two layers) do not count as feeding it.
    relayed_twice = module_graph([((0, 1), ()), ((), ()), ((), (0,))], [(0, 1), (1, 1), (1, 2)])
    assert relay_modules(relayed_twice) == [1]


def test_relay_free_vote_prefers_a_recurring_structure_without_relays():
    cv = results([
        (0, 1.0, 8, RELAYED), (0, 1.0, 9, SPLIT), (0, 1.0, 30, MERGED), (0, 1.0, 10, RELAYED),
        (1, 1.0, 7, RELAYED), (1, 1.0, 10, SPLIT),
        (2, 1.0, 9, RELAYED), (2, 1.0, 12, MERGED),
        (3, 1.0, 9, RELAYED),
    ])
    assert select_seed_vote(cv) == 0  # RELAYED has the most votes (4 seeds)
    assert select_relay_free_vote(cv) == 1  # SPLIT recurs (seeds 0 and 1, half of 4) without a relay
    # MERGED is voted by seed 2 alone (seed 0's network with it is not among its 3 sparsest): it does not recur.
    assert select_relay_free_vote(cv, n_sparsest=1) == 0  # each seed's sparsest: only RELAYED recurs


def test_relay_free_vote_then_prefers_a_recurring_structure_that_holds_outputs_apart():
    cv = results([
        (0, 1.0, 8, MERGED), (0, 1.0, 12, SPLIT), (1, 1.0, 8, MERGED), (1, 1.0, 13, SPLIT),
        (2, 1.0, 9, MERGED), (3, 1.0, 9, MERGED),
    ])
    assert select_seed_vote(cv) == 0  # MERGED: 4 votes, and sparser
    assert select_relay_free_vote(cv) == 1  # SPLIT recurs too (2 of 4 seeds) and holds outputs in two modules
    # Fewer relays come first: MERGED (one output module, no relay) beats RELAYED (two, one relay).
    cv = results([(0, 1.0, 8, RELAYED), (0, 1.0, 12, MERGED), (1, 1.0, 8, RELAYED), (1, 1.0, 13, MERGED)])
    assert select_relay_free_vote(cv) == 1


def test_relay_free_vote_then_takes_the_winners_modules_with_a_level_between_them():
    # Every seed finds h folded into k1 and k2 in its sparsest network; seeds 0 and 2 also hold h apart,
    # and seeds 0 and 3 split the module of inputs 0, 1.
    cv = results([
        (0, 1.0, 8, FOLDED), (0, 1.0, 11, LEVELS), (0, 1.0, 12, FRAGMENTED), (1, 1.0, 7, FOLDED),
        (1, 1.0, 20, MERGED), (2, 1.0, 9, FOLDED), (2, 1.0, 12, LEVELS), (3, 1.0, 8, FOLDED), (3, 1.0, 9, FRAGMENTED),
    ])
    assert relay_modules(HIERARCHIES[LEVELS]) == []  # h reads two modules: it combines, it does not relay
    assert select_seed_vote(cv) == 0  # FOLDED: 4 votes
    # LEVELS recurs (2 of 4 seeds) and holds FOLDED's modules with h between them; FRAGMENTED recurs too and
    # has more modules still, but holds inputs 0 and 1 apart: another decomposition, not a level added.
    assert select_relay_free_vote(cv) == 1
    # Without LEVELS, FRAGMENTED's extra modules do not displace the winner.
    cv = results([(0, 1.0, 8, FOLDED), (0, 1.0, 12, FRAGMENTED), (1, 1.0, 7, FOLDED), (2, 1.0, 9, FOLDED),
                  (3, 1.0, 8, FOLDED), (3, 1.0, 9, FRAGMENTED)])
    assert select_relay_free_vote(cv) == 0
    # Held apart by the user's seed alone, the level does not recur and FOLDED stays.
    cv = results([
        (0, 1.0, 8, FOLDED), (0, 1.0, 11, LEVELS), (1, 1.0, 7, FOLDED), (1, 1.0, 20, MERGED),
        (2, 1.0, 9, FOLDED), (2, 1.0, 12, MERGED), (3, 1.0, 8, FOLDED),
    ])
    assert select_relay_free_vote(cv) == 0


def test_relay_free_vote_is_seed_vote_when_nothing_recurs_or_no_preference_differs():
    alone = results([(0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT), (1, 1.0, 9, MERGED), (2, 1.0, 9, MERGED),
                     (3, 1.0, 9, MERGED)])
    assert select_relay_free_vote(alone) == select_seed_vote(alone) == 0
    cv = results([(0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT), (0, 1.0, 9, CROSSED), (1, 1.0, 10, SPLIT),
                  (1, 1.0, 12, MERGED), (2, 1.0, 11, SPLIT)])
    assert select_relay_free_vote(cv) == select_seed_vote(cv) == 1


def test_rules_fall_back_to_the_most_accurate_network_when_none_keeps_the_threshold():
    cv = results([(0, 0.8, 10, SPLIT), (0, 0.9, 30, MERGED), (0, 0.9, 20, CROSSED), (1, 1.0, 5, SPLIT)])
    for rule in ALL_RULES:
        assert rule(cv) == 2


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_pass_over_networks_with_spurious_paths(rule):
    # The sparsest accurate networks of every seed connect an input to an output that ignores it.
    cv = results([
        (0, 1.0, 5, MERGED, 4), (0, 1.0, 9, SPLIT), (0, 1.0, 6, MERGED, 4),
        (1, 1.0, 5, MERGED, 4), (1, 1.0, 9, SPLIT),
        (2, 1.0, 5, MERGED, 4), (2, 1.0, 10, SPLIT),
    ])
    assert rule(cv) == 1


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rules_keep_the_fewest_spurious_paths_the_users_seed_reaches(rule):
    # No accurate network of seed 0 is free of them: those with the fewest (2) are the candidates,
    # and seed 1's network with 3 does not vote.
    cv = results([(0, 1.0, 5, MERGED, 3), (0, 1.0, 9, SPLIT, 2), (0, 0.5, 1, CROSSED), (1, 1.0, 4, MERGED, 3)])
    assert rule(cv) == 1


def test_votes_come_from_candidate_networks_only():
    cv = results([
        (0, 1.0, 8, CROSSED), (0, 1.0, 14, SPLIT),
        (1, 1.0, 9, SPLIT, 1), (1, 1.0, 12, CROSSED),
        (2, 1.0, 9, SPLIT, 1), (2, 1.0, 13, CROSSED),
    ])
    assert select_seed_vote(cv) == select_relay_free_vote(cv) == 0
    assert select_seed_vote({**cv, "spurious_paths": np.zeros(6, dtype=int)}) == 0  # a tie on votes: sparser
    cv["spurious_paths"][[3, 5]] = 1  # now only SPLIT's networks are candidates in seeds 1 and 2
    cv["spurious_paths"][[2, 4]] = 0
    assert select_seed_vote(cv) == select_relay_free_vote(cv) == 1


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
