"""SculptingClassifier: train an MLP and sculpt it, as one scikit-learn classifier.

Longer than 400 lines because the class docstring documents eighteen
parameters, the fitted attributes and the method's reference; the work is in
:mod:`sksculpt._problem` (checks and data-chosen defaults) and
:mod:`sksculpt._sculpted` (sculpting on the engine, fitted attributes).
"""

import os
from numbers import Integral, Real

import numpy as np
import torch
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ._problem import check_task, make_problem
from ._sculpted import sculpt_one, set_sculpted
from ._validation import StrictInterval
from .detection import ModuleDetector


def with_default_detector(params, detector):
    """``params`` with a default :class:`ModuleDetector` added when they set ``detector__*``
    parameters while the estimator's ``detector`` is None."""
    nested = any(key.startswith("detector__") for key in params)
    if nested and params.get("detector", detector) is None:
        return {**params, "detector": ModuleDetector()}
    return params


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
        underfitting its training data (see "Tabular data" in the user guide).
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
        cost a few percent of accuracy unnoticed (see "Tabular data" in the
        user guide for the measurements).
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
        problem = make_problem(self, check_task(self, X, y, sample_weight=sample_weight), self.random_state)
        with problem.threads():
            return set_sculpted(self, problem, sculpt_one(self, problem))

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
