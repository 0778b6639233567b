"""SculptingClassifier: train an MLP and sculpt it, as one scikit-learn classifier."""

import os
import warnings
from dataclasses import dataclass
from functools import partial
from numbers import Integral, Real

import networkx as nx
import numpy as np
import torch
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context, clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, InvalidParameterError, StrOptions
from sklearn.utils.validation import _get_feature_names, check_is_fitted, check_X_y, validate_data

from skorch.history import History

from ._mlp import MaskedMLP, n_weights
from ._net import StackedAdam
from ._progress import EpochProgress
from ._records import warn_if_stalled
from ._sculpting import build_net, dense_stage, pruning_stage, stage_rules
from ._threads import SINGLE_THREAD_MAX_WEIGHTS, threads_for
from ._weights import check_sample_weight, unit_mean_weights
from ._validation import (
    StrictInterval,
    check_device,
    check_hidden_layer_sizes,
    check_stratifiable,
    check_memory_location,
    check_prune_steps,
    check_targets,
)
from .detection import ModuleDetector
from .detection._cleanup import remove_dead_units
from .detection._names import name_modules, output_names
from .pruning import AccuracyBar, density, is_complete_truth_table


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


def _bar(rule):
    """The check accuracy an acceptance rule asks for: its threshold, or NaN for the paired test."""
    return rule.threshold if isinstance(rule, AccuracyBar) else float("nan")


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


def loss_curves(history):
    """The training loss of every epoch, per stage, from a sculpting net's history.

    Parameters
    ----------
    history : skorch.history.History or list of dict
        One entry per epoch, with its ``stage`` and ``train_loss``.

    Returns
    -------
    curves : dict of str to list of float
        ``"dense"``, ``"units"`` and ``"edges"`` (the stages that trained) to
        the training loss of each of their epochs, in order.
    """
    curves = {}
    for entry in history:
        curves.setdefault(entry["stage"], []).append(entry["train_loss"])
    return curves


def with_default_detector(params, detector):
    """``params`` with a default :class:`ModuleDetector` added when they set ``detector__*``
    parameters while the estimator's ``detector`` is None."""
    nested = any(key.startswith("detector__") for key in params)
    if nested and params.get("detector", detector) is None:
        return {**params, "detector": ModuleDetector()}
    return params


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
        Keyword arguments of :class:`~sksculpt._net.SculptingNet`.
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


