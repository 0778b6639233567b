"""The masked multilayer perceptrons that sculpting prunes, stacked so many train as one."""

from itertools import pairwise

import numpy as np
import torch
from torch import nn

from . import ops


class MaskedLinear(nn.Module):
    """``n_nets`` independent linear layers whose weights are pruned by binary masks.

    Layer ``k`` has weight ``weight[k]`` of shape ``(out, in)`` and bias
    ``bias[k]``; the masks live in the buffers ``weight_mask`` and
    ``bias_mask`` of the same shapes. A unit whose incoming weights are all
    masked has its bias masked too. A masked weight or bias is held at exactly
    zero: :meth:`set_mask` zeroes it, and :meth:`MaskedMLP.apply_masks` zeroes it again
    after an optimizer step (which :class:`~sksculpt._engine.net.SculptingNet` does
    after every step), so the forward pass needs no multiplication by the mask.

    All nets compute in one batched matrix product, and each net's result is
    the same bit for bit whatever nets are stacked with it.

    Parameters
    ----------
    in_features, out_features : int
        Sizes of the input and output.
    n_nets : int, default=1
        Number of stacked layers.
    initialize : bool, default=True
        Initialise the weights (from torch's global generator); False leaves
        them uninitialised, for a caller that fills them.
    """

    def __init__(self, in_features, out_features, n_nets=1, initialize=True):
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.empty(n_nets, out_features, in_features))
        self.bias = nn.Parameter(torch.empty(n_nets, out_features))
        self.register_buffer("weight_mask", torch.ones(n_nets, out_features, in_features))
        self.register_buffer("bias_mask", torch.ones(n_nets, out_features))
        if initialize:
            self.reset_parameters()

    def reset_parameters(self, generators=None):
        """Kaiming-normal weights (ReLU gain, fan-in mode) and zero biases, net by net.

        Parameters
        ----------
        generators : list of torch.Generator, optional
            One per net; None draws from torch's global generator.
        """
        for net, generator in enumerate(generators or [None] * len(self.weight)):
            self.reset_net(net, generator)

    @torch.no_grad()
    def reset_net(self, net, generator=None):
        """Kaiming-normal weights and zero biases for one of the stacked nets."""
        nn.init.kaiming_normal_(self.weight[net], nonlinearity="relu", generator=generator)
        self.bias[net].zero_()

    def forward(self, inputs):
        """Outputs of every net: ``(n_nets, n_samples, out)`` from ``(n_nets, n_samples, in)``."""
        return torch.baddbmm(self.bias.unsqueeze(1), inputs, self.weight.transpose(1, 2))

    @torch.no_grad()
    def set_mask(self, mask, net=0):
        """Install a boolean mask of shape ``(in, out)`` in one net and zero what it removes.

        Parameters
        ----------
        mask : torch.Tensor or numpy.ndarray of bool, shape (in_features, out_features)
            ``mask[i, j]`` is True where the edge from input ``i`` to output
            ``j`` survives (the layout of ``SculptingClassifier.masks_``).
        net : int, default=0
            Which of the stacked nets.
        """
        mask = torch.as_tensor(mask, dtype=torch.bool, device=self.weight.device).T
        self.weight_mask[net].copy_(mask)
        self.bias_mask[net].copy_(mask.any(dim=1))
        self.weight[net].mul_(self.weight_mask[net])
        self.bias[net].mul_(self.bias_mask[net])

    def get_mask(self, net=0):
        """The boolean mask of one net in ``(in, out)`` layout, as a numpy array."""
        return self.weight_mask[net].T.bool().cpu().numpy()


