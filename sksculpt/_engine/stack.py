"""The accepted network of every net of a stack while it is pruned."""

import torch

from .mlp import stacked_state


class AcceptedNetworks:
    """The last accepted network (weights, biases, masks) of each net of a stacked module.

    Pruning tries a step on every net of the stack at once and keeps it on
    the nets that pass: :meth:`accept` saves those nets' new networks,
    :meth:`revert` puts the others back to their saved ones. When nets leave
    the stack, :meth:`keep` drops their saved networks too.

    Parameters
    ----------
    module : MaskedMLP
        The stacked nets; their current networks are the first accepted ones.
    """

    def __init__(self, module):
        self._state = stacked_state(module)

    def keep(self, positions):
        """Keep the saved networks of the nets at ``positions`` only (in that order)."""
        self._state = {name: value[positions] for name, value in self._state.items()}

    def accept(self, module, nets):
        """Save the current networks of the nets selected by the boolean array ``nets``."""
        self._copy(module, nets, into_module=False)

    def revert(self, module, nets):
        """Put the saved networks back into the nets selected by the boolean array ``nets``."""
        self._copy(module, nets, into_module=True)

    @torch.no_grad()
    def _copy(self, module, nets, into_module):
        if not nets.any():
            return
        state = module.state_dict()
        selected = torch.as_tensor(nets, device=next(iter(state.values())).device)
        for name, value in state.items():
            source, destination = (self._state[name], value) if into_module else (value, self._state[name])
            destination[selected] = source[selected]
