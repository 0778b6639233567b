"""In-place operations on lists of tensors, through torch's multi-tensor kernels where this torch has them.

The kernels (``torch._foreach_*``, ``torch._fused_adam_``) are private to torch:
each operation here falls back to public tensor methods when one is missing
(or when :data:`USE_MULTI_TENSOR_KERNELS` is set False), tensor by tensor,
with the same values. The fused Adam update differs from its fallback only in
the rounding of the last bits (see :func:`adam_update`).
"""

import torch

#: Whether to use torch's private multi-tensor kernels; False runs the public fallbacks.
USE_MULTI_TENSOR_KERNELS = all(
    hasattr(torch, name)
    for name in ("_foreach_zero_", "_foreach_add_", "_foreach_mul_", "_foreach_copy_", "_fused_adam_")
)


def zero_(tensors):
    """Set every tensor of ``tensors`` to zero."""
    if USE_MULTI_TENSOR_KERNELS:
        torch._foreach_zero_(tensors)
        return
    for tensor in tensors:
        tensor.zero_()


def add_(tensors, value):
    """Add the number ``value`` to every tensor of ``tensors``."""
    if USE_MULTI_TENSOR_KERNELS:
        torch._foreach_add_(tensors, value)
        return
    for tensor in tensors:
        tensor.add_(value)


def mul_(tensors, factors):
    """Multiply each tensor of ``tensors`` by the tensor of ``factors`` at the same position."""
    if USE_MULTI_TENSOR_KERNELS:
        torch._foreach_mul_(tensors, factors)
        return
    for tensor, factor in zip(tensors, factors, strict=True):
        tensor.mul_(factor)


def copy_(destinations, sources):
    """Copy each tensor of ``sources`` into the tensor of ``destinations`` at the same position."""
    if USE_MULTI_TENSOR_KERNELS:
        torch._foreach_copy_(destinations, sources)
        return
    for destination, source in zip(destinations, sources, strict=True):
        destination.copy_(source)


def adam_update(params, grads, exp_avgs, exp_avg_sqs, steps, *, lr, beta1, beta2, weight_decay, eps):
    """One Adam update of each tensor of ``params`` (in place), its moments updated in place too.

    Parameters
    ----------
    params, grads, exp_avgs, exp_avg_sqs : list of torch.Tensor
        Parameters, their gradients and Adam's first and second moments.
    steps : list of torch.Tensor
        For each parameter its step count (a float scalar tensor), already
        counting this step.
    lr, beta1, beta2, weight_decay, eps : float
        As in :class:`torch.optim.Adam`.

    Notes
    -----
    With the multi-tensor kernels, torch's fused Adam (the update of
    ``torch.optim.Adam(fused=True)``); otherwise the single-tensor update of
    ``torch.optim.Adam(foreach=False)``, elementwise, so a tensor's update
    is the same whether it is updated alone or as part of a larger one.
    """
    if USE_MULTI_TENSOR_KERNELS:
        torch._fused_adam_(
            params, grads, exp_avgs, exp_avg_sqs, [], steps, amsgrad=False, lr=lr, beta1=beta1, beta2=beta2,
            weight_decay=weight_decay, eps=eps, maximize=False, grad_scale=None, found_inf=None,
        )
        return
    for param, grad, exp_avg, exp_avg_sq, step in zip(params, grads, exp_avgs, exp_avg_sqs, steps, strict=True):
        if weight_decay:
            grad = grad.add(param, alpha=weight_decay)
        exp_avg.lerp_(grad, 1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        count = step.item()
        step_size = lr / (1 - beta1**count)
        denominator = (exp_avg_sq.sqrt() / (1 - beta2**count) ** 0.5).add_(eps)
        param.addcdiv_(exp_avg, denominator, value=-step_size)
