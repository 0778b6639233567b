"""Mask invariants of the masked MLP, under training."""

import numpy as np
import torch

from sksculpt._mlp import MaskedLinear, MaskedMLP


def test_initialisation_is_kaiming_normal_with_zero_biases():
    torch.manual_seed(0)
    layer = MaskedLinear(400, 300)
    assert torch.all(layer.bias == 0)
    std = layer.weight.std().item()
    assert abs(std - np.sqrt(2 / 400)) < 0.01 * np.sqrt(2 / 400) * 10


def test_set_mask_zeroes_weights_and_masks_biases_of_units_without_inputs():
    layer = MaskedLinear(3, 2)
    mask = np.array([[True, False], [False, False], [True, False]])  # (in, out)
    with torch.no_grad():
        layer.bias.fill_(1.0)
    layer.set_mask(mask)
    assert layer.get_mask().tolist() == mask.tolist()
    assert torch.all(layer.weight[1] == 0)
    assert layer.bias.tolist() == [1.0, 0.0]
    out = layer(torch.ones(4, 3))
    assert torch.all(out[:, 1] == 0)


def test_masked_weights_stay_exactly_zero_through_adam_with_weight_decay():
    torch.manual_seed(0)
    module = MaskedMLP(4, (6, 5), 2)
    rng = np.random.default_rng(0)
    masks = [rng.random(m.shape) > 0.5 for m in module.get_masks()]
    module.set_masks(masks)
    optimizer = torch.optim.Adam(module.parameters(), lr=0.1, weight_decay=1e-2)
    X, y = torch.randn(32, 4), torch.rand(32, 2)
    for _ in range(50):
        optimizer.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(module(X), y).backward()
        optimizer.step()
    for layer, mask in zip(module.layers, masks):
        removed = torch.as_tensor(~mask.T)
        assert torch.all(layer.weight[removed] == 0)
        assert torch.all(optimizer.state[layer.weight]["exp_avg"][removed] == 0)
        assert torch.all(optimizer.state[layer.weight]["exp_avg_sq"][removed] == 0)
        no_inputs = torch.as_tensor(~mask.any(axis=0))
        assert torch.all(layer.bias[no_inputs] == 0)
    assert [m.tolist() for m in module.get_masks()] == [m.tolist() for m in masks]


def test_forward_returns_hidden_activations_on_request():
    module = MaskedMLP(3, (4, 5), 2)
    logits, hidden = module(torch.randn(7, 3), return_hidden=True)
    assert logits.shape == (7, 2)
    assert [h.shape for h in hidden] == [(7, 4), (7, 5)]
    assert all(torch.all(h >= 0) for h in hidden)
