"""How each kind of target is trained, checked and predicted by stacked nets: losses, their
gradients with respect to the logits, right decisions and output probabilities."""

from dataclasses import dataclass, replace
from functools import partial

import torch
from torch.nn import functional as F


def _multilabel_output_gradients(logits, y, weight=None):
    """Each net's mean binary cross-entropy, and its gradient with respect to the logits.

    The gradient is the one :class:`torch.nn.BCEWithLogitsLoss` gives each net
    alone, ``(sigmoid(logits) - y) / (n * out)``, computed the same way. With
    ``weight`` (``(n_nets, n)``, one weight per sample), each sample's loss
    and gradient are multiplied by its weight before the mean.
    """
    if weight is None:
        per_net = F.binary_cross_entropy_with_logits(logits, y, reduction="none").mean(dim=(1, 2))
        return per_net, (torch.sigmoid(logits) - y) / (logits.shape[1] * logits.shape[2])
    weight = weight.unsqueeze(-1)
    per_net = (weight * F.binary_cross_entropy_with_logits(logits, y, reduction="none")).mean(dim=(1, 2))
    return per_net, weight * (torch.sigmoid(logits) - y) / (logits.shape[1] * logits.shape[2])


def _multiclass_output_gradients(logits, y, weight=None):
    """Each net's mean cross-entropy, and its gradient with respect to the logits.

    The cross-entropy of every sample of every net is computed at once, row
    by row as :func:`torch.nn.functional.cross_entropy` computes one net's
    batch, so each net's gradient is the one it gets alone, bit for bit
    (its loss may differ from the criterion's mean in the last bits: the
    mean is taken in another order). With ``weight`` (``(n_nets, n)``), the
    mean of each sample's loss times its weight.
    """
    n_nets, batch, n_classes = logits.shape
    with torch.enable_grad():
        logits = logits.detach().requires_grad_()
        losses = F.cross_entropy(logits.reshape(-1, n_classes), y.reshape(-1), reduction="none").reshape(n_nets, batch)
        per_net = (losses if weight is None else weight * losses).mean(dim=1)
        (gradient,) = torch.autograd.grad(per_net.sum(), logits)
    return per_net.detach(), gradient


def _each_net(loss):
    """``loss`` (a mean over one net's values) applied net by net: ``(n_nets,)``.

    Reductions over a stacked tensor may add in another order than over one
    net's values alone; one call per net keeps each net's loss exactly its own.
    """
    return lambda logits, y: torch.stack([loss(net_logits, net_y) for net_logits, net_y in zip(logits, y)])


def _mean_of_each_net(elementwise_loss):
    """The mean of an elementwise loss net by net: ``(n_nets,)``.

    The elementwise losses are computed once for the whole stack; each net's
    mean is then taken over its own values alone, as its criterion takes it.
    """
    return lambda logits, y: torch.stack([values.mean() for values in elementwise_loss(logits, y)])


def _weighted_check_losses(mean_losses, sample_losses):
    """Each net's check loss: ``mean_losses`` unweighted, or with a ``weight`` per
    sample (``(n_samples,)``) the mean of each sample's loss times its weight."""
    def check_losses(logits, y, weight=None):
        if weight is None:
            return mean_losses(logits, y)
        return (weight * sample_losses(logits, y)).mean(dim=1)

    return check_losses


def _multilabel_sample_losses(logits, y):
    return F.binary_cross_entropy_with_logits(logits, y, reduction="none").mean(dim=-1)


def _multilabel_correct(logits, y):
    return (logits > 0) == (y > 0.5)


def _multiclass_correct(logits, y):
    return (logits.argmax(dim=-1) == y).unsqueeze(-1)


def check_accuracy(correct, weight=None):
    """The check accuracy of each net from its right and wrong decisions.

    Parameters
    ----------
    correct : ndarray of bool, shape (n_nets, n_samples, n_decisions)
        Whether each decision is right: one per output bit for multi-label
        targets, one per sample for class labels.
    weight : ndarray of shape (n_samples,), optional
        Sample weights; None counts every sample once.

    Returns
    -------
    accuracy : ndarray of shape (n_nets,)
        The share of decisions right, ``sum_i w_i c_i / (sum_i w_i x n_decisions)``
        with ``c_i`` the right decisions of sample ``i``.
    """
    if weight is None:
        return correct.sum(axis=(1, 2)) / correct[0].size
    return (correct.sum(axis=2) @ weight) / (weight.sum() * correct.shape[2])


def _softmax(logits):
    return torch.softmax(logits, dim=-1)


def _two_class_proba(logits):
    """Both classes' probabilities from the one logit of the second: ``[1 - p, p]``."""
    proba = torch.sigmoid(logits)
    return torch.cat([1 - proba, proba], dim=-1)


@dataclass(frozen=True)
class TargetKind:
    """How a kind of target is trained, checked and predicted, for stacked nets.

    Attributes
    ----------
    criterion : type
        The torch loss skorch holds (mean over a net's values).
    output_gradients : callable
        ``(logits, y, weight=None) -> (per-net mean loss, d loss / d logits)``:
        each net's loss on a batch and its gradient, as the criterion gives
        them for each net alone; with ``weight`` (``(n_nets, batch)``), of
        the mean of each sample's loss times its weight.
    check_losses : callable
        ``(logits, y, weight=None) -> (n_nets,)``: each net's mean loss,
        exactly as the criterion gives it; with ``weight`` (``(n_samples,)``),
        the mean of each sample's loss times its weight.
    sample_losses : callable
        ``(logits, y) -> (n_nets, n_samples)``: each sample's loss (the mean over its outputs).
    correct : callable
        ``(logits, y) -> (n_nets, n_samples, n_decisions)`` of bool: whether
        each decision is right (each output bit, or each sample's class).
    nonlinearity : callable
        From logits to the probabilities of ``predict_proba``.
    """

    criterion: type
    output_gradients: object
    check_losses: object
    sample_losses: object
    correct: object
    nonlinearity: object


#: The kinds of target: multi-label 0/1 outputs, or class indices.
TARGET_KINDS = {
    "multilabel": TargetKind(
        criterion=torch.nn.BCEWithLogitsLoss,
        output_gradients=_multilabel_output_gradients,
        check_losses=_weighted_check_losses(
            _mean_of_each_net(partial(F.binary_cross_entropy_with_logits, reduction="none")),
            _multilabel_sample_losses,
        ),
        sample_losses=_multilabel_sample_losses,
        correct=_multilabel_correct,
        nonlinearity=torch.sigmoid,
    ),
    "multiclass": TargetKind(
        criterion=torch.nn.CrossEntropyLoss,
        output_gradients=_multiclass_output_gradients,
        check_losses=_weighted_check_losses(
            _each_net(F.cross_entropy), _each_net(partial(F.cross_entropy, reduction="none"))
        ),
        sample_losses=_each_net(partial(F.cross_entropy, reduction="none")),
        correct=_multiclass_correct,
        nonlinearity=_softmax,
    ),
}
#: Two classes: one output, trained and checked as a 0/1 target (is it the second class?).
TARGET_KINDS["binary"] = replace(TARGET_KINDS["multilabel"], nonlinearity=_two_class_proba)
