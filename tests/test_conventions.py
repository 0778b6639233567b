"""MLPClassifier's conventions: predict_log_proba, n_iter_, loss_curve_ and sample_weight."""

import numpy as np
import pytest
import torch
from sklearn.datasets import make_blobs
from sklearn.metrics import accuracy_score

from sksculpt import SculptingClassifier, SculptingClassifierCV
from sksculpt._engine.targets import TARGET_KINDS, check_accuracy
from sksculpt._weights import unit_mean_weights

#: A quick fit on blobs that prunes (threshold reachable) and checks on the training data.
QUICK = dict(
    hidden_layer_sizes=(12,), lr=0.01, batch_size=16, max_epochs=3, input_noise=0.0,
    unit_prune_step=40, edge_prune_step=10, accuracy_threshold=0.9, random_state=0,
)


def blobs():
    X, y = make_blobs(n_samples=90, centers=3, n_features=4, cluster_std=1.5, random_state=0)
    return X.astype(np.float32), y


def summary(clf):
    return [mask.tolist() for mask in clf.masks_], [tuple(vars(record).values()) for record in clf.sculpt_history_]


@pytest.fixture(scope="module")
def fitted():
    return SculptingClassifier(**QUICK).fit(*blobs())


def test_predict_log_proba_is_the_log_of_predict_proba(fitted):
    X, _ = blobs()
    np.testing.assert_array_equal(fitted.predict_log_proba(X), np.log(fitted.predict_proba(X)))


def test_n_iter_counts_every_epoch_and_loss_curve_splits_them_by_stage(fitted):
    rounds = len(fitted.sculpt_history_) - sum(np.isnan(r.accuracy) for r in fitted.sculpt_history_) + 1
    assert fitted.n_iter_ == len(fitted.net_.history) == rounds * QUICK["max_epochs"]  # + the edge stage's first round
    assert list(fitted.loss_curve_) == ["dense", "units", "edges"]
    assert sum(len(curve) for curve in fitted.loss_curve_.values()) == fitted.n_iter_
    assert fitted.loss_curve_["dense"] == [entry["train_loss"] for entry in fitted.net_.history[:QUICK["max_epochs"]]]


def test_equal_weights_give_the_unweighted_fit_bit_for_bit(fitted):
    X, y = blobs()
    weighted = SculptingClassifier(**QUICK).fit(X, y, sample_weight=np.full(len(y), 3.0))
    assert summary(weighted) == summary(fitted)


def test_zero_weights_leave_their_samples_out():
    X, y = blobs()
    weight = np.ones(len(y))
    weight[::4] = 0
    params = dict(QUICK, validation_fraction=0.3, max_epochs=10)
    weighted = SculptingClassifier(**params).fit(X, y, sample_weight=weight)
    kept = SculptingClassifier(**params).fit(X[weight > 0], y[weight > 0])
    assert summary(weighted) == summary(kept)


def test_weights_enter_the_check_accuracy_that_accepts_steps():
    X, y = blobs()
    weight = np.where(y == 0, 5.0, 1.0)
    clf = SculptingClassifier(**QUICK).fit(X, y, sample_weight=weight)
    last = [record for record in clf.sculpt_history_ if record.accepted][-1]
    assert last.accuracy == pytest.approx(accuracy_score(y, clf.predict(X), sample_weight=weight), abs=1e-6)
    assert last.accuracy != pytest.approx(accuracy_score(y, clf.predict(X)), abs=1e-6)


def test_weights_enter_the_training_loss():
    X, y = blobs()
    unweighted = SculptingClassifier(**QUICK).fit(X, y)
    weighted = SculptingClassifier(**QUICK).fit(X, y, sample_weight=np.where(y == 0, 5.0, 1.0))
    assert weighted.loss_curve_["dense"] != unweighted.loss_curve_["dense"]


@pytest.mark.parametrize("kind, y", [
    ("multiclass", torch.tensor([[0, 2, 1, 1]])),
    ("multilabel", torch.tensor([[[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0]]])),
])
def test_unit_weights_give_the_unweighted_loss_and_gradient(kind, y):
    logits = torch.randn(1, 4, 3 if kind == "multiclass" else 2, generator=torch.Generator().manual_seed(0))
    output_gradients = TARGET_KINDS[kind].output_gradients
    loss, gradient = output_gradients(logits, y)
    weighted_loss, weighted_gradient = output_gradients(logits, y, torch.ones(1, 4))
    torch.testing.assert_close(weighted_loss, loss)
    torch.testing.assert_close(weighted_gradient, gradient)
    doubled_loss, _ = output_gradients(logits, y, torch.tensor([[2.0, 0.0, 1.0, 1.0]]))
    torch.testing.assert_close(doubled_loss, output_gradients(logits[:, [0, 0, 2, 3]], y[:, [0, 0, 2, 3]])[0])


def test_check_accuracy_weighs_each_sample():
    correct = np.array([[[True, True], [True, False], [False, False]]])  # one net, 3 samples, 2 bits each
    assert check_accuracy(correct) == pytest.approx(3 / 6)
    assert check_accuracy(correct, np.array([2.0, 1.0, 0.0])) == pytest.approx((2 * 2 + 1) / (3 * 2))


def test_unit_mean_weights():
    assert unit_mean_weights(None) is None
    assert unit_mean_weights(np.ones(4)) is None
    np.testing.assert_allclose(unit_mean_weights(np.array([1.0, 2.0, 3.0])), [0.5, 1.0, 1.5])


@pytest.mark.parametrize("weight, match", [
    (-np.ones(90), "Negative values"),
    (np.r_[1.0, np.zeros(89)], "at least 2 samples of positive sample_weight"),
    (np.ones(5), "sample_weight.shape"),
])
def test_bad_weights_are_refused_before_training(weight, match):
    with pytest.raises(ValueError, match=match):
        SculptingClassifier(**QUICK).fit(*blobs(), sample_weight=weight)


def test_search_passes_weights_to_every_network_and_to_the_held_out_accuracy():
    X, y = blobs()
    params = {key: value for key, value in QUICK.items() if not key.endswith("prune_step")}
    search = dict(params, unit_prune_steps=[40], edge_prune_steps=[10], n_seeds=1, cv=2)
    weight = np.where(y == 0, 5.0, 1.0)
    fitted = SculptingClassifierCV(**search).fit(X, y, sample_weight=weight)
    lone = SculptingClassifier(**QUICK).fit(X, y, sample_weight=weight)
    assert summary(fitted.best_estimator_) == summary(lone)
    assert fitted.n_iter_ == lone.n_iter_ and fitted.loss_curve_ == lone.loss_curve_
    np.testing.assert_array_equal(fitted.predict_log_proba(X), lone.predict_log_proba(X))
    unweighted = SculptingClassifierCV(**search).fit(X, y)
    assert not np.array_equal(fitted.cv_results_["test_accuracy"][1:], unweighted.cv_results_["test_accuracy"][1:])
