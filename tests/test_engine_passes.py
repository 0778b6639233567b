"""The engine's hand-written passes, optimizer and bookkeeping against torch's own."""

import numpy as np
import pytest
import torch

from sksculpt import SculptingClassifier
from sksculpt._engine import MaskedMLP, StackedAdam, ops, passes
from sksculpt._engine.stack import AcceptedNetworks
from sksculpt._engine.targets import TARGET_KINDS
from sksculpt.datasets import make_boolean_task


def random_module(seed, n_nets, widths, density):
    """A stacked MLP with random weights and random masks (each net its own)."""
    generator = torch.Generator().manual_seed(seed)
    module = MaskedMLP(widths[0], widths[1:-1], widths[-1], n_nets=n_nets)
    module.reset_parameters([torch.Generator().manual_seed(seed + net) for net in range(n_nets)])
    with torch.no_grad():
        for layer in module.layers:
            layer.bias.normal_(generator=generator)
    for net in range(n_nets):
        module.set_masks([
            (torch.rand(n_in, n_out, generator=generator) < density).numpy()
            for n_in, n_out in zip(widths[:-1], widths[1:])
        ], net)
    for parameter in module.parameters():
        parameter.grad = torch.zeros_like(parameter)
    return module


@pytest.mark.parametrize("target_kind", ["multilabel", "multiclass"])
@pytest.mark.parametrize(
    "seed, n_nets, widths, density",
    [(0, 1, (4, 24, 24, 4), 1.0), (1, 3, (6, 5, 2), 0.5), (2, 7, (10, 8, 8, 8, 3), 0.3), (3, 2, (3, 1, 3), 0.9)],
)
def test_the_written_out_passes_give_autograds_logits_and_gradients(seed, n_nets, widths, density, target_kind):
    module = random_module(seed, n_nets, widths, density)
    generator = torch.Generator().manual_seed(100 + seed)
    X = torch.randn(n_nets, 9, widths[0], generator=generator)
    if target_kind == "multilabel":
        y = (torch.rand(n_nets, 9, widths[-1], generator=generator) < 0.5).float()
    else:
        y = torch.randint(widths[-1], (n_nets, 9), generator=generator)
    kind = TARGET_KINDS[target_kind]

    views = passes.layer_views(module)
    with torch.no_grad():
        logits, layer_inputs = passes.forward(X, views)
    losses, output_gradient = kind.output_gradients(logits, y)
    passes.backward(output_gradient, layer_inputs, views)
    written = [parameter.grad.clone() for parameter in module.parameters()]

    autograd_logits = module(X)
    torch.testing.assert_close(logits, autograd_logits, rtol=0, atol=0)
    per_net = torch.stack([kind.criterion()(net_logits, net_y) for net_logits, net_y in zip(autograd_logits, y)])
    autograd = torch.autograd.grad(per_net.sum(), list(module.parameters()))
    for mine, theirs in zip(written, autograd, strict=True):
        torch.testing.assert_close(mine, theirs, rtol=1e-6, atol=1e-7)
    torch.testing.assert_close(losses, per_net.detach(), rtol=1e-6, atol=0)


def test_the_written_out_passes_are_exact_for_one_net_alone_or_stacked():
    stacked = random_module(5, 4, (6, 8, 8, 2), 0.6)
    X = torch.randn(4, 11, 6, generator=torch.Generator().manual_seed(6))
    logits, _ = passes.forward(X, passes.layer_views(stacked))
    for net in range(4):
        alone = MaskedMLP(6, (8, 8), 2)
        alone.load_net_states([stacked.net_state(net)])
        for parameter in alone.parameters():
            parameter.grad = torch.zeros_like(parameter)
        alone_logits, _ = passes.forward(X[net : net + 1], passes.layer_views(alone))
        assert torch.equal(alone_logits[0], logits[net])


def test_the_adam_fallback_is_torchs_single_tensor_adam(monkeypatch):
    monkeypatch.setattr(ops, "USE_MULTI_TENSOR_KERNELS", False)
    generator = torch.Generator().manual_seed(0)
    weights = torch.randn(3, 5, 4, generator=generator)
    stacked = torch.nn.Parameter(weights.clone())
    lone = [torch.nn.Parameter(weights[net].clone()) for net in range(3)]
    optimizer = StackedAdam([stacked], lr=0.05, weight_decay=1e-4)
    reference = torch.optim.Adam(lone, lr=0.05, weight_decay=1e-4, foreach=False)
    for _ in range(5):
        gradients = torch.randn(3, 5, 4, generator=generator)
        stacked.grad = gradients.clone()
        for net, parameter in enumerate(lone):
            parameter.grad = gradients[net].clone()
        optimizer.step()
        reference.step()
    for net, parameter in enumerate(lone):
        torch.testing.assert_close(stacked.detach()[net], parameter.detach(), rtol=1e-6, atol=1e-7)


def test_the_public_fallbacks_sculpt_what_the_kernels_sculpt(monkeypatch):
    X, y = make_boolean_task("input_separable", return_X_y=True)
    params = dict(unit_prune_step=65, edge_prune_step=1.5, random_state=0)
    with_kernels = SculptingClassifier(**params).fit(X, y)
    monkeypatch.setattr(ops, "USE_MULTI_TENSOR_KERNELS", False)
    fallback = SculptingClassifier(**params).fit(X, y)
    # Fused and single-tensor Adam round differently in the last bits, so the two runs may part
    # on a close pruning step; on this task both keep the same connectivity.
    assert fallback.score(X, y) == 1.0
    assert all(np.array_equal(a, b) for a, b in zip(with_kernels.masks_, fallback.masks_, strict=True))


def test_accepted_networks_revert_the_rejected_and_keep_the_accepted():
    module = random_module(7, 3, (4, 3, 2), 1.0)
    saved = {name: value.clone() for name, value in module.state_dict().items()}
    accepted = AcceptedNetworks(module)
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.add_(1.0)
    changed = {name: value.clone() for name, value in module.state_dict().items()}
    nets = np.array([True, False, True])
    accepted.revert(module, ~nets)
    accepted.accept(module, nets)
    for name, value in module.state_dict().items():
        assert torch.equal(value[1], saved[name][1]) and torch.equal(value[0], changed[name][0])
    accepted.keep([2])  # the stack now holds only its third net
    alone = random_module(8, 1, (4, 3, 2), 1.0)
    accepted.revert(alone, np.array([True]))
    for name, value in alone.state_dict().items():
        assert torch.equal(value[0], changed[name][2])
