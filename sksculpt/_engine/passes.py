"""The forward and backward pass of stacked masked MLPs, written out without autograd.

A training step runs the operations autograd would run for the stacked
layers, in the same order, so it gives the same numbers bit for bit without
building a graph (``tests/test_engine_passes.py`` compares the two): forward,
one batched matrix product per layer and a ReLU between layers; backward,
per layer, the weight gradient (inputs transposed times the output
gradient), the bias gradient (summed over the batch) and the gradient passed
down through the ReLU.
"""

from typing import NamedTuple

import torch


class LayerViews(NamedTuple):
    """Views of one stacked layer's parameters and gradients, made once per training round.

    Parameters and gradients keep their storage through a round, so the views
    stay valid and the backward pass writes the gradients in place.
    """

    bias_column: torch.Tensor  #: ``(n_nets, 1, out)``
    weight_t: torch.Tensor  #: ``(n_nets, in, out)``
    weight: torch.Tensor  #: ``(n_nets, out, in)``
    weight_grad_t: torch.Tensor  #: ``(n_nets, in, out)``, the weight gradient transposed
    bias_grad: torch.Tensor  #: ``(n_nets, out)``


def layer_views(module):
    """The :class:`LayerViews` of every layer of a :class:`~sksculpt._engine.mlp.MaskedMLP`
    whose parameters have gradients allocated."""
    return [
        LayerViews(layer.bias.unsqueeze(1), layer.weight.transpose(1, 2), layer.weight,
                   layer.weight.grad.transpose(1, 2), layer.bias.grad)
        for layer in module.layers
    ]


def forward(inputs, views):
    """Logits of stacked nets from 3-D inputs, and the input of every layer.

    Parameters
    ----------
    inputs : torch.Tensor of shape (n_nets, n_samples, n_features)
    views : list of LayerViews

    Returns
    -------
    logits : torch.Tensor of shape (n_nets, n_samples, n_outputs)
    layer_inputs : list of torch.Tensor
        The input of each layer: ``inputs``, then each hidden layer's ReLU output.
    """
    layer_inputs = [inputs]
    last = len(views) - 1
    for depth, view in enumerate(views):
        outputs = torch.baddbmm(view.bias_column, layer_inputs[-1], view.weight_t)
        if depth < last:
            layer_inputs.append(torch.relu(outputs))
    return outputs, layer_inputs


#: The gradient of ReLU as autograd computes it (zero where the output is not positive).
_relu_backward = torch.ops.aten.threshold_backward.default


@torch.no_grad()
def backward(output_gradient, layer_inputs, views):
    """Write every layer's weight and bias gradient, from the gradient of the loss at the logits.

    Parameters
    ----------
    output_gradient : torch.Tensor of shape (n_nets, n_samples, n_outputs)
        d loss / d logits.
    layer_inputs : list of torch.Tensor
        From :func:`forward`.
    views : list of LayerViews
        Their ``weight_grad_t`` and ``bias_grad`` are overwritten.
    """
    gradient = output_gradient
    for depth in reversed(range(len(views))):
        view = views[depth]
        torch.bmm(layer_inputs[depth].transpose(1, 2), gradient, out=view.weight_grad_t)
        torch.sum(gradient, dim=1, out=view.bias_grad)
        if depth:
            gradient = _relu_backward(torch.bmm(gradient, view.weight), layer_inputs[depth], 0)
