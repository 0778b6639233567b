"""The skorch net that sculpting trains: stacked masked MLPs, trained round by round."""

import time
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
import torch
from skorch import NeuralNet
from torch.nn import functional as F

from ._mlp import n_weights, stacked_state
from ._threads import threads_for
from ._records import make_record
from .pruning import (
    AccuracyBar,
    PruningSchedule,
    density,
    edge_magnitude,
    loss_sensitivity,
    prune_edges,
    prune_units,
    unit_masks,
)


class StackedAdam(torch.optim.Optimizer):
    """Adam for stacked nets: each net's slice of each tensor gets its own fused Adam update.

    Torch's fused Adam processes a tensor in vectorised chunks and a scalar
    tail, whose rounding can differ; updating a stacked tensor in one piece
    would make a net's update depend on where its values fall in the stack.
    Here every net's slice is updated as the separate tensor it is when the
    net trains alone, so a net trained in a stack follows its lone path bit
    for bit. Masked weights (zero gradient, zero value) stay exactly zero.

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
            torch._foreach_zero_([p.grad for p in parameters])

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
            torch._foreach_add_(views["counters"], 1)
            torch._fused_adam_(
                views["params"], views["grads"], views["exp_avgs"], views["exp_avg_sqs"], [], views["steps"],
                amsgrad=False, lr=group["lr"], beta1=beta1, beta2=beta2, weight_decay=group["weight_decay"],
                eps=group["eps"], maximize=False, grad_scale=None, found_inf=None,
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


def _forward(inputs, layer_views):
    """Logits of stacked nets from 3-D inputs, and the input of every layer.

    ``layer_views`` are :meth:`SculptingNet._layer_views`; the operations are
    those of :meth:`MaskedMLP.forward <sksculpt._mlp.MaskedMLP.forward>`.
    """
    layer_inputs = [inputs]
    last = len(layer_views) - 1
    for depth, (bias, weight_t, _, _, _) in enumerate(layer_views):
        outputs = torch.baddbmm(bias, layer_inputs[-1], weight_t)
        if depth < last:
            layer_inputs.append(torch.relu(outputs))
    return outputs, layer_inputs


#: The gradient of ReLU as autograd computes it (zero where the output is not positive).
_relu_backward = torch.ops.aten.threshold_backward.default


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


def _unit_scores(net, masks, X_check, y_check, check_weight):
    return net.unit_scores(X_check, y_check, check_weight)


def _unit_candidate(scores, masks, target):
    return unit_masks(masks, prune_units(scores, target))


def _unit_schedule(masks):
    n_hidden = sum(m.shape[1] for m in masks[:-1])
    return 0.0, 100.0 / n_hidden


def _edge_scores(net, masks, X_check, y_check, check_weight):
    return [edge_magnitude(net.module_.get_weights(position), masks[position]) for position in range(net.n_nets)]


def _edge_schedule(masks):
    return 100.0 * (1.0 - density(masks)), 100.0 / sum(m.size for m in masks)


def acceptance_rules(accuracy_threshold, n_nets):
    """Each net's acceptance rule: those given, or an :class:`~sksculpt.pruning.AccuracyBar` per threshold."""
    if np.ndim(accuracy_threshold) == 0 and not hasattr(accuracy_threshold, "accepts"):
        accuracy_threshold = [accuracy_threshold] * n_nets
    rules = [rule if hasattr(rule, "accepts") else AccuracyBar(float(rule)) for rule in accuracy_threshold]
    if len(rules) != n_nets:
        raise ValueError(f"{len(rules)} acceptance rules for {n_nets} stacked nets; give one per net, or one for all.")
    return rules


#: For each pruning stage: the scores of every stacked net's accepted network,
#: the candidate masks one net's scores give for a target, and where its
#: schedule starts (percent already pruned) with its smallest step.
PRUNING_STAGES = {
    "units": (_unit_scores, _unit_candidate, _unit_schedule),
    "edges": (_edge_scores, prune_edges, _edge_schedule),
}


