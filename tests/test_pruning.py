"""The pure functions of sculpting: schedule, scores, pruning rules."""

import numpy as np
import pytest
import torch

from sksculpt._engine import MaskedMLP
from sksculpt.pruning import (
    acceptance_threshold,
    density,
    edge_magnitude,
    loss_sensitivity,
    prune_edges,
    prune_units,
    run_pruning_schedule,
    unit_masks,
)


def scripted(outcomes):
    """An acceptance function that answers from a list and records the targets tried."""
    tried = []

    def try_target(target):
        tried.append(target)
        return outcomes[len(tried) - 1]

    return try_target, tried


def test_schedule_follows_linear_targets_then_halves_after_rejection():
    # start 0, P = 20, step_min = 5: 20, 40, 60 accepted, 80 rejected -> step 10:
    # 70 accepted, 80 rejected -> step 5: 75 rejected at step_min -> stop.
    try_target, tried = scripted([True, True, True, False, True, False, False])
    steps = run_pruning_schedule(try_target, start=0, step=20, step_min=5)
    assert tried == [20, 40, 60, 80, 70, 80, 75]
    assert [s.accepted for s in steps] == [True, True, True, False, True, False, False]


def test_schedule_rejects_targets_of_100_percent_untried():
    # start 10, P = 45: 55 accepted, 100 untried -> step 22.5: 77.5 accepted,
    # 100 untried -> 11.25: 88.75 accepted, 100 untried -> 5.625: 94.375
    # accepted, 100 untried -> 5 (step_min): 99.375 rejected -> stop.
    try_target, tried = scripted([True, True, True, True, False])
    steps = run_pruning_schedule(try_target, start=10, step=45, step_min=5)
    assert [s.target for s in steps] == [55, 100, 77.5, 100, 88.75, 100, 94.375, 100, 99.375]
    assert tried == [55, 77.5, 88.75, 94.375, 99.375]
    assert [s.accepted for s in steps] == [True, False, True, False, True, False, True, False, False]


def test_schedule_goes_on_from_the_last_accepted_target():
    # 30 accepted, 60 rejected -> 15: 45 rejected -> 7.5: 37.5 accepted, 45 accepted,
    # 52.5 rejected at step_min -> stop.
    try_target, tried = scripted([True, False, False, True, True, False])
    run_pruning_schedule(try_target, start=0, step=30, step_min=7.5)
    assert tried == [30, 60, 45, 37.5, 45, 52.5]


def test_schedule_stops_at_once_when_first_step_is_already_minimal():
    try_target, tried = scripted([False])
    steps = run_pruning_schedule(try_target, start=0, step=2, step_min=2)
    assert tried == [2] and len(steps) == 1


def test_loss_sensitivity_matches_per_sample_autograd():
    torch.manual_seed(0)
    module = MaskedMLP(5, (7, 6), 3)
    X = torch.randn(11, 5)
    y = (torch.rand(11, 3) > 0.5).float()
    logits, hidden = module(X, return_hidden=True)
    per_sample = torch.nn.BCEWithLogitsLoss(reduction="none")(logits, y).mean(dim=1)
    gradients = torch.autograd.grad(per_sample.sum(), hidden)
    vectorised = loss_sensitivity([h.detach().numpy() for h in hidden], [g.numpy() for g in gradients])

    # Reference: one backward pass per sample, on that sample's loss alone.
    expected = [np.zeros(h.shape[1]) for h in hidden]
    for n in range(len(X)):
        logits_n, hidden_n = module(X[n : n + 1], return_hidden=True)
        loss_n = torch.nn.BCEWithLogitsLoss()(logits_n, y[n : n + 1])
        grads_n = torch.autograd.grad(loss_n, hidden_n)
        for layer, (h, g) in enumerate(zip(hidden_n, grads_n)):
            expected[layer] += (h * g).abs().detach().numpy()[0] / len(X)
    for got, want in zip(vectorised, expected):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-8)


