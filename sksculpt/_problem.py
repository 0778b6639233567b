"""What a fit sculpts, checked once: the data and parameters of a task, and the problem of one seed.

Functions of an estimator's parameters and the data: they check both
(:func:`check_task`), choose the data-dependent defaults (learning rate,
held-out check data, acceptance bar) and build the :class:`SculptingProblem`
of one seed (:func:`make_problem`). They set nothing on the estimator, so a
search checks its data once and draws any number of seeds from it.
"""

from dataclasses import dataclass
from functools import partial

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import InvalidParameterError
from sklearn.utils.validation import _get_feature_names, check_X_y

from ._engine import SINGLE_THREAD_MAX_WEIGHTS, MaskedMLP, StackedAdam, n_weights, stage_rules, threads_for
from ._progress import EpochProgress
from ._validation import (
    check_device,
    check_hidden_layer_sizes,
    check_prune_steps,
    check_stratifiable,
    check_targets,
)
from ._weights import check_sample_weight, unit_mean_weights
from .detection import ModuleDetector
from .pruning import is_complete_truth_table

#: The fewest samples of a large sample: sampled data (not a complete truth table) of at least this many
#: samples get a held-out check set and a lower learning rate by default.
LARGE_SAMPLE = 1000
#: The share of a large sample held out to check pruning steps on when ``validation_fraction="auto"``.
#: On 5 folds of scaled digits (1,437 training samples), checking on the training data let sculpted
#: networks score 0.91 on the test parts against the MLP's 0.96; a held-out fifth, 0.95. On wine (142
#: samples, at lr=0.01) a held-out fifth (36 samples) gave 0.95, the training data 0.96 (the MLP: 0.98).
SAMPLE_VALIDATION_FRACTION = 0.2
#: Adam's learning rate when ``lr`` is None: the paper's for Boolean tasks, on truth tables and small samples
#: (wine: 0.99 mean test accuracy over 5 folds, against 0.96 at 0.02 and at 0.01) ...
SMALL_DATA_LR = 0.05
#: ... and on a large sample, where at 0.05 the dense round on scaled digits fits 81 % of its training
#: data (84 % test accuracy) and at 0.01, 99 % (98 %).
LARGE_SAMPLE_LR = 0.01


def is_large_sample(X):
    """Whether ``X`` is sampled data (not a complete truth table) of at least :data:`LARGE_SAMPLE` samples."""
    return len(X) >= LARGE_SAMPLE and not is_complete_truth_table(X)


def output_kind(kind, classes):
    """The kind of output layer: ``"binary"`` (one logit) for two class labels, else ``kind``.

    Two classes need one output, the probability of the second, as in
    :class:`~sklearn.neural_network.MLPClassifier`: a second softmax output
    would carry nothing the first does not, and pruning would leave it as
    a module with no inputs.

    Parameters
    ----------
    kind : {"multiclass", "multilabel"}
        What :func:`~sksculpt._validation.check_targets` found.
    classes : ndarray
        The class labels, or the output columns.

    Returns
    -------
    kind : {"binary", "multiclass", "multilabel"}
    n_outputs : int
        Output units of the network.
    """
    if kind == "multiclass" and len(classes) == 2:
        return "binary", 1
    return kind, len(classes)


def output_names(kind, classes, y):
    """The names of a classifier's output units, or None where the targets give none.

    Parameters
    ----------
    kind : {"multiclass", "binary", "multilabel"}
        Class labels over one output per class; two class labels over one
        output, the probability of the second; or a 0/1 matrix.
    classes : ndarray
        The class labels (``classes_``).
    y : array-like
        The targets as the caller gave them: a multi-label DataFrame's
        columns name its outputs.

    Returns
    -------
    names : list of str or None

    Examples
    --------
    >>> import numpy as np
    >>> output_names("multiclass", np.array(["cat", "dog", "eel"]), None)
    ['cat', 'dog', 'eel']
    >>> output_names("binary", np.array(["benign", "malignant"]), None)
    ['malignant']
    """
    if kind == "multiclass":
        return [str(label) for label in classes]
    if kind == "binary":
        return [str(classes[1])]
    columns = getattr(y, "columns", None)
    return None if columns is None else [str(column) for column in columns]


@dataclass(frozen=True)
class CheckedTask:
    """The data and architecture of a fit, checked once, before any seed is drawn.

    Attributes
    ----------
    X_checked : ndarray of float32
        The inputs.
    targets : ndarray
        Encoded class indices (int64) or the 0/1 multi-label matrix (float32).
    kind : {"multiclass", "multilabel"}
    classes : ndarray
        Class labels; for multi-label targets, the output column indices.
    hidden_layer_sizes : tuple of int
    detector : ModuleDetector
        A validated, unfitted detector.
    X : array-like
        The inputs as the caller gave them (their feature names are kept).
    sample_weight : ndarray of float64 or None
        The weight of each sample of ``X_checked``; samples of weight 0 are
        already left out. None: every sample counts once.
    input_names, output_names : list of str or None
        The names of the input columns (a DataFrame's) and of the outputs
        (class labels, a multi-label DataFrame's columns), where the data
        have them.
    """

    X_checked: np.ndarray
    targets: np.ndarray
    kind: str
    classes: np.ndarray
    hidden_layer_sizes: tuple
    detector: object
    X: object
    sample_weight: np.ndarray | None = None
    input_names: list | None = None
    output_names: list | None = None


