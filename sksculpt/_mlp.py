"""The masked multilayer perceptron that sculpting prunes."""

import torch
from torch import nn
from torch.nn import functional as F


class MaskedLinear(nn.Linear):
    """A linear layer whose weights are multiplied by a binary mask.

    The mask lives in two buffers, ``weight_mask`` (shape ``(out, in)``, as
    ``weight``) and ``bias_mask`` (shape ``(out,)``). A unit whose incoming
    weights are all masked has its bias masked too. Because the forward pass
    uses ``weight * weight_mask``, a masked weight gets an exactly zero gradient;
    :meth:`set_mask` also zeroes the stored value, so masked weights stay exactly
    zero under weight decay and in Adam's moment estimates.

    Parameters
    ----------
    in_features, out_features : int
        Sizes of the input and output.
    """

    def __init__(self, in_features, out_features):
        super().__init__(in_features, out_features)
        self.register_buffer("weight_mask", torch.ones(out_features, in_features))
        self.register_buffer("bias_mask", torch.ones(out_features))

    def reset_parameters(self):
        """Kaiming-normal weights (ReLU gain, fan-in mode) and zero biases."""
        nn.init.kaiming_normal_(self.weight, nonlinearity="relu")
        nn.init.zeros_(self.bias)

    def forward(self, inputs):
        return F.linear(inputs, self.weight * self.weight_mask, self.bias * self.bias_mask)

    @torch.no_grad()
    def set_mask(self, mask):
        """Install a boolean mask of shape ``(in, out)`` and zero what it removes.

        Parameters
        ----------
        mask : torch.Tensor or numpy.ndarray of bool, shape (in_features, out_features)
            ``mask[i, j]`` is True where the edge from input ``i`` to output
            ``j`` survives (the layout of ``SculptingClassifier.masks_``).
        """
        mask = torch.as_tensor(mask, dtype=torch.bool, device=self.weight.device).T
        self.weight_mask.copy_(mask)
        self.bias_mask.copy_(mask.any(dim=1))
        self.weight.mul_(self.weight_mask)
        self.bias.mul_(self.bias_mask)

    def get_mask(self):
        """The boolean mask in ``(in, out)`` layout, as a numpy array."""
        return self.weight_mask.T.bool().cpu().numpy()


class MaskedMLP(nn.Module):
    """A ReLU multilayer perceptron made of :class:`MaskedLinear` layers.

    Parameters
    ----------
    n_features : int
        Number of input features.
    hidden_layer_sizes : sequence of int
        Width of each hidden layer.
    n_outputs : int
        Number of output units (logits).
    """

    def __init__(self, n_features, hidden_layer_sizes, n_outputs):
        super().__init__()
        widths = [n_features, *hidden_layer_sizes, n_outputs]
        self.layers = nn.ModuleList(
            MaskedLinear(n_in, n_out) for n_in, n_out in zip(widths[:-1], widths[1:])
        )

    def forward(self, inputs, return_hidden=False):
        """Logits, and with ``return_hidden=True`` also the hidden activations.

        Parameters
        ----------
        inputs : torch.Tensor of shape (n_samples, n_features)
        return_hidden : bool, default=False
            Also return the list of post-ReLU activations of every hidden
            layer, each of shape ``(n_samples, width)``.
        """
        hidden = []
        activation = inputs
        for layer in self.layers[:-1]:
            activation = F.relu(layer(activation))
            hidden.append(activation)
        logits = self.layers[-1](activation)
        return (logits, hidden) if return_hidden else logits

    def set_masks(self, masks):
        """Install one boolean ``(in, out)`` mask per layer (see :meth:`MaskedLinear.set_mask`)."""
        if len(masks) != len(self.layers):
            raise ValueError(f"Expected {len(self.layers)} masks, one per weight layer; got {len(masks)}.")
        for layer, mask in zip(self.layers, masks):
            layer.set_mask(mask)

    def get_masks(self):
        """The boolean ``(in, out)`` masks of all layers, as numpy arrays."""
        return [layer.get_mask() for layer in self.layers]

    def state_dict_copy(self):
        """A detached copy of the state (weights, biases and masks), to restore later."""
        return {name: value.detach().clone() for name, value in self.state_dict().items()}

    def get_weights(self):
        """The effective (masked) weights in ``(in, out)`` layout, as numpy arrays."""
        with torch.no_grad():
            return [(layer.weight * layer.weight_mask).T.cpu().numpy() for layer in self.layers]