class SculptingClassifier(ClassifierMixin, BaseEstimator):
    """A ReLU MLP trained and then sculpted by pruning, to reveal a task's modules.

    ``fit`` trains a dense MLP (a skorch net, ``net_``) for one round, then
    sculpts it as Neural Sculpting does (Patil et al., 2023): iterative
    hidden-unit pruning by loss sensitivity, then iterative edge pruning by
    weight magnitude. Every step prunes to a cumulative target percentage,
    retrains one round and is accepted only while the network keeps the
    dense network's accuracy: on a complete truth table, every output bit
    right (``accuracy_threshold``, as the paper does); on sampled data,
    unless its check decisions are significantly worse than the dense
    network's (a paired test at ``acceptance_alpha``). A rejected step
    restores the last accepted network and halves the step. The sculpted
    connectivity is left in ``masks_``.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(24, 24)
        Width of each hidden layer, as in :class:`~sklearn.neural_network.MLPClassifier`.
    lr : float or None, default=None
        Adam's learning rate (paper: 0.05 to 0.1 on Boolean tasks, 0.001 on
        digit images). None chooses it from the data: 0.05 on a complete
        truth table (every combination of binary inputs once) and on fewer
        than 1,000 samples, 0.01 on more, where 0.05 leaves the dense round
        on scaled digits at 81 % of its training data against 99 % (see
        "Tabular data" in the user guide).
    batch_size : int, default=8
        Mini-batch size.
    max_epochs : int, default=10
        Epochs per training round. Each round keeps its best epoch (highest
        check accuracy, ties to the lower check loss).
    weight_decay : float, default=1e-4
        Adam's L2 weight decay.
    input_noise : float, default=0.1
        Standard deviation of the Gaussian noise added afresh to the training
        inputs each time they are drawn; checks use clean inputs.
    unit_prune_step : float, default=50.0
        P_u, the step of the unit-pruning schedule, in percent of hidden units.
    edge_prune_step : float, default=1.5
        P_e, the step of the edge-pruning schedule, in percent of all edges.
    accuracy_threshold : float or None, default=None
        A pruning step is accepted when the check accuracy is at least this
        fraction (1.0: every output bit right, as the paper requires). None
        chooses the rule from the check data: 1.0 when they are a complete
        truth table (the training data, when they list every combination of
        their binary inputs once), the paired test of ``acceptance_alpha``
        when they are a sample.
    accuracy_tolerance : float or None, default=None
        For data no network gets perfectly right (images, noisy labels): a
        pruning step is accepted while its check accuracy stays within this
        much of the dense round's, e.g. 0.005 for half a percentage point.
        The bar is then ``min(accuracy_threshold, dense accuracy -
        accuracy_tolerance)`` (see :func:`sksculpt.pruning.acceptance_threshold`)
        and is kept in ``acceptance_threshold_`` (``accuracy_threshold=None``
        caps it at 1.0). None: ``accuracy_threshold`` alone.
    unit_accuracy_tolerance : float or None, default=None
        The tolerance of the unit-pruning stage alone, at most
        ``accuracy_tolerance``; None uses ``accuracy_tolerance``. Unit pruning
        goes on until its bar is reached, so with one bar for both stages the
        edge stage starts at the bar and, on data whose check accuracy varies
        from one training round to the next, most of its steps fail by chance.
        A smaller unit tolerance keeps the difference in reserve for edge
        pruning; about half of ``accuracy_tolerance`` works on image pairs
        (see "Real data" in the user guide).
    acceptance_alpha : float in (0, 1), default=0.5
        The level of the paired test that accepts pruning steps on sampled
        data (when ``accuracy_threshold`` and ``accuracy_tolerance`` are
        None and the check data are not a complete truth table). A step is
        rejected when its check decisions are significantly worse than the
        dense network's: of the decisions the two disagree on, the pruned
        network gets ``b`` wrong and ``c`` right, and the one-sided exact
        McNemar p-value ``P(B >= b)``, ``B ~ Binomial(b + c, 1/2)``, is below
        ``acceptance_alpha`` (:func:`sksculpt.pruning.paired_p_value`).
        Unlike a tolerance in fractions, the test weighs the evidence, not
        the size of the check set. A larger level rejects more readily and
        keeps accuracy closer to the dense network's; a smaller one prunes
        further. At 0.5 a step is rejected once it loses two decisions more
        than it gains; at the customary 0.05, once it loses five and gains
        none, and on a check set of a few hundred samples a step can then
        cost 3 % of accuracy unnoticed (scaled digits: 0.91 mean test
        accuracy over 5 folds against 0.95 at 0.5, and the MLP's 0.96; see
        "Tabular data" in the user guide).
    detector : ModuleDetector or None, default=None
        Cloned and fitted to the sculpted masks at the end of ``fit`` (its
        parameters are checked before training); None means
        ``ModuleDetector()``. Nested parameters tune it, e.g.
        ``set_params(detector__merge_threshold=0.6)`` or a ``GridSearchCV``
        grid over ``detector__merge_threshold``; with ``detector=None`` they
        apply to a default ``ModuleDetector``.
    validation_fraction : float, None or "auto", default="auto"
        Share of the samples held out to check accuracy. None checks on the
        training data itself, as the paper does with complete truth tables.
        "auto" chooses from the data: 0.2 (stratified for class labels) of
        sampled data of at least 1,000 samples, where the training data
        would judge how well a pruned network fits, not how well it
        predicts; None on a complete truth table, and on fewer samples, whose
        held-out fifth would be too small for the paired test of
        ``acceptance_alpha`` to see a loss (see "Tabular data" in the user
        guide).
    device : str or torch.device, default="cpu"
        Torch device of the net: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``.
        ``fit`` checks that this machine has it before training.
    random_state : int, RandomState instance or None, default=None
        Seeds initialisation, batch order, input noise and the validation
        split. On the CPU the same integer gives the same masks and
        predictions, bit for bit, for a net of at most 65,536 weights
        (``SINGLE_THREAD_MAX_WEIGHTS``; the Boolean tasks' nets are far
        smaller): such a net always trains on one thread, so the result does
        not depend on the machine or on joblib's ``n_jobs``. A larger net
        trains on ``torch.get_num_threads()`` threads, and the order of its
        floating-point sums, hence its result, can change with that number:
        it is reproduced bit for bit with the same number of threads (joblib
        workers lower it, so compare runs with the same ``n_jobs``, or fix it
        with ``torch.set_num_threads``). A larger net also trains each round
        on the units that pruning has left only, so its cost follows its
        pruned size; in a :class:`SculptingClassifierCV` grid, those are the
        units any network of the stack still uses, which can change the last
        bits of a network's sums against its lone fit.
    verbose : int, default=0
        1 prints a line per pruning step (stage, target, accuracy, density);
        2 also a line per training epoch (round, losses, check accuracy,
        time), so a long fit on images is seen to move.
    memory : str, os.PathLike, joblib.Memory or None, default=None
        Caches the dense training round and the unit-pruning stage, as
        :class:`~sklearn.pipeline.Pipeline` caches transformers. The dense
        round does not depend on ``unit_prune_step`` or ``edge_prune_step``,
        nor the unit stage on ``edge_prune_step``, so a grid search over them
        with one shared cache trains each only once. Results are identical to
        an uncached fit. A string or path is the cache folder.

    Attributes
    ----------
    net_ : SculptingNet
        The trained skorch net holding the sculpted MLP, a :class:`torch.nn.Module`. Its
        ``history`` has every epoch of every training round.
    masks_ : list of ndarray of bool
        One per weight layer, shape ``(units in, units out)``; ``masks_[l][i, j]``
        is True where the edge from unit i of layer l to unit j of layer l+1
        survives. Layer 0 is the input.
    sculpt_history_ : list of SculptRecord
        One record per step: the dense round, then each unit- and edge-pruning
        step (stage, target percent, accuracy, accepted, edges and units left,
        density).
    density_ : float
        Share of weights left, in [0, 1].
    acceptance_threshold_ : float
        The check accuracy each pruning step had to reach:
        ``accuracy_threshold`` (1.0 chosen for a complete truth table), or
        with ``accuracy_tolerance`` the bar that the dense round's accuracy
        set; NaN where the paired test accepted the steps, which sets no
        single bar.
    unit_acceptance_threshold_ : float
        The bar of the unit-pruning steps: ``acceptance_threshold_`` unless
        ``unit_accuracy_tolerance`` sets a higher one.
    detector_ : ModuleDetector
        The fitted detector.
    modules_ : list of Module
        The detected modules (``detector_.modules_``, which the fit names), named after the
        data's columns and classes where they have names: each module's
        ``input_names`` (from a DataFrame's columns, ``feature_names_in_``)
        and ``output_names`` (class labels, or a multi-label DataFrame's
        columns) beside its integer ``inputs`` and ``outputs``.
    hierarchy_ : networkx.DiGraph
        The module graph (``detector_.hierarchy_``), its nodes carrying the
        same ``input_names`` and ``output_names``, and the graph the names of
        every input and output (graph attributes ``input_names`` and
        ``output_names``); see :func:`~sksculpt.detection.name_modules`.
    feature_names_in_ : ndarray of str
        The column names of ``X``, when it is a DataFrame with string column
        names.
    classes_ : ndarray
        Class labels; for multi-label targets, the output column indices.
    n_features_in_ : int
        Number of input features.
    n_outputs_ : int
        Number of output units: one per class, one per multi-label column,
        and one for two classes (see Notes).
    n_iter_ : int
        Epochs trained in all, over every training round of every stage (the
        dense round, each pruning step's retraining, the edge stage's first
        round): ``max_epochs`` per round. As for
        :class:`~sklearn.neural_network.MLPClassifier`, the number of passes
        over the training data.
    loss_curve_ : dict of str to list of float
        The training loss of every epoch, per stage: ``"dense"``, ``"units"``
        and ``"edges"``, read from ``net_.history`` (one entry per epoch,
        with its stage, round, check accuracy and check loss as well).
        ``sum(len(curve) for curve in loss_curve_.values()) == n_iter_``. The
        loss rises as pruning removes what the network used, and falls
        again as each round retrains it.

    See Also
    --------
    ModuleDetector : Modules and their hierarchy from sculpted connectivity.
    sklearn.neural_network.MLPClassifier : The dense MLP this mirrors.

    Notes
    -----
    Two classes get one output unit, the probability of the second class
    (a sigmoid, binary cross-entropy), as in
    :class:`~sklearn.neural_network.MLPClassifier`; ``predict_proba`` still
    returns both columns. With two softmax outputs, only their difference
    matters: pruning would strip one of them of every input and the module
    graph would show it as a module that reads nothing. With one output, the
    module graph has one output module, named after the second class.

    ``score`` is scikit-learn's accuracy: for multi-label targets the share of
    samples with *every* output right (subset accuracy). The check accuracy
    that decides pruning steps counts output bits, as the paper does; both are
    1.0 together.

    References
    ----------
    S. M. Patil, L. Michael, C. Dovrolis. "Neural Sculpting: Uncovering
    hierarchically modular task structure in neural networks through pruning
    and network analysis". NeurIPS 2023. arXiv:2305.18402.

    Examples
    --------
    >>> from sksculpt import SculptingClassifier
    >>> from sksculpt.datasets import make_boolean_task
    >>> X, y = make_boolean_task("input_separable", return_X_y=True)
    >>> clf = SculptingClassifier(unit_prune_step=65, edge_prune_step=1.5, random_state=0)
    >>> clf.fit(X, y).score(X, y)
    1.0
    """

    def __init__(
        self,
        hidden_layer_sizes=(24, 24),
        *,
        lr=None,
        batch_size=8,
        max_epochs=10,
        weight_decay=1e-4,
        input_noise=0.1,
        unit_prune_step=50.0,
        edge_prune_step=1.5,
        accuracy_threshold=None,
        accuracy_tolerance=None,
        unit_accuracy_tolerance=None,
        acceptance_alpha=0.5,
        detector=None,
        validation_fraction="auto",
        device="cpu",
        random_state=None,
        verbose=0,
        memory=None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.lr = lr
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.weight_decay = weight_decay
        self.input_noise = input_noise
        self.unit_prune_step = unit_prune_step
        self.edge_prune_step = edge_prune_step
        self.accuracy_threshold = accuracy_threshold
        self.accuracy_tolerance = accuracy_tolerance
        self.unit_accuracy_tolerance = unit_accuracy_tolerance
        self.acceptance_alpha = acceptance_alpha
        self.detector = detector
        self.validation_fraction = validation_fraction
        self.device = device
        self.random_state = random_state
        self.verbose = verbose
        self.memory = memory

    _parameter_constraints: dict = {
        "hidden_layer_sizes": [tuple, list, np.ndarray, StrictInterval(Integral, 1, None, closed="left")],
        "lr": [StrictInterval(Real, 0, None, closed="neither"), None],
        "batch_size": [StrictInterval(Integral, 1, None, closed="left")],
        "max_epochs": [StrictInterval(Integral, 1, None, closed="left")],
        "weight_decay": [StrictInterval(Real, 0, None, closed="left")],
        "input_noise": [StrictInterval(Real, 0, None, closed="left")],
        "unit_prune_step": [StrictInterval(Real, 0, 100, closed="neither")],
        "edge_prune_step": [StrictInterval(Real, 0, 100, closed="neither")],
        "accuracy_threshold": [StrictInterval(Real, 0, 1, closed="right"), None],
        "accuracy_tolerance": [StrictInterval(Real, 0, 1, closed="left"), None],
        "unit_accuracy_tolerance": [StrictInterval(Real, 0, 1, closed="left"), None],
        "acceptance_alpha": [StrictInterval(Real, 0, 1, closed="neither")],
        "detector": [ModuleDetector, None],
        "validation_fraction": [StrictInterval(Real, 0, 1, closed="neither"), None, StrOptions({"auto"})],
        "device": [str, torch.device],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "memory": [None, str, os.PathLike, HasMethods(["cache"])],
    }

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        tags.target_tags.multi_output = True
        return tags

    def set_params(self, **params):
        """Set the parameters of this estimator.

        As :meth:`sklearn.base.BaseEstimator.set_params`; in addition, nested
        ``detector__*`` parameters work while ``detector`` is None (the
        default), on a default :class:`ModuleDetector`, so that a grid over
        ``detector__merge_threshold`` needs no explicit detector.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : SculptingClassifier
            This estimator.
        """
        return super().set_params(**with_default_detector(params, self.detector))

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Train the MLP, sculpt it, and detect its modules.

        Every parameter and both arrays are checked before any training. The
        fitted attributes are set together once everything succeeded: a fit
        that fails (or is interrupted) leaves the estimator as it was.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs (for Boolean tasks, the complete truth table).
        y : array-like or sparse matrix of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or a 0/1 multi-label indicator matrix.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the samples, as in
            :meth:`sklearn.neural_network.MLPClassifier.fit`: each sample's
            loss is multiplied by its weight in training, and the check
            accuracy that accepts or rejects pruning steps (and picks each
            round's best epoch) is the weighted share of right decisions.
            Samples of weight 0 are left out, as if not passed; equal weights
            give exactly the unweighted fit. None: every sample counts once.

        Returns
        -------
        self : SculptingClassifier
            The fitted classifier.

        Raises
        ------
        ValueError
            Before training, for a parameter out of its range (an
            ``InvalidParameterError``, also a TypeError, naming the parameter
            and what it must be), a device this machine lacks, or arrays that
            cannot be a task (NaN, wrong shapes, targets that are neither class
            labels nor a 0/1 matrix, a single class). After training, when the
            accuracy threshold let pruning remove every input-to-output path.
        """
        problem = self._prepare(X, y, sample_weight)
        with problem.threads():
            results = self._sculpt(problem.net_params, problem.data, problem.seeds)
            return self._set_sculpted(problem, results)

    def _prepare(self, X, y, sample_weight=None):
        """Check the parameters and data; return what sculpting needs as a :class:`SculptingProblem`.

        Sets nothing on the estimator.
        """
        return self._problem(self._check_task(X, y, sample_weight=sample_weight), self.random_state)

    def _check_task(self, X, y, prune_steps=None, caller=None, sample_weight=None):
        """Check the parameters and data once; return them as a :class:`CheckedTask`.

        Sets nothing on the estimator. :meth:`_problem` turns the result into
        the problem of one seed, cheaply, so a search checks its data once.
        ``prune_steps`` (parameter name to its values) are checked against
        the network's size; None checks ``unit_prune_step`` and ``edge_prune_step``.
        Messages name ``caller`` (an estimator; None: this one).
        """
        caller = self if caller is None else caller
        hidden_layer_sizes = check_hidden_layer_sizes(self.hidden_layer_sizes)
        check_device(self.device)
        detector = ModuleDetector() if self.detector is None else clone(self.detector)
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
            if self.validation_fraction not in (None, "auto"):
                check_stratifiable(targets, classes, self.validation_fraction)
        self._check_tolerances()
        if prune_steps is None:
            prune_steps = {"unit_prune_step": [self.unit_prune_step], "edge_prune_step": [self.edge_prune_step]}
        n_outputs = output_kind(kind, classes)[1]
        check_prune_steps(prune_steps, hidden_layer_sizes, n_weights(X_checked.shape[1], hidden_layer_sizes, n_outputs))
        feature_names = _get_feature_names(X)
        return CheckedTask(
            X_checked, targets, kind, classes, hidden_layer_sizes, detector, X, weight,
            input_names=None if feature_names is None else feature_names.tolist(),
            output_names=output_names(output_kind(kind, classes)[0], classes, y_given),
        )

    def _problem(self, task, random_state):
        """The :class:`SculptingProblem` of one seed of a :class:`CheckedTask`."""
        rng = check_random_state(random_state)
        data = self._split(task.X_checked, task.targets, task.kind, rng, task.sample_weight)
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
            optimizer__weight_decay=self.weight_decay,
            lr=self._learning_rate(task.X_checked),
            batch_size=self.batch_size,
            max_epochs=self.max_epochs,
            input_noise=self.input_noise,
            train_surviving_only=n_weights(n_features, task.hidden_layer_sizes, n_outputs) > SINGLE_THREAD_MAX_WEIGHTS,
            device=self.device,
            verbose=0,
            callbacks=[EpochProgress(partial(print, flush=True))] if self.verbose >= 2 else None,
        )
        return SculptingProblem(
            data, net_params, seeds, random_state, task.classes, task.detector, task.X, task.input_names,
            task.output_names,
        )

    def _set_sculpted(self, problem, results, allow_pathless=False):
        """Set every fitted attribute from the stage results of one network, its modules detected.

        Everything is computed first and the attributes are set together, so a
        failure leaves the estimator as it was. A network left with no path
        from an input to an output raises, unless ``allow_pathless`` (a
        member of a search's grid), where it gets no modules and an empty
        module graph.
        """
        with torch.random.fork_rng(devices=[]):  # initialisation is overwritten by the state
            net = build_net({**problem.net_params, "callbacks": None}, [0], [results[-1].state])
        net.history = History([entry for result in results for entry in result.history])
        masks = net.module_.get_masks()
        unit_bar, bar = (_bar(rule) for rule in self._rules(results[0], problem.data))
        pathless = not any(mask.any() for mask in remove_dead_units(masks)[0])
        if pathless and not allow_pathless:
            if np.isnan(bar):
                setting = f"the paired test at acceptance_alpha={self.acceptance_alpha}"
            elif self.accuracy_tolerance is None:
                setting = f"accuracy_threshold={bar}"
            else:
                setting = f"accuracy_tolerance={self.accuracy_tolerance} (a bar of {bar:.4g})"
            raise ValueError(
                f"With {setting}, pruning was accepted until no "
                "path from an input to an output survived (a net that ignores its inputs reached "
                "the bar), so there are no modules to detect. Raise accuracy_threshold (or lower "
                "accuracy_tolerance, or raise acceptance_alpha) to what only a net that uses its "
                "inputs reaches (1.0 on a complete truth table)."
            )
        detector = clone(problem.detector)
        if pathless:
            modules, hierarchy = [], nx.DiGraph(n_inputs=masks[0].shape[0], n_outputs=masks[-1].shape[1])
        else:
            detector.fit(masks)
            detector.modules_, detector.hierarchy_ = name_modules(
                detector.modules_, detector.hierarchy_, problem.input_names, problem.output_names
            )
            modules, hierarchy = detector.modules_, detector.hierarchy_

        validate_data(self, problem.X, reset=True, skip_check_array=True)  # n_features_in_, feature_names_in_
        self.classes_ = problem.classes
        self.n_outputs_ = problem.net_params["module__n_outputs"]
        self.net_ = net
        self.sculpt_history_ = [record for result in results for record in result.records]
        self.masks_ = masks
        self.density_ = density(masks)
        self.acceptance_threshold_ = bar
        self.unit_acceptance_threshold_ = unit_bar
        self.detector_ = detector
        self.modules_ = modules
        self.hierarchy_ = hierarchy
        self.n_iter_ = len(net.history)
        self.loss_curve_ = loss_curves(net.history)
        return self

    def _split(self, X, y, kind, rng, sample_weight=None):
        """``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``: the check data are
        held out or the training data; the weights of each part scaled to a mean of 1 (see
        :func:`~sksculpt._weights.unit_mean_weights`)."""
        fraction = self._validation_fraction(X, y, kind)
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

    def _sculpt(self, net_params, data, seeds):
        """Dense round, unit stage, edge stage; the first two through ``memory``.

        As in the reference implementation, pruning starts from the dense round
        even when it falls short of the threshold: every pruning step retrains,
        and the first step that reaches the threshold is accepted.

        The dense round does not depend on P_u or P_e, nor the unit stage on
        P_e, so a grid search over them with a shared ``memory`` computes each
        only once; every stage is seeded on its own, so cached and fresh
        results are identical.
        """
        memory = check_memory_location(self.memory)
        [dense] = memory.cache(dense_stage)(
            net_params, data, seeds[:1], self._stage_threshold(data), self.accuracy_tolerance
        )
        self._report(0, dense.records[0])
        unit_rule, edge_rule = self._rules(dense, data)
        unit_args = (net_params, data, [dense.state], "units", [self.unit_prune_step], seeds[1:2], [unit_rule])
        cached_units = memory.cache(pruning_stage, ignore=["report"])
        if self.verbose and cached_units.check_call_in_cache(*unit_args):
            print("[sksculpt] unit pruning stage loaded from memory", flush=True)
        [units] = cached_units(*unit_args, report=self._report)
        [edges] = pruning_stage(
            net_params, data, [units.state], "edges", [self.edge_prune_step], seeds[2:], [edge_rule],
            retrain_first=True, report=self._report,
        )
        if not any(record.accepted for result in (dense, units, edges) for record in result.records):
            warnings.warn(
                f"The network never reached accuracy_threshold={edge_rule.threshold:.4g} (dense round: "
                f"{dense.records[0].accuracy:.4f}; best pruning step: "
                f"{np.nanmax([r.accuracy for r in units.records + edges.records]):.4f}), so it is "
                "left unpruned. Train longer (max_epochs), widen hidden_layer_sizes, tune lr, "
                "lower accuracy_threshold, or set accuracy_tolerance to follow the dense round.",
                ConvergenceWarning,
            )
        warn_if_stalled([record for result in (dense, units, edges) for record in result.records])
        return [dense, units, edges]

    def _validation_fraction(self, X, y, kind):
        """``validation_fraction``, or for "auto" :data:`SAMPLE_VALIDATION_FRACTION` of a large sample
        (:func:`is_large_sample`) and none otherwise: a complete truth table is the whole task, and a
        held-out fifth of fewer samples is too small for the paired test to see a loss of a few percent,
        so the training data check the steps. None too where a class of one sample cannot be split."""
        if self.validation_fraction != "auto":
            return self.validation_fraction
        if not is_large_sample(X) or (kind == "multiclass" and np.bincount(y).min() < 2):
            return None
        return SAMPLE_VALIDATION_FRACTION

    def _learning_rate(self, X):
        """``lr``, or its default chosen from the data: :data:`LARGE_SAMPLE_LR` on a large sample
        (:func:`is_large_sample`), :data:`SMALL_DATA_LR` otherwise."""
        if self.lr is not None:
            return self.lr
        return LARGE_SAMPLE_LR if is_large_sample(X) else SMALL_DATA_LR

    def _stage_threshold(self, data):
        """``accuracy_threshold`` as the stages take it: a float, or None for the paired test.

        None, the default, is chosen from the check data: 1.0 on a complete
        truth table, and with ``accuracy_tolerance``; the paired test on a
        sample (held out, or a training set that is not the whole table).
        """
        if self.accuracy_threshold is not None:
            return self.accuracy_threshold
        if self.accuracy_tolerance is not None or is_complete_truth_table(data[2]):
            return 1.0
        return None

    def _rules(self, dense, data):
        """The acceptance rules of the unit stage and of the edge stage, set by the dense round's
        :class:`~sksculpt._sculpting.StageResult` (see :func:`~sksculpt._sculpting.stage_rules`)."""
        [unit_rule], [edge_rule] = stage_rules(
            [dense], self._stage_threshold(data), self.accuracy_tolerance, self.unit_accuracy_tolerance,
            self.acceptance_alpha, data[5],
        )
        return unit_rule, edge_rule

    def _check_tolerances(self):
        """``unit_accuracy_tolerance`` needs ``accuracy_tolerance`` and may not exceed it."""
        if self.unit_accuracy_tolerance is None:
            return
        if self.accuracy_tolerance is None:
            raise ValueError(
                f"unit_accuracy_tolerance={self.unit_accuracy_tolerance} needs accuracy_tolerance, the "
                "tolerance of the edge stage; set accuracy_tolerance too (or leave unit_accuracy_tolerance None)."
            )
        if self.unit_accuracy_tolerance > self.accuracy_tolerance:
            raise ValueError(
                f"unit_accuracy_tolerance={self.unit_accuracy_tolerance} exceeds accuracy_tolerance="
                f"{self.accuracy_tolerance}: the unit stage would end below the bar every edge-pruning step "
                "must reach. Set unit_accuracy_tolerance at most accuracy_tolerance (about half of it keeps "
                "room for edge pruning)."
            )

    def _report(self, net, record):
        if self.verbose:
            print(
                f"[sksculpt] {record.stage:>5} target {record.target:7.3f}%  "
                f"accuracy {record.accuracy:.4f}  {'accepted' if record.accepted else 'rejected'}  "
                f"density {100 * record.density:6.2f}%  edges left {record.edges_left}  "
                f"units left {record.units_left}",
                flush=True,
            )

    def predict_proba(self, X):
        """Class probabilities (softmax), or for multi-label targets each output's probability (sigmoid).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        return self.net_.predict_proba(validate_data(self, X, reset=False, dtype=np.float32, order="C"))

    def predict_log_proba(self, X):
        """The logarithm of :meth:`predict_proba`, as in :class:`~sklearn.neural_network.MLPClassifier`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes) or (n_samples, n_outputs)
        """
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X):
        """Predicted class labels, or the 0/1 matrix of multi-label outputs.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        """
        check_is_fitted(self)
        return self.net_.predict(validate_data(self, X, reset=False, dtype=np.float32, order="C"))