@dataclass(frozen=True)
class SculptingProblem:
    """What sculpting needs once data and parameters are checked.

    Attributes
    ----------
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
        the weights, each of mean 1, are None when every sample counts the same.
    net_params : dict
        Keyword arguments of :class:`~sksculpt._engine.SculptingNet`.
    seeds : list of int
        Seeds of the three stages (dense round, unit stage, edge stage).
    random_state : int, RandomState instance or None
        The ``random_state`` they come from.
    classes : ndarray
        Class labels; for multi-label targets, the output column indices.
    detector : ModuleDetector
        A validated, unfitted detector.
    X : array-like
        The inputs as the caller gave them (their feature names are kept).
    input_names, output_names : list of str or None
        The names that the modules get (see :class:`CheckedTask`).
    """

    data: tuple
    net_params: dict
    seeds: list
    random_state: object
    classes: np.ndarray
    detector: object
    X: object
    input_names: list | None = None
    output_names: list | None = None

    def threads(self):
        """A context running torch on one thread for nets of at most
        :data:`SINGLE_THREAD_MAX_WEIGHTS` weights, on all threads otherwise."""
        return threads_for(n_weights(
            self.net_params["module__n_features"], self.net_params["module__hidden_layer_sizes"],
            self.net_params["module__n_outputs"],
        ))


def check_task(estimator, X, y, prune_steps=None, caller=None, sample_weight=None):
    """Check the parameters and data once; return them as a :class:`CheckedTask`.

    Sets nothing on the estimator. :func:`make_problem` turns the result
    into the problem of one seed, cheaply, so a search checks its data once.
    ``prune_steps`` (parameter name to its values) are checked against
    the network's size; None checks ``unit_prune_step`` and ``edge_prune_step``.
    Messages name ``caller`` (an estimator; None: ``estimator``).
    """
    caller = estimator if caller is None else caller
    hidden_layer_sizes = check_hidden_layer_sizes(estimator.hidden_layer_sizes)
    check_device(estimator.device)
    detector = ModuleDetector() if estimator.detector is None else clone(estimator.detector)
    try:
        detector._validate_params()
    except InvalidParameterError as error:
        raise InvalidParameterError(f"The detector of {type(caller).__name__} is invalid: {error}") from None
    y_given = y
    X_checked, y = check_X_y(
        X, y, multi_output=True, dtype=np.float32, order="C", ensure_min_samples=2, estimator=caller
    )
    weight, kept = check_sample_weight(sample_weight, X_checked, caller)
    if kept is not None:
        X_checked, y = X_checked[kept], y[kept]
    y, kind = check_targets(y)
    if kind == "multilabel":
        classes = np.arange(y.shape[1])
        targets = y.astype(np.float32)
    else:
        encoder = LabelEncoder().fit(y)
        classes = encoder.classes_
        targets = encoder.transform(y).astype(np.int64)
        if estimator.validation_fraction not in (None, "auto"):
            check_stratifiable(targets, classes, estimator.validation_fraction)
    check_tolerances(estimator)
    if prune_steps is None:
        prune_steps = {"unit_prune_step": [estimator.unit_prune_step], "edge_prune_step": [estimator.edge_prune_step]}
    n_outputs = output_kind(kind, classes)[1]
    check_prune_steps(prune_steps, hidden_layer_sizes, n_weights(X_checked.shape[1], hidden_layer_sizes, n_outputs))
    feature_names = _get_feature_names(X)
    return CheckedTask(
        X_checked, targets, kind, classes, hidden_layer_sizes, detector, X, weight,
        input_names=None if feature_names is None else feature_names.tolist(),
        output_names=output_names(output_kind(kind, classes)[0], classes, y_given),
    )


def make_problem(estimator, task, random_state):
    """The :class:`SculptingProblem` of one seed of a :class:`CheckedTask`."""
    rng = check_random_state(random_state)
    data = split_data(estimator, task.X_checked, task.targets, task.kind, rng, task.sample_weight)
    target_kind, n_outputs = output_kind(task.kind, task.classes)
    if target_kind == "binary":  # the one output's 0/1 target: is it the second class?
        data = (data[0], data[1][:, None].astype(np.float32), data[2], data[3][:, None].astype(np.float32), *data[4:])
    seeds = [int(seed) for seed in np.random.SeedSequence(rng.randint(np.iinfo(np.int32).max)).generate_state(3)]
    n_features = task.X_checked.shape[1]
    net_params = dict(
        module=MaskedMLP,
        module__n_features=n_features,
        module__hidden_layer_sizes=task.hidden_layer_sizes,
        module__n_outputs=n_outputs,
        target_kind=target_kind,
        classes=task.classes if task.kind == "multiclass" else None,
        optimizer=StackedAdam,
        optimizer__weight_decay=estimator.weight_decay,
        lr=learning_rate(estimator, task.X_checked),
        batch_size=estimator.batch_size,
        max_epochs=estimator.max_epochs,
        input_noise=estimator.input_noise,
        train_surviving_only=n_weights(n_features, task.hidden_layer_sizes, n_outputs) > SINGLE_THREAD_MAX_WEIGHTS,
        device=estimator.device,
        verbose=0,
        callbacks=[EpochProgress(partial(print, flush=True))] if estimator.verbose >= 2 else None,
    )
    return SculptingProblem(
        data, net_params, seeds, random_state, task.classes, task.detector, task.X, task.input_names,
        task.output_names,
    )


