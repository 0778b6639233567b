"""The stacked masked MLP: mask invariants under training, and nets that do not interact."""

import numpy as np
import torch
from torch.nn import functional as F

from sksculpt._engine import MaskedMLP, StackedAdam
from sksculpt._engine.mlp import MaskedLinear


def test_initialisation_is_kaiming_normal_with_zero_biases():
    torch.manual_seed(0)
    layer = MaskedLinear(400, 300)
    assert torch.all(layer.bias == 0)
    std = layer.weight.std().item()
    assert abs(std - np.sqrt(2 / 400)) < 0.01 * np.sqrt(2 / 400) * 10


def test_generator_initialisation_equals_a_seeded_global_initialisation():
    torch.manual_seed(3)
    alone = MaskedMLP(4, (6, 5), 2)
    stacked = MaskedMLP(4, (6, 5), 2, n_nets=3)
    stacked.reset_parameters([torch.Generator().manual_seed(seed) for seed in (1, 3, 2)])
    for layer_alone, layer_stacked in zip(alone.layers, stacked.layers):
        assert torch.equal(layer_alone.weight[0], layer_stacked.weight[1])
        assert not torch.equal(layer_alone.weight[0], layer_stacked.weight[0])


def test_set_mask_zeroes_weights_and_masks_biases_of_units_without_inputs():
    layer = MaskedLinear(3, 2, n_nets=2)
    mask = np.array([[True, False], [False, False], [True, False]])  # (in, out)
    with torch.no_grad():
        layer.bias.fill_(1.0)
    layer.set_mask(mask, net=1)
    assert layer.get_mask(1).tolist() == mask.tolist()
    assert layer.get_mask(0).all(), "the other net keeps its mask"
    assert torch.all(layer.weight[1, 1] == 0)
    assert layer.bias[1].tolist() == [1.0, 0.0]
    out = layer(torch.ones(2, 4, 3))
    assert torch.all(out[1, :, 1] == 0)
    assert torch.all(out[0, :, 1] != 0)


def test_each_stacked_net_computes_exactly_what_it_computes_alone():
    torch.manual_seed(0)
    stacked = MaskedMLP(5, (7, 6), 3, n_nets=4)
    rng = np.random.default_rng(0)
    for net in range(4):
        stacked.set_masks([rng.random(m.shape) > 0.3 for m in stacked.get_masks(net)], net)
    X = torch.randn(4, 9, 5)
    logits = stacked(X)
    for net in range(4):
        alone = MaskedMLP(5, (7, 6), 3)
        alone.load_net_states([stacked.net_state(net)])
        assert torch.equal(alone(X[net]), logits[net])


def test_masked_weights_stay_exactly_zero_through_adam_with_weight_decay():
    torch.manual_seed(0)
    module = MaskedMLP(4, (6, 5), 2, n_nets=2)
    rng = np.random.default_rng(0)
    masks = [[rng.random(m.shape) > 0.5 for m in module.get_masks(net)] for net in range(2)]
    for net in range(2):
        module.set_masks(masks[net], net)
    before = [layer.weight.detach().clone() for layer in module.layers]
    optimizer = StackedAdam(module.parameters(), lr=0.1, weight_decay=1e-2)
    X, y = torch.randn(2, 32, 4), torch.rand(2, 32, 2)
    for _ in range(50):
        optimizer.zero_grad()
        F.binary_cross_entropy_with_logits(module(X), y).backward()
        optimizer.step()
        module.apply_masks()
    for net in range(2):
        for layer, mask, initial in zip(module.layers, masks[net], before):
            removed = torch.as_tensor(~mask.T)
            assert torch.all(layer.weight[net][removed] == 0)
            assert torch.all(layer.weight[net][~removed] != initial[net][~removed]), "surviving weights train"
            no_inputs = torch.as_tensor(~mask.any(axis=0))
            assert torch.all(layer.bias[net][no_inputs] == 0)
        assert [m.tolist() for m in module.get_masks(net)] == [m.tolist() for m in masks[net]]


def test_stacked_adam_updates_each_net_as_torch_fused_adam_updates_it_alone():
    torch.manual_seed(0)
    stacked = torch.nn.Parameter(torch.randn(3, 4, 5))
    alone = [torch.nn.Parameter(stacked[net].detach().clone()) for net in range(3)]
    stacked_adam = StackedAdam([stacked], lr=0.05, weight_decay=1e-4)
    adams = [torch.optim.Adam([p], lr=0.05, weight_decay=1e-4, fused=True) for p in alone]
    for _ in range(5):
        gradient = torch.randn(3, 4, 5)
        stacked_adam.zero_grad()
        stacked.grad = gradient.clone() if stacked.grad is None else stacked.grad.copy_(gradient)
        stacked_adam.step()
        for net, (parameter, adam) in enumerate(zip(alone, adams)):
            parameter.grad = gradient[net].clone()
            adam.step()
    for net, parameter in enumerate(alone):
        assert torch.equal(stacked[net], parameter)


