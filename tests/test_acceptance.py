"""The acceptance rule: an accuracy bar on complete truth tables, a paired test on sampled data."""

import itertools

import numpy as np
import pytest
from scipy.stats import binom
from sklearn.datasets import make_blobs

from sksculpt import SculptingClassifier
from sksculpt._problem import learning_rate, validation_fraction
from sksculpt.datasets import make_boolean_task
from sksculpt.pruning import AccuracyBar, PairedTest, is_complete_truth_table, paired_p_value


def decisions(n, lost, gained, n_decisions=1):
    """Dense and pruned decisions over ``n`` samples: the pruned net loses ``lost`` and gains ``gained``."""
    dense = np.ones((n, n_decisions), dtype=bool)
    dense[:gained] = False
    pruned = dense.copy()
    pruned[:gained] = True
    pruned[gained:gained + lost] = False
    return dense, pruned


@pytest.mark.parametrize("lost, gained", [(0, 0), (0, 3), (1, 0), (5, 0), (4, 1), (10, 4), (30, 12)])
def test_the_p_value_is_the_exact_binomial_tail_of_the_discordant_decisions(lost, gained):
    dense, pruned = decisions(100, lost, gained)
    expected = 1.0 if lost == 0 else binom.sf(lost - 1, lost + gained, 0.5)
    assert paired_p_value(dense, pruned) == pytest.approx(expected, rel=1e-12)


def test_concordant_decisions_do_not_count_and_equal_weights_change_nothing():
    dense, pruned = decisions(100, 4, 1)
    both_wrong = np.vstack([dense, np.zeros((50, 1), dtype=bool)]), np.vstack([pruned, np.zeros((50, 1), dtype=bool)])
    assert paired_p_value(*both_wrong) == paired_p_value(dense, pruned)
    assert paired_p_value(dense, pruned, np.full(100, 3.0)) == pytest.approx(paired_p_value(dense, pruned))


def test_weights_make_a_heavy_loss_count_more():
    dense, pruned = decisions(100, 3, 3)
    weight = np.ones(100)
    weight[3:6] = 4.0  # the three lost samples weigh four times the three gained ones
    assert paired_p_value(dense, pruned, weight) < paired_p_value(dense, pruned)


def test_multi_label_decisions_count_bit_by_bit():
    dense, pruned = decisions(20, 5, 0, n_decisions=3)  # five samples lose all three bits
    assert paired_p_value(dense, pruned) == pytest.approx(0.5**15)


def test_rules_accept_what_they_should():
    dense, pruned = decisions(100, 5, 0)
    assert not PairedTest(dense, 0.05).accepts(0.95, pruned)  # p = 1/32
    assert PairedTest(dense, 0.01).accepts(0.95, pruned)
    assert AccuracyBar(0.95).accepts(0.95, None) and not AccuracyBar(0.96).accepts(0.95, None)


def test_a_complete_truth_table_is_told_from_a_sample():
    table = np.array(list(itertools.product([0, 1], repeat=4)), dtype=np.float32)
    assert is_complete_truth_table(table)
    assert not is_complete_truth_table(table[:-1])
    assert not is_complete_truth_table(np.vstack([table[:-1], table[:1]]))  # a row twice, one missing
    assert not is_complete_truth_table(table * 0.5)


def test_a_complete_truth_table_keeps_the_paper_bar_by_default():
    X, y = make_boolean_task("input_separable", return_X_y=True)
    clf = SculptingClassifier(unit_prune_step=65, random_state=0).fit(X, y)
    assert clf.acceptance_threshold_ == 1.0
    assert all(record.accepted == (record.accuracy >= 1.0) for record in clf.sculpt_history_)


SAMPLE = dict(hidden_layer_sizes=(12,), batch_size=16, max_epochs=4, unit_prune_step=40, edge_prune_step=10,
              validation_fraction=0.3, random_state=0)