def split_data(estimator, X, y, kind, rng, sample_weight=None):
    """``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``: the check data are
    held out or the training data; the weights of each part scaled to a mean of 1 (see
    :func:`~sksculpt._weights.unit_mean_weights`)."""
    fraction = validation_fraction(estimator, X, y, kind)
    if fraction is None:
        weight = unit_mean_weights(sample_weight)
        return X, y, X, y, weight, weight
    stratify = y if kind == "multiclass" else None
    arrays = (X, y) if sample_weight is None else (X, y, sample_weight)
    try:
        X_train, X_check, y_train, y_check, *weights = train_test_split(
            *arrays, test_size=fraction, stratify=stratify, random_state=rng
        )
    except ValueError as error:
        raise ValueError(
            f"Cannot hold out validation_fraction={fraction} of {len(X)} samples "
            f"({error}). Use more samples, another fraction, or validation_fraction=None."
        ) from error
    train_weight, check_weight = weights or (None, None)
    return X_train, y_train, X_check, y_check, unit_mean_weights(train_weight), unit_mean_weights(check_weight)


def validation_fraction(estimator, X, y, kind):
    """``validation_fraction``, or for "auto" :data:`SAMPLE_VALIDATION_FRACTION` of a large sample
    (:func:`is_large_sample`) and none otherwise: a complete truth table is the whole task, and a
    held-out fifth of fewer samples is too small for the paired test to see a loss of a few percent,
    so the training data check the steps. None too where a class of one sample cannot be split."""
    if estimator.validation_fraction != "auto":
        return estimator.validation_fraction
    if not is_large_sample(X) or (kind == "multiclass" and np.bincount(y).min() < 2):
        return None
    return SAMPLE_VALIDATION_FRACTION


def learning_rate(estimator, X):
    """``lr``, or its default chosen from the data: :data:`LARGE_SAMPLE_LR` on a large sample
    (:func:`is_large_sample`), :data:`SMALL_DATA_LR` otherwise."""
    if estimator.lr is not None:
        return estimator.lr
    return LARGE_SAMPLE_LR if is_large_sample(X) else SMALL_DATA_LR


def stage_threshold(estimator, data):
    """``accuracy_threshold`` as the stages take it: a float, or None for the paired test.

    None, the default, is chosen from the check data: 1.0 on a complete
    truth table, and with ``accuracy_tolerance``; the paired test on a
    sample (held out, or a training set that is not the whole table).
    """
    if estimator.accuracy_threshold is not None:
        return estimator.accuracy_threshold
    if estimator.accuracy_tolerance is not None or is_complete_truth_table(data[2]):
        return 1.0
    return None


def stage_rules_of(estimator, dense, data):
    """The acceptance rules of the unit stage and of the edge stage, set by the dense round's
    :class:`~sksculpt._engine.StageResult` (see :func:`~sksculpt._engine.stage_rules`)."""
    [unit_rule], [edge_rule] = stage_rules(
        [dense], stage_threshold(estimator, data), estimator.accuracy_tolerance, estimator.unit_accuracy_tolerance,
        estimator.acceptance_alpha, data[5],
    )
    return unit_rule, edge_rule


def check_tolerances(estimator):
    """``unit_accuracy_tolerance`` needs ``accuracy_tolerance`` and may not exceed it."""
    if estimator.unit_accuracy_tolerance is None:
        return
    if estimator.accuracy_tolerance is None:
        raise ValueError(
            f"unit_accuracy_tolerance={estimator.unit_accuracy_tolerance} needs accuracy_tolerance, the "
            "tolerance of the edge stage; set accuracy_tolerance too (or leave unit_accuracy_tolerance None)."
        )
    if estimator.unit_accuracy_tolerance > estimator.accuracy_tolerance:
        raise ValueError(
            f"unit_accuracy_tolerance={estimator.unit_accuracy_tolerance} exceeds accuracy_tolerance="
            f"{estimator.accuracy_tolerance}: the unit stage would end below the bar every edge-pruning step "
            "must reach. Set unit_accuracy_tolerance at most accuracy_tolerance (about half of it keeps "
            "room for edge pruning)."
        )
