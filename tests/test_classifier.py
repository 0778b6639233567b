"""SculptingClassifier: sculpting results, the scikit-learn contract, input checks."""

import pickle
import warnings
from dataclasses import astuple

import joblib
import numpy as np
import pytest
from conftest import EXEMPLAR, input_separable_task, reachability
from sklearn.base import clone
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning

from sksculpt._classifier import SculptingClassifier

X_SEP, Y_SEP = input_separable_task()


@pytest.fixture(scope="module")
def sculpted():
    """The exemplar setting, seed 1."""
    return SculptingClassifier(**EXEMPLAR, random_state=1).fit(X_SEP, Y_SEP)


def separates(masks):
    """No surviving path joins {x0, x1} to {y2, y3}, nor {x2, x3} to {y0, y1}."""
    reach = reachability(masks)
    return not reach[:2, 2:].any() and not reach[2:, :2].any()


@pytest.mark.slow
def test_input_separable_task_is_sculpted_on_most_seeds():
    outcomes = []
    for seed in range(10):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf = SculptingClassifier(**EXEMPLAR, random_state=seed).fit(X_SEP, Y_SEP)
        outcomes.append(clf.score(X_SEP, Y_SEP) == 1.0 and clf.density_ <= 0.05 and separates(clf.masks_))
    # Measured: 8 of 10 seeds (seeds 0 and 4 keep a path across the halves);
    # the paper tunes P_u / P_e per seed.
    assert sum(outcomes) >= 7, outcomes


def test_sculpted_exemplar(sculpted):
    assert sculpted.score(X_SEP, Y_SEP) == 1.0
    assert (sculpted.predict(X_SEP) == Y_SEP).all()
    assert sculpted.density_ <= 0.05
    assert separates(sculpted.masks_)
    assert [m.shape for m in sculpted.masks_] == [(4, 24), (24, 24), (24, 4)]
    assert all(m.dtype == bool for m in sculpted.masks_)


def test_masks_match_the_network_weights(sculpted):
    weights = sculpted.net_.module_.get_weights()
    for w, m in zip(weights, sculpted.masks_):
        assert np.all(w[~m] == 0)
    edges = sum(int(m.sum()) for m in sculpted.masks_)
    assert sculpted.density_ == edges / sum(m.size for m in sculpted.masks_)


def test_sculpt_history_records_every_step(sculpted):
    history = sculpted.sculpt_history_
    assert history[0].stage == "dense"
    stages = [r.stage for r in history]
    assert stages == sorted(stages, key=["dense", "units", "edges"].index)
    assert {"units", "edges"} <= set(stages)
    for stage in ("units", "edges"):
        records = [r for r in history if r.stage == stage]
        assert not records[-1].accepted  # each stage ends on a rejection at step_min
        for record in records:
            assert record.accepted == (record.accuracy >= 1.0)
    unit_targets = [r.target for r in history if r.stage == "units"]
    assert unit_targets[0] == 65.0
    accepted_edges = [r.edges_left for r in history if r.accepted]
    assert accepted_edges == sorted(accepted_edges, reverse=True)
    assert accepted_edges[-1] == sum(int(m.sum()) for m in sculpted.masks_)


def test_same_random_state_gives_identical_results():
    a = SculptingClassifier(**EXEMPLAR, random_state=3).fit(X_SEP, Y_SEP)
    b = SculptingClassifier(**EXEMPLAR, random_state=3).fit(X_SEP, Y_SEP)
    for ma, mb in zip(a.masks_, b.masks_):
        np.testing.assert_array_equal(ma, mb)
    np.testing.assert_array_equal(a.predict_proba(X_SEP), b.predict_proba(X_SEP))
    np.testing.assert_equal([astuple(r) for r in a.sculpt_history_], [astuple(r) for r in b.sculpt_history_])


@pytest.mark.parametrize("dump, load", [(pickle.dumps, pickle.loads), (None, None)])
def test_persistence_round_trip(sculpted, dump, load, tmp_path):
    if dump is None:
        path = tmp_path / "clf.joblib"
        joblib.dump(sculpted, path)
        restored = joblib.load(path)
    else:
        restored = load(dump(sculpted))
    np.testing.assert_array_equal(restored.predict_proba(X_SEP), sculpted.predict_proba(X_SEP))
    for a, b in zip(restored.masks_, sculpted.masks_):
        np.testing.assert_array_equal(a, b)


def test_clone_and_params_follow_the_sklearn_contract():
    clf = SculptingClassifier(hidden_layer_sizes=(8,), lr=0.1, unit_prune_step=30)
    params = clf.get_params()
    assert params["hidden_layer_sizes"] == (8,) and params["unit_prune_step"] == 30
    clone_ = clone(clf)
    assert clone_.get_params() == params
    clone_.set_params(edge_prune_step=2.5)
    assert clone_.edge_prune_step == 2.5 and clf.edge_prune_step == 1.5


