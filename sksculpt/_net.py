"""The skorch net that sculpting trains: in-memory noisy batches, best-epoch checkpoint."""

import math

import torch
from skorch import NeuralNet
from skorch.callbacks import Callback, EpochTimer, PassthroughScoring
from skorch.dataset import Dataset
from skorch.helper import predefined_split


class NoisyBatchIterator:
    """Mini-batches of in-memory tensors with fresh Gaussian noise on the inputs.

    A lightweight replacement for :class:`torch.utils.data.DataLoader` over data
    that fit in memory: batches are slices of one tensor, so a tiny truth table
    costs no collation or worker overhead. Every time a sample is drawn it gets
    new noise of standard deviation ``noise_std``.

    Parameters
    ----------
    dataset : skorch.dataset.Dataset
        Holds ``X`` and ``y`` as tensors.
    batch_size : int
        Samples per batch.
    shuffle : bool, default=False
        Draw the samples in a new random order (torch's global generator) each epoch.
    noise_std : float, default=0.0
        Standard deviation of the Gaussian noise added to the inputs.
    """

    def __init__(self, dataset, batch_size, shuffle=False, noise_std=0.0):
        self.X = torch.as_tensor(dataset.X)
        self.y = torch.as_tensor(dataset.y)
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.noise_std = noise_std

    def __len__(self):
        return math.ceil(len(self.X) / self.batch_size)

    def __iter__(self):
        n_samples = len(self.X)
        order = torch.randperm(n_samples) if self.shuffle else None
        for start in range(0, n_samples, self.batch_size):
            if order is None:
                X_batch = self.X[start : start + self.batch_size]
                y_batch = self.y[start : start + self.batch_size]
            else:
                rows = order[start : start + self.batch_size]
                X_batch, y_batch = self.X[rows], self.y[rows]
            if self.noise_std:
                X_batch = X_batch + self.noise_std * torch.randn_like(X_batch)
            yield X_batch, y_batch


def _multilabel_correct(logits, y):
    """Output bits predicted right (threshold 0.5 on the sigmoid), and bits in all."""
    return int(((logits > 0) == (y > 0.5)).sum()), y.numel()


def _multiclass_correct(logits, y):
    """Samples whose arg-max class is right, and samples in all."""
    return int((logits.argmax(dim=1) == y).sum()), len(y)


#: For each kind of target: the training criterion, and how accuracy counts.
TARGET_KINDS = {
    "multilabel": (torch.nn.BCEWithLogitsLoss, _multilabel_correct),
    "multiclass": (torch.nn.CrossEntropyLoss, _multiclass_correct),
}


class BestEpochCheckpoint(Callback):
    """Score every epoch on the clean check data and restore the best epoch at the end.

    The check data are the net's validation set (``train_split``). The best
    epoch is the one with the highest check accuracy, ties going to the lower
    check loss. Records ``check_accuracy`` in the net's history. The masks do
    not change during a round, so only the weights and biases are saved.

    Attributes
    ----------
    best_accuracy_ : float
        Check accuracy of the restored epoch.
    """

    def on_train_begin(self, net, **kwargs):
        self.best_accuracy_ = -1.0
        self._best_loss = math.inf
        self._best_parameters = None

    def on_epoch_begin(self, net, **kwargs):
        self._correct = self._total = 0

    def on_batch_end(self, net, batch, training, y_pred=None, **kwargs):
        if not training:
            correct, total = net.count_correct(y_pred, batch[1])
            self._correct += correct
            self._total += total

    def on_epoch_end(self, net, **kwargs):
        accuracy = self._correct / self._total
        loss = net.history[-1, "valid_loss"]
        net.history.record("check_accuracy", accuracy)
        if accuracy > self.best_accuracy_ or (accuracy == self.best_accuracy_ and loss < self._best_loss):
            self.best_accuracy_, self._best_loss = accuracy, loss
            self._best_parameters = [p.detach().clone() for p in net.module_.parameters()]

    @torch.no_grad()
    def on_train_end(self, net, **kwargs):
        for parameter, best in zip(net.module_.parameters(), self._best_parameters, strict=True):
            parameter.copy_(best)
        self._best_parameters = None


class SculptingNet(NeuralNet):
    """skorch net for a :class:`~sksculpt._mlp.MaskedMLP`, trained in short rounds.

    Its default callbacks keep the epoch timer and the train and check losses,
    and add :class:`BestEpochCheckpoint`. Batches come from
    :class:`NoisyBatchIterator`.

    Parameters
    ----------
    target_kind : {"multilabel", "multiclass"}
        Multi-label 0/1 targets (sigmoid outputs, binary cross-entropy averaged
        over all bits, accuracy over bits) or class indices (softmax,
        cross-entropy, accuracy over samples).
    **kwargs
        Passed to :class:`skorch.NeuralNet`.
    """

    def __init__(self, module, *args, target_kind="multilabel", **kwargs):
        kwargs.setdefault("criterion", TARGET_KINDS[target_kind][0])
        kwargs.setdefault("iterator_train", NoisyBatchIterator)
        kwargs.setdefault("iterator_train__shuffle", True)
        kwargs.setdefault("iterator_valid", NoisyBatchIterator)
        kwargs.setdefault("iterator_valid__batch_size", -1)
        super().__init__(module, *args, **kwargs)
        self.target_kind = target_kind

    @property
    def _default_callbacks(self):
        return [
            ("epoch_timer", EpochTimer()),
            ("train_loss", PassthroughScoring(name="train_loss", on_train=True)),
            ("valid_loss", PassthroughScoring(name="valid_loss")),
            ("best_epoch", BestEpochCheckpoint()),
        ]

    def count_correct(self, logits, y):
        """Correct predictions and their total, as the accuracy of ``target_kind`` counts them."""
        return TARGET_KINDS[self.target_kind][1](logits, y)

    def train_round(self, X, y, X_check, y_check):
        """One training round: a fresh optimizer, ``max_epochs`` epochs, the best epoch kept.

        Parameters
        ----------
        X, y : torch.Tensor
            Training data (noise is added to ``X`` batch by batch).
        X_check, y_check : torch.Tensor
            Clean data on which each epoch's accuracy is checked.

        Returns
        -------
        accuracy : float
            Check accuracy of the kept epoch.
        """
        self.train_split = predefined_split(Dataset(X_check, y_check))
        self.initialize_optimizer()
        self.partial_fit(X, y)
        self.train_split = None
        return dict(self.callbacks_)["best_epoch"].best_accuracy_

    def per_sample_loss(self, logits, y):
        """Loss of each sample: ``(n_samples,)``; for multi-label, the mean over bits."""
        losses = self.criterion_.__class__(reduction="none")(logits, y)
        return losses.mean(dim=1) if losses.dim() == 2 else losses

    def unit_activations_and_gradients(self, X, y):
        """Hidden activations and d(sum of per-sample losses)/d(activation), one backward pass.

        Returns
        -------
        activations, gradients : list of numpy.ndarray of shape (n_samples, width)
            One array per hidden layer.
        """
        self.module_.eval()
        logits, hidden = self.module_(X, return_hidden=True)
        gradients = torch.autograd.grad(self.per_sample_loss(logits, y).sum(), hidden)
        return (
            [h.detach().cpu().numpy() for h in hidden],
            [g.cpu().numpy() for g in gradients],
        )