def overlapping_blobs():
    return make_blobs(n_samples=240, centers=3, n_features=4, cluster_std=2.5, random_state=0)


def test_sampled_data_get_the_paired_test_by_default():
    clf = SculptingClassifier(**SAMPLE).fit(*overlapping_blobs())
    assert np.isnan(clf.acceptance_threshold_) and np.isnan(clf.unit_acceptance_threshold_)
    assert clf.sculpt_history_[0].accepted  # the network the test compares with
    assert clf.density_ < 0.5
    dense = clf.sculpt_history_[0].accuracy
    # a step may end below the dense round's accuracy, never far below (72 check samples):
    assert all(record.accuracy > dense - 0.1 for record in clf.sculpt_history_ if record.accepted)


def test_a_stricter_level_prunes_less():
    X, y = overlapping_blobs()
    lax = SculptingClassifier(**SAMPLE, acceptance_alpha=0.001).fit(X, y)
    strict = SculptingClassifier(**SAMPLE, acceptance_alpha=0.5).fit(X, y)
    assert strict.density_ > lax.density_
    assert strict.score(X, y) > lax.score(X, y) + 0.1  # the lax level let a step cost much of the accuracy


def test_an_explicit_threshold_or_tolerance_keeps_its_bar_on_sampled_data():
    X, y = overlapping_blobs()
    assert SculptingClassifier(**SAMPLE, accuracy_threshold=0.5).fit(X, y).acceptance_threshold_ == 0.5
    clf = SculptingClassifier(**SAMPLE, accuracy_tolerance=0.02).fit(X, y)
    assert clf.acceptance_threshold_ == pytest.approx(clf.sculpt_history_[0].accuracy - 0.02)


def test_auto_validation_holds_out_a_share_of_sampled_data_only():
    clf = SculptingClassifier()
    table, bits = make_boolean_task("input_separable", return_X_y=True)
    assert validation_fraction(clf, table, bits, "multilabel") is None  # the whole task: nothing to hold out
    X, y = make_blobs(n_samples=1000, centers=3, random_state=0)
    assert validation_fraction(clf, X, y, "multiclass") == 0.2
    assert validation_fraction(clf, X[:999], y[:999], "multiclass") is None  # a fifth too small to test on
    assert validation_fraction(clf, X, np.r_[y[:-1], 3], "multiclass") is None  # a class of one sample
    assert validation_fraction(SculptingClassifier(validation_fraction=None), X, y, "multiclass") is None
    assert validation_fraction(SculptingClassifier(validation_fraction=0.3), X[:10], y[:10], "multiclass") == 0.3


def test_auto_learning_rate_follows_the_data():
    table, _ = make_boolean_task("input_separable", return_X_y=True)
    X, _ = make_blobs(n_samples=1000, centers=3, random_state=0)
    assert learning_rate(SculptingClassifier(), table) == 0.05
    assert learning_rate(SculptingClassifier(), X[:999]) == 0.05
    assert learning_rate(SculptingClassifier(), X) == 0.01
    assert learning_rate(SculptingClassifier(lr=0.2), X) == 0.2


def test_a_search_with_the_paired_test_picks_what_the_lone_fit_gives():
    from sksculpt import SculptingClassifierCV

    X, y = overlapping_blobs()
    params = {key: value for key, value in SAMPLE.items() if not key.endswith("prune_step")}
    search = SculptingClassifierCV(**params, unit_prune_steps=[40], edge_prune_steps=[10, 20], n_seeds=2).fit(X, y)
    assert search.cv_results_["accurate"].all()  # every network passes its own test
    best = search.best_estimator_
    lone = SculptingClassifier(**dict(SAMPLE, edge_prune_step=best.edge_prune_step)).fit(X, y)
    history = [tuple(vars(r).values()) for r in best.sculpt_history_]
    assert [tuple(vars(r).values()) for r in lone.sculpt_history_] == history
    assert all(np.array_equal(a, b) for a, b in zip(lone.masks_, best.masks_))