def test_multiclass_labels_with_validation_split():
    X, y = make_blobs(n_samples=120, centers=3, cluster_std=0.5, random_state=0)
    labels = np.array(["a", "b", "c"])[y]
    clf = SculptingClassifier(
        hidden_layer_sizes=(16,), lr=0.01, batch_size=16, max_epochs=15, input_noise=0.0,
        unit_prune_step=30, edge_prune_step=5, accuracy_threshold=0.95, validation_fraction=0.25,
        random_state=0,
    ).fit(X, labels)
    assert list(clf.classes_) == ["a", "b", "c"]
    assert set(clf.predict(X)) <= {"a", "b", "c"}
    proba = clf.predict_proba(X)
    assert proba.shape == (120, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    assert clf.score(X, labels) >= 0.95
    assert clf.density_ < 0.5


def overlapping_blobs():
    """Three overlapping classes: no net checks perfectly (the dense round reaches 0.88 below)."""
    return make_blobs(n_samples=200, centers=3, n_features=4, cluster_std=3.0, random_state=0)


NOISY = dict(
    hidden_layer_sizes=(16,), lr=0.01, batch_size=16, max_epochs=5, input_noise=0.0,
    unit_prune_step=30, edge_prune_step=5, validation_fraction=0.25, random_state=0,
)


def test_accuracy_tolerance_sets_the_bar_from_the_dense_round():
    X, y = overlapping_blobs()
    with pytest.warns(ConvergenceWarning, match="accuracy_tolerance"):
        absolute = SculptingClassifier(**NOISY, accuracy_threshold=1.0).fit(X, y)  # out of reach: nothing is pruned
    assert absolute.density_ == 1.0 and absolute.acceptance_threshold_ == 1.0
    dense_accuracy = absolute.sculpt_history_[0].accuracy
    assert dense_accuracy < 0.95

    for tolerance in (0.0, 0.05):
        clf = SculptingClassifier(**NOISY, accuracy_tolerance=tolerance).fit(X, y)
        assert clf.sculpt_history_[0].accuracy == dense_accuracy  # the same dense round
        assert clf.acceptance_threshold_ == pytest.approx(dense_accuracy - tolerance)
        assert all(
            (record.accuracy >= clf.acceptance_threshold_) == record.accepted
            for record in clf.sculpt_history_[1:] if not np.isnan(record.accuracy)
        )
        assert clf.density_ < 0.2
    assert clf.density_ < SculptingClassifier(**NOISY, accuracy_tolerance=0.0).fit(X, y).density_


def test_unit_accuracy_tolerance_holds_the_unit_stage_to_its_own_bar():
    X, y = overlapping_blobs()
    clf = SculptingClassifier(**NOISY, accuracy_tolerance=0.05, unit_accuracy_tolerance=0.01).fit(X, y)
    dense_accuracy = clf.sculpt_history_[0].accuracy
    assert clf.unit_acceptance_threshold_ == pytest.approx(dense_accuracy - 0.01)
    assert clf.acceptance_threshold_ == pytest.approx(dense_accuracy - 0.05)
    bars = {"units": clf.unit_acceptance_threshold_, "edges": clf.acceptance_threshold_}
    tried = [record for record in clf.sculpt_history_[1:] if not np.isnan(record.accuracy)]
    assert {record.stage for record in tried} == {"units", "edges"}
    assert all((record.accuracy >= bars[record.stage]) == record.accepted for record in tried)
    same = SculptingClassifier(**NOISY, accuracy_tolerance=0.05).fit(X, y)
    assert same.unit_acceptance_threshold_ == same.acceptance_threshold_


@pytest.mark.parametrize(
    "tolerances, match",
    [
        (dict(unit_accuracy_tolerance=0.01), "needs accuracy_tolerance"),
        (dict(accuracy_tolerance=0.01, unit_accuracy_tolerance=0.02), "exceeds accuracy_tolerance"),
    ],
)
def test_unit_accuracy_tolerance_is_checked_against_accuracy_tolerance_before_training(tolerances, match):
    X, y = overlapping_blobs()
    clf = SculptingClassifier(**NOISY, **tolerances)
    with pytest.raises(ValueError, match=match):
        clf.fit(X, y)
    assert not hasattr(clf, "net_")


def test_accuracy_threshold_caps_the_tolerance_bar():
    X, y = overlapping_blobs()
    clf = SculptingClassifier(**NOISY, accuracy_threshold=0.5, accuracy_tolerance=0.0).fit(X, y)
    assert clf.acceptance_threshold_ == 0.5


def test_verbose_2_reports_every_epoch(capsys):
    X, y = input_separable_task()
    clf = SculptingClassifier(**{**EXEMPLAR, "verbose": 2}, random_state=0).fit(X, y)
    lines = capsys.readouterr().out.splitlines()
    epoch_lines = [line for line in lines if " epoch " in line]
    assert len(epoch_lines) == len(clf.net_.history)
    assert epoch_lines[0].startswith("[sksculpt] dense round 0 epoch 1/10  train loss")
    assert "check accuracy" in epoch_lines[-1] and epoch_lines[-1].endswith(" s")
    assert any("accepted" in line for line in lines)  # the per-step lines of verbose=1 too
    assert not clf.net_.callbacks  # the fitted net prints nothing of its own


def test_net_that_never_reaches_the_threshold_warns_and_stays_usable():
    X, y = input_separable_task()
    clf = SculptingClassifier(hidden_layer_sizes=(2,), max_epochs=1, unit_prune_step=50, random_state=0)
    with pytest.warns(ConvergenceWarning, match=r"never reached.*0\.\d+.*max_epochs.*hidden_layer_sizes"):
        clf.fit(X, y)
    assert clf.density_ == 1.0
    assert not any(r.accepted for r in clf.sculpt_history_)
    assert clf.predict(X).shape == y.shape


def test_dense_round_below_threshold_is_still_sculpted():
    # Seed 2's dense round misses 100 % in 10 epochs; a pruning step's retraining gets there.
    clf = SculptingClassifier(**EXEMPLAR, random_state=2).fit(X_SEP, Y_SEP)
    assert clf.sculpt_history_[0].accuracy < 1.0 and not clf.sculpt_history_[0].accepted
    assert clf.score(X_SEP, Y_SEP) == 1.0 and clf.density_ < 0.1


def test_verbose_reports_progress_and_default_is_silent(capsys):
    X, y = input_separable_task()
    SculptingClassifier(**EXEMPLAR, random_state=0).fit(X, y)
    assert capsys.readouterr().out == ""
    SculptingClassifier(**{**EXEMPLAR, "verbose": 1}, random_state=0).fit(X, y)
    out = capsys.readouterr().out
    assert "dense" in out and "units" in out and "edges" in out and "accuracy" in out


def test_fit_does_not_modify_inputs():
    X, y = input_separable_task()
    X_before, y_before = X.copy(), y.copy()
    SculptingClassifier(**EXEMPLAR, random_state=0).fit(X, y)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize(
    "X, y, match",
    [
        (np.zeros((4, 2, 2)), np.array([0, 1, 0, 1]), "dim"),
        (np.zeros((4, 2)), np.array([0, 1, 0]), "inconsistent numbers of samples"),
    ],
    ids=["3-D X", "fewer labels than rows"],
)
def test_data_the_estimator_checks_do_not_try_is_rejected_with_a_clear_message(X, y, match):
    # NaN, infinity, no rows, 1-D X, an unfitted or wrong-width predict: scikit-learn's estimator checks
    # (test_estimator_checks.py); targets: test_validation.py.
    with pytest.raises(ValueError, match=match):
        SculptingClassifier(max_epochs=1).fit(X, y)


def test_sculpted_exemplar_has_the_two_modules_of_the_task(sculpted):
    from sksculpt import hierarchy_match_score
    from sksculpt.datasets import make_boolean_task

    held = sorted((sorted(m.inputs), sorted(m.outputs)) for m in sculpted.modules_)
    assert held == [([0, 1], [0, 1]), ([2, 3], [2, 3])]
    assert sculpted.hierarchy_.number_of_nodes() == 2
    assert sculpted.hierarchy_.number_of_edges() == 0
    assert hierarchy_match_score(make_boolean_task("input_separable").graph, sculpted) == 1.0


def test_detector_is_cloned_and_tunable_through_nested_params():
    from sksculpt import ModuleDetector

    detector = ModuleDetector(merge_threshold=0.9)
    clf = SculptingClassifier(**EXEMPLAR, detector=detector, random_state=1)
    clf.set_params(detector__merge_threshold=0.6)
    assert clf.get_params()["detector__merge_threshold"] == 0.6
    clf.fit(X_SEP, Y_SEP)
    assert clf.detector_ is not clf.detector
    assert clf.detector_.merge_threshold == 0.6
    assert clf.detector_.hierarchy_ is clf.hierarchy_


def test_memory_caches_stages_with_identical_results(tmp_path):
    plain = SculptingClassifier(**EXEMPLAR, random_state=5).fit(X_SEP, Y_SEP)
    cached = SculptingClassifier(**EXEMPLAR, random_state=5, memory=str(tmp_path))
    first = cached.fit(X_SEP, Y_SEP).masks_
    again = cached.set_params(edge_prune_step=1.5).fit(X_SEP, Y_SEP).masks_  # served from the cache
    for a, b, c in zip(plain.masks_, first, again):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    # assert_equal treats the NaN accuracies of untried steps as equal.
    np.testing.assert_equal([astuple(r) for r in plain.sculpt_history_], [astuple(r) for r in cached.sculpt_history_])
    assert len(list(tmp_path.rglob("output.pkl"))) == 2  # the dense round and the unit stage