class MaskedMLP(nn.Module):
    """``n_nets`` ReLU multilayer perceptrons of one architecture, stacked.

    Built of :class:`MaskedLinear` layers: every net has its own weights and
    masks, and all nets compute in the same batched matrix products. With
    ``n_nets=1`` it is an ordinary masked MLP.

    Parameters
    ----------
    n_features : int
        Number of input features.
    hidden_layer_sizes : sequence of int
        Width of each hidden layer.
    n_outputs : int
        Number of output units (logits).
    n_nets : int, default=1
        Number of stacked nets.
    initialize : bool, default=True
        As in :class:`MaskedLinear`.
    """

    def __init__(self, n_features, hidden_layer_sizes, n_outputs, n_nets=1, initialize=True):
        super().__init__()
        widths = [n_features, *hidden_layer_sizes, n_outputs]
        self.layers = nn.ModuleList(
            MaskedLinear(n_in, n_out, n_nets, initialize) for n_in, n_out in zip(widths[:-1], widths[1:])
        )
        self._masked = None  # the parameters and their masks, listed once for apply_masks

    @property
    def n_nets(self):
        """Number of stacked nets."""
        return len(self.layers[0].weight)

    @property
    def widths(self):
        """Number of units of each layer of units: inputs, hidden layers, outputs."""
        return [self.layers[0].in_features, *(layer.out_features for layer in self.layers)]

    def reset_parameters(self, generators=None):
        """Initialise every net as :meth:`MaskedLinear.reset_parameters`, layer by layer per net.

        Parameters
        ----------
        generators : list of torch.Generator, optional
            One per net; net ``k`` draws its layers in order from
            ``generators[k]``. None draws from torch's global generator.
        """
        for net, generator in enumerate(generators or [None] * self.n_nets):
            for layer in self.layers:
                layer.reset_net(net, generator)

    def forward(self, inputs, return_hidden=False):
        """Logits, and with ``return_hidden=True`` also the hidden activations.

        Parameters
        ----------
        inputs : torch.Tensor of shape (n_samples, n_features) or (n_nets, n_samples, n_features)
            A 2-D input is given to every net. A 3-D input gives each net its own samples.
        return_hidden : bool, default=False
            Also return the list of post-ReLU activations of every hidden layer.

        Returns
        -------
        logits : torch.Tensor of shape (n_nets, n_samples, n_outputs)
            Without the leading dimension when ``n_nets == 1`` and the input
            is 2-D, so that a single net reads as an ordinary module.
        hidden : list of torch.Tensor
            Only with ``return_hidden=True``; shaped like ``logits``.
        """
        single = inputs.dim() == 2 and self.n_nets == 1
        activation = inputs.expand(self.n_nets, *inputs.shape) if inputs.dim() == 2 else inputs
        hidden = []
        last = len(self.layers) - 1
        for depth, layer in enumerate(self.layers):
            activation = layer(activation)
            if depth == last:
                break
            activation = torch.relu(activation)
            # A single net's activations are returned 2-D and the next layer reads
            # them from there, so gradients with respect to them flow.
            hidden.append(activation[0] if single else activation)
            activation = hidden[-1].unsqueeze(0) if single else activation
        logits = activation[0] if single else activation
        return (logits, hidden) if return_hidden else logits

    def set_masks(self, masks, net=0):
        """Install one boolean ``(in, out)`` mask per layer in one net (see :meth:`MaskedLinear.set_mask`)."""
        if len(masks) != len(self.layers):
            raise ValueError(f"Expected {len(self.layers)} masks, one per weight layer; got {len(masks)}.")
        for layer, mask in zip(self.layers, masks):
            layer.set_mask(mask, net)

    @torch.no_grad()
    def apply_masks(self):
        """Zero the masked weights and biases of every layer (after an optimizer step)."""
        if self._masked is None:
            self._masked = (
                [tensor for layer in self.layers for tensor in (layer.weight, layer.bias)],
                [mask for layer in self.layers for mask in (layer.weight_mask, layer.bias_mask)],
            )
        ops.mul_(*self._masked)

    @torch.no_grad()
    def set_stacked_masks(self, masks):
        """Install one list of ``(in, out)`` masks per stacked net, all nets at once.

        Equivalent to :meth:`set_masks` for every net, with one copy per layer.
        """
        if len(masks) != self.n_nets:
            raise ValueError(f"Expected {self.n_nets} lists of masks, one per stacked net; got {len(masks)}.")
        for depth, layer in enumerate(self.layers):
            stacked = torch.as_tensor(np.stack([net_masks[depth].T for net_masks in masks]), device=layer.weight.device)
            layer.weight_mask.copy_(stacked)
            layer.bias_mask.copy_(stacked.any(dim=2))
            layer.weight.mul_(layer.weight_mask)
            layer.bias.mul_(layer.bias_mask)

    def get_masks(self, net=0):
        """The boolean ``(in, out)`` masks of all layers of one net, as numpy arrays."""
        return [layer.get_mask(net) for layer in self.layers]

    def get_weights(self, net=0):
        """The weights (zero where masked) of one net in ``(in, out)`` layout, as numpy arrays."""
        with torch.no_grad():
            return [layer.weight[net].T.cpu().numpy() for layer in self.layers]

    def net_state(self, net):
        """A detached copy of one net's state (weights, biases, masks) without the net dimension."""
        return {name: value[net].detach().clone() for name, value in self.state_dict().items()}

    def load_net_states(self, states):
        """Load one state per stacked net (as returned by :meth:`net_state`)."""
        if len(states) != self.n_nets:
            raise ValueError(f"Expected {self.n_nets} states, one per stacked net; got {len(states)}.")
        stacked = {name: torch.stack([torch.as_tensor(state[name]) for state in states]) for name in states[0]}
        self.load_state_dict(stacked)

    def surviving_units(self):
        """The units some stacked net still uses, per layer of units (inputs, hidden layers, outputs).

        A unit survives while it keeps an unmasked incoming or outgoing edge
        in any net; an input feature, while it keeps an outgoing edge; every
        output survives. A unit that does not survive contributes nothing to
        any output and has nothing left to train: all its weights and its bias
        are masked, hence zero.

        Returns
        -------
        units : list of torch.Tensor of int64
            Sorted unit indices, one tensor per layer of units.
        """
        masks = [layer.weight_mask.any(dim=0) for layer in self.layers]  # (out, in): used by some net
        units = [masks[0].any(dim=0)]
        for below, above in pairwise(masks):
            units.append(below.any(dim=1) | above.any(dim=0))
        units.append(torch.ones(masks[-1].shape[0], dtype=torch.bool, device=masks[-1].device))
        return [torch.nonzero(kept).squeeze(1) for kept in units]

    @torch.no_grad()
    def subnet(self, units):
        """The stacked nets restricted to ``units`` (see :meth:`surviving_units`), as a new MaskedMLP.

        Weights, biases and masks are copied. The subnet computes the same
        logits from the inputs ``X[..., units[0]]`` (up to the order of
        floating-point sums), and its weights get the same gradients: the
        units left out only ever multiply or receive exact zeros.
        """
        sub = MaskedMLP(len(units[0]), [len(kept) for kept in units[1:-1]], len(units[-1]), self.n_nets,
                        initialize=False)
        for layer, part, inputs, outputs in zip(self.layers, sub.layers, units[:-1], units[1:]):
            for name in ("weight", "weight_mask"):
                getattr(part, name).copy_(getattr(layer, name)[:, outputs.unsqueeze(1), inputs])
            for name in ("bias", "bias_mask"):
                getattr(part, name).copy_(getattr(layer, name)[:, outputs])
        return sub

    @torch.no_grad()
    def load_subnet(self, sub, units):
        """Copy the weights and biases of a :meth:`subnet` over ``units`` back into these nets."""
        for layer, part, inputs, outputs in zip(self.layers, sub.layers, units[:-1], units[1:]):
            layer.weight[:, outputs.unsqueeze(1), inputs] = part.weight
            layer.bias[:, outputs] = part.bias


def stacked_state(module):
    """A detached copy of the state of all stacked nets, to restore some of them later."""
    return {name: value.detach().clone() for name, value in module.state_dict().items()}


def n_weights(n_features, hidden_layer_sizes, n_outputs):
    """Number of weights (edges) of one MLP of this architecture."""
    widths = [n_features, *hidden_layer_sizes, n_outputs]
    return sum(a * b for a, b in zip(widths[:-1], widths[1:]))

