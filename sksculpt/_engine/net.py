"""The skorch net that sculpting trains: stacked masked MLPs, trained round by round."""

import time

import numpy as np
import torch
from skorch import NeuralNet

from ..pruning import loss_sensitivity
from . import ops, passes
from .mlp import n_weights
from .targets import TARGET_KINDS, check_accuracy
from .threads import threads_for


class SculptingNet(NeuralNet):
    """The skorch net of a fitted :class:`~sksculpt.SculptingClassifier` (``net_``): the sculpted MLP.

    Read it as any skorch net: ``predict_proba`` and ``predict`` give what
    the classifier gives, ``module_`` is the torch module (a masked MLP whose
    ``get_masks()`` and ``get_weights()`` return the sculpted connectivity
    and weights in ``(in, out)`` layout), and ``history`` holds one entry per
    training epoch of every round, with its ``stage`` and ``round``.

    Inside sksculpt it stacks many MLPs: one net holds ``module__n_nets`` MLPs of one architecture; each has its
    own weights, masks, optimizer state and random generator (batch order and
    input noise), and all train in the same batched tensor operations. A
    training round (``train_round``) trains every net for ``max_epochs``
    epochs of Adam with a fresh optimizer, checks the accuracy on clean check
    data after each epoch and keeps each net's best epoch. It runs its own
    loop rather than skorch's per-batch one: it writes one ``history`` entry
    per net and epoch (with the ``stage`` and ``round``) and notifies the
    callbacks of each epoch and round.

    Parameters
    ----------
    module : type
        The masked MLP (``sksculpt._engine.MaskedMLP``).
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
        still uses (``MaskedMLP.surviving_units``), so that a round's cost
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

    def _check(self, X_check, y_check, views, check_weight=None):
        """Check accuracy and loss of every net on clean data, two arrays of shape (n_nets,), and
        which check decisions each net gets right, ``(n_nets, n_samples, n_decisions)`` of bool.

        With ``check_weight`` (one weight per check sample), accuracy and loss
        are weighted (see :func:`check_accuracy`).
        """
        kind = TARGET_KINDS[self.target_kind]
        n_nets = len(self.generators_)
        with torch.no_grad():
            logits, _ = passes.forward(X_check.expand(n_nets, *X_check.shape), views)
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
        :func:`~sksculpt._engine.threads.threads_for`), and copies its weights back
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
        views = passes.layer_views(self.module_)
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
                    X_epoch[:, batch], y_epoch[:, batch], output_gradients, views,
                    None if weight_epoch is None else weight_epoch[:, batch],
                ))
                update()
                self.module_.apply_masks()
            accuracy, loss, correct = self._check(X_check, y_check, views, check_weight)
            improved = (accuracy > best_accuracy) | ((accuracy == best_accuracy) & (loss < best_loss))
            best_correct = correct if best_correct is None else np.where(improved[:, None, None], correct, best_correct)
            if improved.all():
                ops.copy_(best_parameters, [parameter.detach() for parameter in parameters])
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

    @torch.no_grad()
    def _gradient_step(self, X_batch, y_batch, output_gradients, views, weight_batch=None):
        """Forward and backward pass of every net on one batch (:mod:`~sksculpt._engine.passes`);
        the gradients are written into ``.grad``. Returns each net's loss on the batch, ``(n_nets,)``."""
        outputs, layer_inputs = passes.forward(X_batch, views)
        if weight_batch is None:
            losses, gradient = output_gradients(outputs, y_batch)
        else:
            losses, gradient = output_gradients(outputs, y_batch, weight_batch)
        passes.backward(gradient, layer_inputs, views)
        return losses

    def _record_epoch(self, shared, **per_net):
        """Append one history entry per stacked net: ``shared`` values and its own ``per_net`` ones."""
        for position, net in enumerate(self.net_ids_):
            own = {key: float(values[position]) for key, values in per_net.items()}
            self.history.append(dict(net=net, **shared, **own))

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

    def restack(self, states, generators):
        """Stack ``states`` (one ``MaskedMLP.net_state`` per net) again, with their ``generators``,
        after :meth:`keep_nets` took nets out."""
        self.set_params(module__n_nets=len(states))  # skorch re-initialises the module
        self.module_.load_net_states(states)
        self.generators_, self.net_ids_ = list(generators), list(range(len(states)))

    def decide(self, X):
        """Each output unit's decision on ``X`` as :meth:`predict` makes it, for one net: its 0/1
        outputs (one for two classes), or the one-hot of its predicted class; the module runs on
        ``X`` at once, without skorch's data loader.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)

        Returns
        -------
        decisions : ndarray of bool of shape (n_samples, n_outputs)
        """
        with torch.no_grad():
            logits = self.module_(torch.as_tensor(X, device=self.device))
        if self.target_kind in ("multilabel", "binary"):
            return (torch.sigmoid(logits) > 0.5).cpu().numpy()
        return np.eye(logits.shape[1], dtype=bool)[logits.argmax(dim=1).cpu().numpy()]
