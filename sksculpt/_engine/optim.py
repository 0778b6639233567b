"""The optimizer of stacked nets: Adam, each net's slice of a tensor updated as the net alone would be."""

import torch

from . import ops


class StackedAdam(torch.optim.Optimizer):
    """Adam for stacked nets: each net's slice of each tensor gets its own fused Adam update.

    Torch's fused Adam processes a tensor in vectorised chunks and a scalar
    tail, whose rounding can differ; updating a stacked tensor in one piece
    would make a net's update depend on where its values fall in the stack.
    Here every net's slice is updated as the separate tensor it is when the
    net trains alone, so a net trained in a stack follows its lone path bit
    for bit. Masked weights (zero gradient, zero value) stay exactly zero.
    Without torch's fused kernel, each slice takes the single-tensor update of
    ``torch.optim.Adam(foreach=False)`` (see :func:`~sksculpt._engine.ops.adam_update`).

    Parameters
    ----------
    params : iterable of torch.nn.Parameter
        Stacked parameters, the nets along the first dimension.
    lr : float, default=1e-3
    betas : tuple of float, default=(0.9, 0.999)
    eps : float, default=1e-8
    weight_decay : float, default=0
        L2 penalty, added to the gradient as in :class:`torch.optim.Adam`.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))
        self._views = {}

    def zero_grad(self, set_to_none=False):
        """Zero the gradients in place: they stay allocated, so their per-net views stay valid."""
        parameters = [p for group in self.param_groups for p in group["params"] if p.grad is not None]
        if set_to_none:
            for parameter in parameters:
                parameter.grad = None
        elif parameters:
            ops.zero_([p.grad for p in parameters])

    def step(self, closure=None):
        """One Adam update of every net's slice of every parameter (see :meth:`update`)."""
        self.update()

    @torch.no_grad()
    def update(self):
        """The update of :meth:`step`, without the profiling record and global hooks torch wraps
        every optimizer step in: the sculpting rounds take hundreds of thousands of tiny steps."""
        for index, group in enumerate(self.param_groups):
            views = self._net_views(index, group)
            if not views["params"]:
                continue
            beta1, beta2 = group["betas"]
            ops.add_(views["counters"], 1)
            ops.adam_update(
                views["params"], views["grads"], views["exp_avgs"], views["exp_avg_sqs"], views["steps"],
                lr=group["lr"], beta1=beta1, beta2=beta2, weight_decay=group["weight_decay"], eps=group["eps"],
            )

    def _net_views(self, index, group):
        """Per-net views of a group's parameters, gradients and Adam state, made once per set of gradients."""
        grads = tuple(p.grad for p in group["params"] if p.grad is not None)
        cached = self._views.get(index)
        if cached is not None and len(cached["grad_tensors"]) == len(grads) and all(
            a is b for a, b in zip(cached["grad_tensors"], grads)
        ):
            return cached
        views = {"params": [], "grads": [], "exp_avgs": [], "exp_avg_sqs": [], "steps": [], "counters": [],
                 "grad_tensors": grads}
        for parameter in group["params"]:
            if parameter.grad is None:
                continue
            state = self.state[parameter]
            if not state:
                state["exp_avg"] = torch.zeros_like(parameter)
                state["exp_avg_sq"] = torch.zeros_like(parameter)
                # Every net of a stack takes every step: one counter serves all their slices.
                state["step"] = torch.zeros((), dtype=torch.float32, device=parameter.device)
            views["params"] += parameter.unbind(0)
            views["grads"] += parameter.grad.unbind(0)
            views["exp_avgs"] += state["exp_avg"].unbind(0)
            views["exp_avg_sqs"] += state["exp_avg_sq"].unbind(0)
            views["steps"] += [state["step"]] * len(parameter)
            views["counters"].append(state["step"])
        self._views[index] = views
        return views