def test_forward_returns_hidden_activations_on_request():
    module = MaskedMLP(3, (4, 5), 2)
    logits, hidden = module(torch.randn(7, 3), return_hidden=True)
    assert logits.shape == (7, 2)
    assert [h.shape for h in hidden] == [(7, 4), (7, 5)]
    assert all(torch.all(h >= 0) for h in hidden)
    stacked_logits, stacked_hidden = MaskedMLP(3, (4, 5), 2, n_nets=3)(torch.randn(7, 3), return_hidden=True)
    assert stacked_logits.shape == (3, 7, 2)
    assert [h.shape for h in stacked_hidden] == [(3, 7, 4), (3, 7, 5)]


def test_installing_every_nets_masks_at_once_equals_installing_them_net_by_net():
    torch.manual_seed(0)
    one_by_one = MaskedMLP(4, (6, 5), 2, n_nets=3)
    at_once = MaskedMLP(4, (6, 5), 2, n_nets=3)
    at_once.load_state_dict(one_by_one.state_dict())
    rng = np.random.default_rng(1)
    masks = [[rng.random(m.shape) > 0.5 for m in one_by_one.get_masks(net)] for net in range(3)]
    for net in range(3):
        one_by_one.set_masks(masks[net], net)
    at_once.set_stacked_masks(masks)
    for name, value in one_by_one.state_dict().items():
        assert torch.equal(value, at_once.state_dict()[name]), name


def pruned_masks():
    """Masks of a (6, (4, 3), 2) net: input 5 unused, hidden unit 1 of layer 1 with outgoing
    edges only, unit 2 with incoming edges only, unit 3 with none; unit 0 of layer 2 unused."""
    first = np.zeros((6, 4), dtype=bool)
    first[[0, 1, 2], 0] = True
    first[[3, 4], 2] = True
    second = np.zeros((4, 3), dtype=bool)
    second[0, [1, 2]] = True
    second[1, 2] = True
    third = np.zeros((3, 2), dtype=bool)
    third[[1, 2], 0] = True
    third[2, 1] = True
    return [first, second, third]


def test_surviving_units_are_those_with_an_unmasked_edge_in_some_net():
    torch.manual_seed(0)
    mlp = MaskedMLP(6, (4, 3), 2, n_nets=2)
    mlp.set_masks(pruned_masks(), net=0)
    mlp.set_masks([np.zeros_like(mask) for mask in pruned_masks()], net=1)
    assert [units.tolist() for units in mlp.surviving_units()] == [[0, 1, 2, 3, 4], [0, 1, 2], [1, 2], [0, 1]]
    second_net = [np.zeros_like(mask) for mask in pruned_masks()]
    second_net[0][5, 3] = True  # input 5 and unit 3 come back through the other net
    mlp.set_masks(second_net, net=1)
    assert [units.tolist() for units in mlp.surviving_units()] == [[0, 1, 2, 3, 4, 5], [0, 1, 2, 3], [1, 2], [0, 1]]


def test_a_subnet_computes_the_logits_and_takes_back_its_trained_weights():
    torch.manual_seed(0)
    mlp = MaskedMLP(6, (4, 3), 2, n_nets=2)
    for net in range(2):
        mlp.set_masks(pruned_masks(), net=net)
    units = mlp.surviving_units()
    sub = mlp.subnet(units)
    assert sub.widths == [5, 3, 2, 2]
    X = torch.rand(2, 7, 6)
    torch.testing.assert_close(sub(X[..., units[0]]), mlp(X))
    with torch.no_grad():
        for layer in sub.layers:
            layer.weight.add_(1.0)
    sub.apply_masks()
    before = {name: value.clone() for name, value in mlp.state_dict().items()}
    mlp.load_subnet(sub, units)
    for depth, layer in enumerate(mlp.layers):
        mask = layer.weight_mask.bool()
        torch.testing.assert_close(layer.weight[mask], before[f"layers.{depth}.weight"][mask] + 1.0)
        assert torch.all(layer.weight[~mask] == 0)


def a_pruned_net(train_surviving_only, masks):
    from sksculpt._engine import SculptingNet

    net = SculptingNet(
        MaskedMLP, module__n_features=6, module__hidden_layer_sizes=(4, 3), module__n_outputs=2,
        optimizer=StackedAdam, optimizer__weight_decay=1e-4, lr=0.05, batch_size=4, max_epochs=3,
        input_noise=0.1, train_surviving_only=train_surviving_only,
    ).initialize_nets([3, 4])
    net.module_.set_stacked_masks(masks)
    return net


def test_training_the_surviving_units_only_trains_what_training_the_whole_net_trains():
    rng = np.random.RandomState(0)
    X = torch.as_tensor(rng.rand(24, 6), dtype=torch.float32)
    y = torch.as_tensor(rng.rand(24, 2) > 0.5, dtype=torch.float32)
    dead_layer = [mask.copy() for mask in pruned_masks()]
    dead_layer[1][:] = False  # no unit of hidden layer 2 survives in this net
    for masks in ([pruned_masks(), pruned_masks()], [dead_layer, dead_layer]):
        whole, surviving = a_pruned_net(False, masks), a_pruned_net(True, masks)
        np.testing.assert_array_equal(whole.train_round(X, y, X, y), surviving.train_round(X, y, X, y))
        assert surviving.module_.widths == [6, 4, 3, 2]
        for name, value in whole.module_.state_dict().items():
            torch.testing.assert_close(surviving.module_.state_dict()[name], value, rtol=1e-5, atol=1e-6)
        assert len(surviving.history) == len(whole.history) == 2 * 3