def test_prune_units_uses_one_global_ranking():
    scores = [np.array([0.0, 5.0, 1.0]), np.array([4.0, 2.0, 3.0])]
    keep = prune_units(scores, 50)  # median of all six scores is 2.5
    assert [k.tolist() for k in keep] == [[False, True, False], [True, False, True]]


def test_pruned_units_stay_pruned_as_their_score_is_zero():
    scores = [np.array([0.0, 0.0, 3.0, 4.0])]
    assert prune_units(scores, 10)[0].tolist() == [False, False, True, True]


def test_unit_masks_remove_incoming_and_outgoing_edges():
    masks = [np.ones((2, 3), bool), np.ones((3, 2), bool), np.ones((2, 1), bool)]
    keep = [np.array([True, False, True]), np.array([False, True])]
    new = unit_masks(masks, keep)
    assert new[0].tolist() == [[True, False, True]] * 2
    assert new[1].tolist() == [[False, True], [False, False], [False, True]]
    assert new[2].tolist() == [[False], [True]]
    assert all(m.all() for m in masks), "inputs must not be modified"


def test_unit_masks_need_one_keep_vector_per_hidden_layer():
    with pytest.raises(ValueError, match="one keep vector per hidden layer"):
        unit_masks([np.ones((2, 2), bool)] * 3, [np.ones(2, bool)])


@pytest.mark.parametrize("call, match", [
    (lambda: density([]), r"masks is empty; pass one array per layer"),
    (lambda: prune_units([np.ones((2, 2))], 50), r"unit_scores\[0\] must be 1-D; got shape \(2, 2\)"),
    (lambda: prune_units([np.array([1.0, np.nan])], 50), r"unit_scores\[0\] holds NaN or infinity"),
    (lambda: prune_edges([np.ones((2, 2))] * 2, [np.ones((2, 2), bool)], 50),
     "edge_scores has 2 layers but masks has 1"),
    (lambda: prune_edges([np.ones((2, 2))], [np.ones((2, 3), bool)], 50),
     r"edge_scores\[0\] has shape \(2, 2\) but masks\[0\] has shape \(2, 3\)"),
    (lambda: unit_masks([np.ones((4, 3), bool), np.ones((3, 4), bool)], [np.ones(5, bool)]),
     r"keep\[0\] has shape \(5,\) but hidden layer 1 has 3 units"),
], ids=["no layer", "scores of another dimension", "NaN scores", "layer counts that differ", "shapes that differ",
        "a keep vector of another width"])
def test_per_layer_arguments_that_do_not_fit_are_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_prune_edges_ranks_all_layers_together_and_keeps_masked_edges_masked():
    weights = [np.array([[0.1, -0.9], [0.5, 0.2]]), np.array([[-0.3], [0.8]])]
    masks = [np.array([[True, True], [False, True]]), np.ones((2, 1), bool)]
    scores = edge_magnitude(weights, masks)
    assert scores[0][1, 0] == 0  # masked edge scores 0 whatever its weight
    new = prune_edges(scores, masks, 50)  # scores 0.1 .9 0 .2 .3 .8 -> median 0.25
    assert new[0].tolist() == [[False, True], [False, False]]
    assert new[1].tolist() == [[True], [True]]


def test_density_counts_surviving_edges_over_all_layers():
    assert density([np.eye(2, dtype=bool), np.zeros((2, 4), bool)]) == 2 / 12


def test_acceptance_threshold_is_the_absolute_bar_without_a_tolerance():
    assert acceptance_threshold(0.7) == 1.0
    assert acceptance_threshold(0.7, accuracy_threshold=0.9) == 0.9
    np.testing.assert_array_equal(acceptance_threshold([0.7, 1.0], accuracy_threshold=0.9), [0.9, 0.9])


def test_acceptance_threshold_follows_each_dense_accuracy_within_the_cap():
    thresholds = acceptance_threshold([0.97, 0.9, 1.0], accuracy_threshold=0.95, accuracy_tolerance=0.01)
    np.testing.assert_allclose(thresholds, [0.95, 0.89, 0.95])
    assert acceptance_threshold(0.97, accuracy_tolerance=0.0) == 0.97


