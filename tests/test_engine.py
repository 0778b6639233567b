"""The stacked training engine: nets trained together equal nets trained alone, and the skorch net."""

import warnings
from dataclasses import astuple

import numpy as np
import pytest
import torch
from skorch.callbacks import Callback

from sksculpt import SculptingClassifier
from sksculpt._engine import net as _net
from sksculpt._engine.stages import dense_stage, pruning_stage, sculpt_grid
from sksculpt._engine.targets import TARGET_KINDS
from sksculpt._problem import check_task, make_problem
from sksculpt.datasets import make_boolean_task

X, Y = make_boolean_task("input_separable", return_X_y=True)
SETTING = dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10)


def problem(random_state, **params):
    estimator = SculptingClassifier(**SETTING, **params, random_state=random_state)
    return make_problem(estimator, check_task(estimator, X, Y), random_state)


def comparable(records):
    """Records as tuples, NaN (a target of 100 % or more, untried) made comparable."""
    return [tuple("nan" if value != value else value for value in astuple(record)) for record in records]


@pytest.mark.slow
def test_every_network_of_a_stacked_grid_equals_its_lone_fit():
    problems = [problem(0), problem(7)]
    grid = sculpt_grid(
        problems[0].net_params, problems[0].data, [p.seeds for p in problems], [30.0, 65.0], [2.5], 1.0
    )
    assert len(grid) == 4
    for (seed, unit_step, edge_step), results in grid.items():
        lone = SculptingClassifier(
            **SETTING, unit_prune_step=unit_step, edge_prune_step=edge_step, random_state=[0, 7][seed]
        ).fit(X, Y)
        records = [record for result in results for record in result.records]
        assert comparable(records) == comparable(lone.sculpt_history_)
        state = lone.net_.module_.net_state(0)
        for name, value in results[-1].state.items():
            assert np.array_equal(value, state[name].numpy()), name


class StackSizes(Callback):
    """Records how many nets each training round trains."""

    def initialize(self):
        self.sizes = []
        return self

    def on_train_begin(self, net, **kwargs):
        self.sizes.append(net.n_nets)


def test_a_network_whose_schedule_has_ended_leaves_the_stack():
    first = problem(0)
    sizes = StackSizes()
    net_params = dict(first.net_params, callbacks=[("sizes", sizes)])
    [dense] = dense_stage(first.net_params, first.data, first.seeds[:1], 1.0)
    results = pruning_stage(net_params, first.data, [dense.state] * 3, "units", [10.0, 40.0, 70.0],
                            [first.seeds[1]] * 3, 1.0)
    assert sizes.sizes[0] == 3 and sizes.sizes[-1] < 3
    assert all(a >= b for a, b in zip(sizes.sizes, sizes.sizes[1:])), "the stack only shrinks"
    tried = [sum(1 for record in result.records if record.accuracy == record.accuracy) for result in results]
    assert len(sizes.sizes) == max(tried)


@pytest.fixture(scope="module")
def fitted():
    return SculptingClassifier(**SETTING, unit_prune_step=65, edge_prune_step=1.5, random_state=1).fit(X, Y)


def test_the_skorch_net_predicts_what_the_classifier_predicts(fitted):
    np.testing.assert_array_equal(fitted.net_.predict_proba(X), fitted.predict_proba(X))
    np.testing.assert_array_equal(fitted.net_.predict(X), fitted.predict(X))
    assert fitted.net_.n_nets == 1


def test_the_skorch_net_predicts_class_labels_too():
    from sklearn.datasets import make_blobs

    X_blobs, y_blobs = make_blobs(n_samples=90, centers=3, n_features=4, random_state=0)
    labels = np.array(["left", "middle", "right"])[y_blobs]
    clf = SculptingClassifier((16,), lr=0.01, batch_size=16, max_epochs=4, unit_prune_step=40, edge_prune_step=20,
                              accuracy_threshold=0.9, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf.fit(X_blobs, labels)
    np.testing.assert_array_equal(clf.net_.predict(X_blobs.astype(np.float32)), clf.predict(X_blobs))


def test_history_has_one_entry_per_epoch_with_its_stage_and_round(fitted):
    history = fitted.net_.history
    rounds = sum(1 for record in fitted.sculpt_history_ if record.accuracy == record.accuracy) + 1  # + edge retrain
    assert len(history) == rounds * SETTING["max_epochs"]
    assert {entry["stage"] for entry in history} == {"dense", "units", "edges"}
    assert set(history[0]) >= {"stage", "round", "epoch", "train_loss", "valid_loss", "check_accuracy", "dur"}
    assert [entry["epoch"] for entry in history[: SETTING["max_epochs"]]] == list(range(1, 11))
    units = [entry["round"] for entry in history if entry["stage"] == "units"]
    assert units[0] == 1 and units == sorted(units)


def test_ctrl_c_during_fit_stops_it_at_once_and_leaves_no_fitted_attribute(monkeypatch):
    calls = []
    train_round = _net.SculptingNet.train_round

    def interrupted(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return train_round(self, *args, **kwargs)

    monkeypatch.setattr(_net.SculptingNet, "train_round", interrupted)
    clf = SculptingClassifier(**SETTING, random_state=0)
    with pytest.raises(KeyboardInterrupt):
        clf.fit(X, Y)
    assert len(calls) == 3
    assert not hasattr(clf, "net_") and not hasattr(clf, "masks_")


def test_training_leaves_torch_global_random_state_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    SculptingClassifier(**SETTING, unit_prune_step=65, edge_prune_step=2.5, random_state=0).fit(X, Y)
    assert torch.equal(torch.rand(3), expected)


def test_the_stacked_cross_entropy_gives_each_net_its_lone_gradient_bit_for_bit():
    output_gradients = TARGET_KINDS["multiclass"].output_gradients
    generator = torch.Generator().manual_seed(0)
    for n_nets, batch, n_classes in [(1, 8, 3), (280, 8, 3), (37, 5, 10), (64, 32, 2)]:
        logits = 3 * torch.randn(n_nets, batch, n_classes, generator=generator)
        y = torch.randint(0, n_classes, (n_nets, batch), generator=generator)
        _, gradient = output_gradients(logits, y)
        for net in range(n_nets):
            alone = logits[net].clone().requires_grad_()
            torch.nn.functional.cross_entropy(alone, y[net]).backward()
            assert torch.equal(gradient[net], alone.grad)