class SculptingNet(NeuralNet):
    """skorch net of stacked :class:`~sksculpt._mlp.MaskedMLP` s, trained in short rounds.

    One net holds ``module__n_nets`` MLPs of one architecture; each has its
    own weights, masks, optimizer state and random generator (batch order and
    input noise), and all train in the same batched tensor operations. A
    training round (:meth:`train_round`) trains every net for ``max_epochs``
    epochs of Adam with a fresh optimizer, checks the accuracy on clean check
    data after each epoch and keeps each net's best epoch. It runs its own
    loop rather than skorch's per-batch one: it writes one ``history`` entry
    per net and epoch (with the ``stage`` and ``round``) and notifies the
    callbacks of each epoch and round.

    With one stacked net it reads as any skorch net: ``predict_proba`` and
    ``predict`` give what :class:`~sksculpt.SculptingClassifier` gives.

    Parameters
    ----------
    module : type
        :class:`~sksculpt._mlp.MaskedMLP`.
    target_kind : {"multilabel", "multiclass", "binary"}
        Multi-label 0/1 targets (sigmoid outputs, binary cross-entropy averaged
        over all bits, accuracy over bits), class indices (softmax,
        cross-entropy, accuracy over samples), or two classes (one sigmoid
        output trained on a 0/1 column, whether a sample is of the second
        class; ``predict_proba`` gives both classes' columns).
    input_noise : float, default=0.0
        Standard deviation of the Gaussian noise added afresh to the training
        inputs each time they are drawn.
    classes : array-like or None, default=None
        Class labels that ``predict`` returns for a multiclass net; None
        returns class indices.
    train_surviving_only : bool, default=False
        Train each round on the subnet of the units that some stacked net
        still uses (:meth:`MaskedMLP.surviving_units
        <sksculpt._mlp.MaskedMLP.surviving_units>`), so that a round's cost
        follows the pruned size of the net, not its dense size. The same
        computation but for the order of floating-point sums, so results
        can differ in the last bits from training the whole net.
    **kwargs
        Passed to :class:`skorch.NeuralNet` (``lr``, ``batch_size``,
        ``max_epochs``, ``optimizer``, ``device``, ``module__*``, ...).
    """

    def __init__(self, module, *args, target_kind="multilabel", input_noise=0.0, classes=None,
                 train_surviving_only=False, **kwargs):
        kwargs.setdefault("criterion", TARGET_KINDS[target_kind].criterion)
        kwargs.setdefault("predict_nonlinearity", TARGET_KINDS[target_kind].nonlinearity)
        kwargs.setdefault("train_split", None)
        kwargs.setdefault("iterator_valid__batch_size", 4096)
        super().__init__(module, *args, **kwargs)
        self.target_kind = target_kind
        self.input_noise = input_noise
        self.classes = classes
        self.train_surviving_only = train_surviving_only

    @property
    def _default_callbacks(self):
        return []

    def train_step(self, batch, **fit_params):
        """skorch's training step, then the masked weights are zeroed again (see ``MaskedLinear``)."""
        step = super().train_step(batch, **fit_params)
        self.module_.apply_masks()
        return step

    def predict(self, X):
        """Predicted class labels, or the 0/1 matrix of multi-label outputs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        proba = self.predict_proba(X)  # two columns for two classes
        if self.target_kind == "multilabel":
            return (proba > 0.5).astype(np.int64)
        indices = proba.argmax(axis=1)
        return indices if self.classes is None else np.asarray(self.classes)[indices]

    @property
    def n_nets(self):
        """Number of stacked nets the module holds."""
        return self.module_.n_nets

    def initialize_nets(self, seeds, states=None):
        """Initialise one stacked net per seed, optionally loading their states.

        Net ``k`` gets a torch generator seeded with ``seeds[k]``, is
        initialised from it (Kaiming-normal weights, zero biases), and then
        takes ``states[k]`` when given. Its batch order and input noise are
        drawn from the same generator afterwards, so a net's results depend
        only on its seed and state, never on the nets stacked with it.

        Parameters
        ----------
        seeds : sequence of int
        states : sequence of dict, optional
            One ``MaskedMLP.net_state`` (tensors or arrays) per net.

        Returns
        -------
        self : SculptingNet
        """
        self.set_params(module__n_nets=len(seeds))
        self.initialize()
        self.generators_ = [torch.Generator().manual_seed(int(seed)) for seed in seeds]
        self.module_.reset_parameters(self.generators_)
        self.net_ids_ = list(range(len(seeds)))
        if states is not None:
            self.module_.load_net_states(states)
        return self

    def keep_nets(self, nets):
        """Drop every stacked net but those at the positions ``nets`` (in that order)."""
        nets = list(nets)
        state = {name: value[nets] for name, value in self.module_.state_dict().items()}
        self.set_params(module__n_nets=len(nets))  # skorch re-initialises the module
        self.module_.load_state_dict(state)
        self.generators_ = [self.generators_[net] for net in nets]
        self.net_ids_ = [self.net_ids_[net] for net in nets]

    def _epoch_batches(self, X, y, features=None, n_features=None, sample_weight=None):
        """Each net's training data for one epoch, in its own order, with fresh input noise.

        The order and the noise are drawn net by net from each net's generator
        as a one-net epoch consumes them (the order, then one noise draw per
        batch), so slicing ``batch_size`` samples at a time gives each net the
        batches it gets alone.

        Parameters
        ----------
        X, y : torch.Tensor
            The training data the module reads.
        features : torch.Tensor of int64, optional
            When the module reads only these columns of ``n_features`` inputs
            (a subnet): noise is drawn for all ``n_features``, as the whole net
            draws it, and only these columns are kept.
        n_features : int, optional
            Number of inputs of the whole net, with ``features``.
        sample_weight : torch.Tensor of shape (n_samples,), optional
            The training samples' weights, put in the same order.

        Returns
        -------
        X_epoch, y_epoch : torch.Tensor of shape (n_nets, n_samples, ...)
        weight_epoch : torch.Tensor of shape (n_nets, n_samples) or None
            The weights in each net's order; None without ``sample_weight``.
        """
        n_samples = len(X)
        n_features = X.shape[1] if features is None else n_features
        orders, noises = [], []
        for generator in self.generators_:
            orders.append(torch.randperm(n_samples, generator=generator))
            if self.input_noise:
                noise = torch.cat([
                    torch.randn((min(self.batch_size, n_samples - start), n_features), generator=generator)
                    for start in range(0, n_samples, self.batch_size)
                ])
                noises.append(noise if features is None else noise[:, features.cpu()])
        orders = torch.stack(orders).to(self.device)
        X_epoch = X[orders]
        if noises:
            X_epoch = X_epoch + self.input_noise * torch.stack(noises).to(self.device)
        return X_epoch, y[orders], None if sample_weight is None else sample_weight[orders]

    def _check(self, X_check, y_check, layer_views, check_weight=None):
        """Check accuracy and loss of every net on clean data, two arrays of shape (n_nets,), and
        which check decisions each net gets right, ``(n_nets, n_samples, n_decisions)`` of bool.

        With ``check_weight`` (one weight per check sample), accuracy and loss
        are weighted (see :func:`check_accuracy`).
        """
        kind = TARGET_KINDS[self.target_kind]
        n_nets = len(self.generators_)
        with torch.no_grad():
            logits, _ = _forward(X_check.expand(n_nets, *X_check.shape), layer_views)
            y_stacked = y_check.expand(n_nets, *y_check.shape)
            correct = kind.correct(logits, y_stacked).cpu().numpy()
            losses = kind.check_losses(logits, y_stacked, check_weight)
        weight = None if check_weight is None else check_weight.cpu().numpy().astype(np.float64)
        return check_accuracy(correct, weight), losses.cpu().numpy().astype(np.float64), correct

    def train_round(self, X, y, X_check, y_check, sample_weight=None, check_weight=None, stage="train", round_=0,
                    return_correct=False):
        """One training round of every stacked net; each keeps its best epoch.

        A fresh Adam optimizer, ``max_epochs`` epochs of shuffled mini-batches
        with fresh input noise, and after each epoch the check accuracy and
        loss on the clean check data (the MLP has no dropout or normalisation,
        so no train or eval mode is set). Each net ends the round with the weights
        of its best epoch (highest check accuracy, ties to the lower check loss).

        Parameters
        ----------
        X, y : torch.Tensor
            Training data, shared by every net.
        X_check, y_check : torch.Tensor
            Clean data on which each epoch is checked.
        sample_weight, check_weight : torch.Tensor, optional
            Weights of the training samples (in the loss) and of the check
            samples (in the check accuracy and loss), each of mean 1; None
            counts every sample once.
        stage : str, default="train"
            Recorded in the history.
        round_ : int, default=0
            Recorded in the history.
        return_correct : bool, default=False
            Also return which check decisions each net's kept epoch gets right.

        Returns
        -------
        accuracy : ndarray of shape (n_nets,)
            Check accuracy of each net's kept epoch.
        correct : ndarray of bool of shape (n_nets, n_samples, n_decisions)
            With ``return_correct``: each net's right and wrong check
            decisions (one per sample for class labels, one per output bit
            for multi-label targets and two classes).

        Notes
        -----
        With ``train_surviving_only``, the round trains the subnet of the
        surviving units, on one thread when it is small (see
        :func:`~sksculpt._threads.threads_for`), and copies its weights back
        at the end.
        """
        units = self.module_.surviving_units() if self.train_surviving_only else None
        weights = (sample_weight, check_weight)
        if units is None or [len(kept) for kept in units] == self.module_.widths:
            accuracy, correct = self._train_round(X, y, X_check, y_check, weights, stage, round_)
            return (accuracy, correct) if return_correct else accuracy
        full_module = self.module_
        self.module_ = full_module.subnet(units)
        try:
            with threads_for(n_weights(*self.module_.widths[:1], self.module_.widths[1:-1], self.module_.widths[-1])):
                accuracy, correct = self._train_round(
                    X, y, X_check[:, units[0]], y_check, weights, stage, round_, features=units[0]
                )
            full_module.load_subnet(self.module_, units)
        finally:
            self.module_ = full_module
        return (accuracy, correct) if return_correct else accuracy

    def _train_round(self, X, y, X_check, y_check, weights, stage, round_, features=None):
        """:meth:`train_round` on the current module, whose inputs are the columns ``features`` of ``X``;
        ``weights`` are ``(sample_weight, check_weight)``."""
        sample_weight, check_weight = weights
        output_gradients = TARGET_KINDS[self.target_kind].output_gradients
        X_train = X if features is None else X[:, features]
        n_samples = len(X)
        batch_sizes = np.diff([*range(0, n_samples, self.batch_size), n_samples])
        self.initialize_optimizer()
        parameters = list(self.module_.parameters())
        for parameter in parameters:  # kept allocated: each step writes the gradients in place
            if parameter.grad is None:
                parameter.grad = torch.zeros_like(parameter)
        update = getattr(self.optimizer_, "update", self.optimizer_.step)
        layer_views = self._layer_views()
        best_parameters = [p.detach().clone() for p in parameters]
        best_accuracy = np.full(self.n_nets, -1.0)
        best_correct = None
        best_loss = np.full(self.n_nets, np.inf)
        self.notify("on_train_begin", X=X, y=y)
        for epoch in range(self.max_epochs):
            start_time = time.perf_counter()
            self.notify("on_epoch_begin", dataset_train=X, dataset_valid=X_check)
            X_epoch, y_epoch, weight_epoch = self._epoch_batches(X_train, y, features, X.shape[1], sample_weight)
            batch_losses = []
            for start in range(0, n_samples, self.batch_size):
                batch = slice(start, start + self.batch_size)
                batch_losses.append(self._gradient_step(
                    X_epoch[:, batch], y_epoch[:, batch], output_gradients, layer_views,
                    None if weight_epoch is None else weight_epoch[:, batch],
                ))
                update()
                self.module_.apply_masks()
            accuracy, loss, correct = self._check(X_check, y_check, layer_views, check_weight)
            improved = (accuracy > best_accuracy) | ((accuracy == best_accuracy) & (loss < best_loss))
            best_correct = correct if best_correct is None else np.where(improved[:, None, None], correct, best_correct)
            if improved.all():
                torch._foreach_copy_(best_parameters, [parameter.detach() for parameter in parameters])
            elif improved.any():
                improved_nets = torch.as_tensor(improved, device=X.device)
                for parameter, best in zip(parameters, best_parameters):
                    best[improved_nets] = parameter.detach()[improved_nets]
            best_accuracy[improved], best_loss[improved] = accuracy[improved], loss[improved]
            self._record_epoch(
                dict(stage=stage, round=round_, epoch=epoch + 1, dur=time.perf_counter() - start_time),
                train_loss=batch_sizes @ torch.stack(batch_losses).cpu().numpy() / n_samples, valid_loss=loss,
                check_accuracy=accuracy,
            )
            self.notify("on_epoch_end", dataset_train=X, dataset_valid=X_check)
        with torch.no_grad():
            for parameter, best in zip(parameters, best_parameters):
                parameter.copy_(best)
        self.notify("on_train_end", X=X, y=y)
        return best_accuracy, best_correct

    def _layer_views(self):
        """Per layer: the bias as a column, the weight transposed, the weight, its gradient
        transposed and the bias gradient; views made once per round (parameters and
        gradients keep their storage through the round)."""
        return [
            (layer.bias.unsqueeze(1), layer.weight.transpose(1, 2), layer.weight,
             layer.weight.grad.transpose(1, 2), layer.bias.grad)
            for layer in self.module_.layers
        ]

    @torch.no_grad()
    def _gradient_step(self, X_batch, y_batch, output_gradients, layer_views, weight_batch=None):
        """Forward and backward pass of every net on one batch; gradients written into ``.grad``.

        Runs the operations autograd runs for the stacked layers, so it gives
        the same numbers, without building a graph: forward, one batched
        matrix product per layer; backward, per layer, the weight gradient
        (inputs transposed times output gradient), the bias gradient (summed
        over the batch) and the gradient passed down through the ReLU.

        Parameters
        ----------
        X_batch, y_batch : torch.Tensor
            The batch of every net, ``(n_nets, batch, ...)``.
        output_gradients : callable
            :attr:`TargetKind.output_gradients`.
        layer_views : list of tuple
            Per layer, views made once per round (see :meth:`_layer_views`).
        weight_batch : torch.Tensor of shape (n_nets, batch), optional
            The batch's sample weights.

        Returns
        -------
        losses : torch.Tensor of shape (n_nets,)
            Each net's loss on the batch.
        """
        outputs, inputs = _forward(X_batch, layer_views)
        if weight_batch is None:
            losses, gradient = output_gradients(outputs, y_batch)
        else:
            losses, gradient = output_gradients(outputs, y_batch, weight_batch)
        for depth in reversed(range(len(layer_views))):
            _, _, weight, weight_grad_t, bias_grad = layer_views[depth]
            torch.bmm(inputs[depth].transpose(1, 2), gradient, out=weight_grad_t)
            torch.sum(gradient, dim=1, out=bias_grad)
            if depth:
                gradient = _relu_backward(torch.bmm(gradient, weight), inputs[depth], 0)
        return losses

    def _record_epoch(self, shared, **per_net):
        """Append one history entry per stacked net: ``shared`` values and its own ``per_net`` ones."""
        for position, net in enumerate(self.net_ids_):
            self.history.append(dict(net=net, **shared, **{key: float(values[position]) for key, values in per_net.items()}))

    def on_epoch_begin(self, net, dataset_train=None, dataset_valid=None, **kwargs):
        """Nothing: :meth:`train_round` writes the history, one entry per net and epoch."""

    def unit_scores(self, X_check, y_check, check_weight=None):
        """Loss sensitivity of every hidden unit of every net (one backward pass in all).

        With ``check_weight``, each check sample's loss is multiplied by its
        weight, so the mean over samples is the weighted mean.

        Returns
        -------
        scores : list of list of ndarray
            ``scores[k][l]``: the scores of the units of hidden layer ``l`` of net ``k``.
        """
        sample_losses = TARGET_KINDS[self.target_kind].sample_losses
        self.module_.eval()
        logits, hidden = self.module_(X_check.expand(self.n_nets, *X_check.shape), return_hidden=True)
        losses = sample_losses(logits, y_check.expand(self.n_nets, *y_check.shape))
        if check_weight is not None:
            losses = check_weight * losses
        gradients = torch.autograd.grad(losses.sum(), hidden)
        activations = [h.detach().cpu().numpy() for h in hidden]
        gradients = [g.cpu().numpy() for g in gradients]
        return [
            loss_sensitivity([a[net] for a in activations], [g[net] for g in gradients])
            for net in range(self.n_nets)
        ]

    def prune(self, stage, steps, data, accuracy_threshold, retrain_first=False, report=None, finished=None):
        """Run one pruning stage on every stacked net in lockstep; each keeps its last accepted network.

        Net ``k`` follows its own :class:`~sksculpt.pruning.PruningSchedule`
        with initial step ``steps[k]``: every step prunes its accepted network
        to the next cumulative target, all nets with a step to try retrain
        together for one round, and each net keeps its step only if its check
        accuracy reaches its ``accuracy_threshold`` (otherwise it goes back to its
        accepted network). A target of 100 % or more is rejected untried. A
        net whose schedule has ended is taken out of the stack, so it costs
        no more work; at the end the stack holds every net again, in order.

        Parameters
        ----------
        stage : {"units", "edges"}
            Hidden units by loss sensitivity, or edges by weight magnitude.
        steps : sequence of float
            The initial step P of each net, in percent (``P_u`` or ``P_e``).
        data : tuple of torch.Tensor
            ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
            the weights may be None.
        accuracy_threshold : float, sequence of float, or sequence of acceptance rules
            The check accuracy a step must reach, for all nets or for each
            net, or each net's rule: an object whose ``accepts(accuracy,
            correct)`` says whether a step with this check accuracy and these
            right and wrong check decisions passes
            (:class:`~sksculpt.pruning.PairedTest`,
            :class:`~sksculpt.pruning.AccuracyBar`).
        retrain_first : bool, default=False
            Train one round before pruning, kept by each net only if it passes
            its rule (the edge stage starts this way).
        report : callable, optional
            ``report(net, record)``, called with each net's records as they are made.
        finished : callable, optional
            ``finished(net, records)``, called when a net's schedule ends.

        Returns
        -------
        records : list of list of SculptRecord
            For each net, one record per step, in order.
        """
        scores_of, candidate_masks, schedule_of = PRUNING_STAGES[stage]
        X_check, y_check, check_weight = data[2], data[3], data[5]
        n_nets, generators = self.n_nets, self.generators_
        rules = acceptance_rules(accuracy_threshold, n_nets)

        def passes(accuracy, correct):
            return np.array([
                rules[net].accepts(accuracy[position], correct[position]) for position, net in enumerate(self.net_ids_)
            ], dtype=bool)

        records = [[] for _ in range(n_nets)]
        final_states = [None] * n_nets
        round_ = 0
        if retrain_first:
            before = stacked_state(self.module_)
            self._restore(before, ~passes(*self.train_round(*data, stage, round_, return_correct=True)))
        accepted_state = stacked_state(self.module_)
        accepted_masks = [self.module_.get_masks(net) for net in range(n_nets)]
        schedules = [
            PruningSchedule(start, step, step_min)
            for step, (start, step_min) in zip(steps, map(schedule_of, accepted_masks), strict=True)
        ]

        def record(net, target, accuracy, accepted, masks):
            records[net].append(make_record(stage, target, accuracy, accepted, masks))
            if report is not None:
                report(net, records[net][-1])

        while True:
            for net in self.net_ids_:
                schedule = schedules[net]
                while not schedule.done and schedule.target >= 100:
                    record(net, schedule.target, np.nan, False, [np.zeros_like(m) for m in accepted_masks[net]])
                    schedule.update(False)
            active = [position for position, net in enumerate(self.net_ids_) if not schedules[net].done]
            for position, net in enumerate(self.net_ids_):
                if schedules[net].done:
                    final_states[net] = self.module_.net_state(position)
                    if finished is not None:
                        finished(net, records[net])
            if not active:
                break
            if len(active) < self.n_nets:
                self.keep_nets(active)
                accepted_state = {name: value[active] for name, value in accepted_state.items()}
            scores = scores_of(self, [accepted_masks[net] for net in self.net_ids_], X_check, y_check, check_weight)
            candidates = []
            for position, net in enumerate(self.net_ids_):
                candidates.append(candidate_masks(scores[position], accepted_masks[net], schedules[net].target))
            self.module_.set_stacked_masks(candidates)
            round_ += 1
            accuracy, correct = self.train_round(*data, stage, round_, return_correct=True)
            accepted = passes(accuracy, correct)
            self._restore(accepted_state, ~accepted)
            self._restore(accepted_state, accepted, into_module=False)
            for position, net in enumerate(self.net_ids_):
                record(net, schedules[net].target, accuracy[position], accepted[position], candidates[position])
                if accepted[position]:
                    accepted_masks[net] = candidates[position]
                schedules[net].update(accepted[position])
        self.set_params(module__n_nets=n_nets)  # skorch re-initialises the module
        self.module_.load_net_states(final_states)
        self.generators_, self.net_ids_ = generators, list(range(n_nets))
        return records

    @torch.no_grad()
    def _restore(self, saved, nets, into_module=True):
        """Copy the stacked nets selected by the boolean array ``nets`` from ``saved`` into the
        module (or, with ``into_module=False``, from the module into ``saved``)."""
        if not nets.any():
            return
        selected = torch.as_tensor(nets, device=self.device)
        for name, value in self.module_.state_dict().items():
            source, destination = (saved[name], value) if into_module else (value, saved[name])
            destination[selected] = source[selected]
