"""SculptingClassifierCV: sculpt over a grid of P_u x P_e (x seeds) and pick a network without the truth.

Longer than 400 lines because the class docstring documents the search's
parameters, its ``cv_results_`` columns and its support attributes, and the
estimator checks what a selection callable returns and says why a structure
is weak; the work is in :mod:`sksculpt._grid` (sculpting the grid),
:mod:`sksculpt._search_results` (the table), :mod:`sksculpt._folds` and
:mod:`sksculpt.model_selection` (the rules and support).
"""

import copy
import warnings
from dataclasses import replace
from numbers import Integral, Real

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ._classifier import SculptingClassifier, with_default_detector
from ._folds import check_folds
from ._grid import sculpt_chunk
from ._problem import check_task, make_problem
from ._progress import SearchProgress
from ._records import warn_if_stalled
from ._search_results import search_results, support_summary
from ._validation import StrictInterval, check_elements
from .exceptions import StructureWarning
from .model_selection import SELECTION_RULES, input_support, replicates, structure_support, weakest_support

#: The support below which a module of the reported structure raises a :class:`StructureWarning`.
DEFAULT_MIN_SUPPORT = 0.7

#: Most seeds a search may sculpt from.
MAX_SEEDS = 1000

#: The grid the paper searched in every trial.
PAPER_UNIT_PRUNE_STEPS = tuple(float(step) for step in range(5, 71, 5))
PAPER_EDGE_PRUNE_STEPS = (0.5, 1.0, 1.5, 2.0, 2.5)


def _shared_params():
    """Parameters passed on to every SculptingClassifier of the grid: those both estimators
    have, but the seed, the progress output and the cache, which the search handles."""
    shared = set(SculptingClassifier._get_param_names()) & set(SculptingClassifierCV._get_param_names())
    return sorted(shared - {"random_state", "verbose", "memory"})


class SculptingClassifierCV(ClassifierMixin, BaseEstimator):
    """Sculpting with P_u and P_e chosen in ``fit``, without knowing the task's structure.

    Sculpts one network per point of the grid ``unit_prune_steps`` x
    ``edge_prune_steps`` (and per seed, with ``n_seeds > 1``), all trained
    together (the dense round once per seed, the unit stage once per seed and
    P_u), detects the modules of each, and picks one network by a
    ``selection`` rule that needs no ground truth. Like
    :class:`~sklearn.linear_model.LogisticRegressionCV`, it is an estimator
    that chooses its own hyper-parameters; the chosen network is
    ``best_estimator_``, a fitted :class:`SculptingClassifier` identical to
    fitting ``SculptingClassifier`` with the chosen P_u and P_e directly.

    Parameters
    ----------
    hidden_layer_sizes, lr, batch_size, max_epochs, weight_decay, input_noise, accuracy_threshold, \
accuracy_tolerance, unit_accuracy_tolerance, acceptance_alpha, detector, validation_fraction, device
        As in :class:`SculptingClassifier`.
    unit_prune_steps : sequence of float, default=(5, 10, ..., 70)
        The P_u values to try, percent of hidden units (the paper's grid).
    edge_prune_steps : sequence of float, default=(0.5, 1.0, 1.5, 2.0, 2.5)
        The P_e values to try, percent of edges (the paper's grid).
    n_seeds : int or None, default=None
        Seeds sculpted at every grid point: None is 4 without ``cv`` (the
        paper ran 4) and 1 with it, where the folds resample the data. The
        picked network is always one of ``random_state``'s (seed 0); the
        other seeds and folds tell the selection rule which structures recur
        and give each module its support. At most 1,000.
    cv : int, cross-validation generator, iterable or None, default=None
        As in :class:`~sklearn.linear_model.LogisticRegressionCV`. None
        sculpts on all the data only, as the paper does with complete truth
        tables. Otherwise the grid is also sculpted on each fold's training
        part and scored on its held-out part: ``cv_results_`` gains each
        network's held-out accuracy, and the networks of every fold take part
        in the vote and the support (on sampled data, resampling is what
        makes support mean something). An int is a
        :class:`~sklearn.model_selection.StratifiedKFold` for class labels and
        a :class:`~sklearn.model_selection.KFold` for multi-label targets.
        The picked network is still sculpted on all the data. Complete truth
        tables have nothing to hold out: keep None there (or pass
        :class:`~sksculpt.model_selection.CompleteTableSplit`).
    selection : {"relay_free_vote", "majority", "seed_vote", "consensus", "sparsest"} or callable, \
            default="relay_free_vote"
        How the network is picked (see the user guide's "Finding the
        structure without knowing it"). The built-in rules consider only
        candidate networks: accurate ones with the fewest ``spurious_paths``
        (none, unless every accurate network of seed 0 has some).

        - ``"sparsest"``: the candidate network with the fewest edges
          (:func:`~sksculpt.model_selection.select_sparsest`);
        - ``"consensus"``: the structure found at most grid points
          (:func:`~sksculpt.model_selection.select_consensus`);
        - ``"seed_vote"``: the structure that recurs among each seed's
          sparsest candidate networks
          (:func:`~sksculpt.model_selection.select_seed_vote`);
        - ``"relay_free_vote"``: the same vote, with the recurring
          structures that have no relay module (a module holding nothing
          that passes on what one module computes) first, then those that
          hold outputs in the most modules, and a level added between the
          winner's modules where half of the seeds hold it apart
          (:func:`~sksculpt.model_selection.select_relay_free_vote`);
        - ``"majority"``: the majority-rule consensus, the modules that more
          than half of the seeds (and folds) find, read from a network that
          holds them (:func:`~sksculpt.model_selection.select_majority`);
        - a callable ``selection(cv_results) -> index`` of the row to pick,
          an integer index of a row of seed 0 sculpted on all the data. It
          gets a copy of ``cv_results_``.
    min_support : float in [0, 1], default=0.7
        A :class:`~sksculpt.StructureWarning` is issued when a module of the
        picked structure has a lower support (see ``hierarchy_``); 0 never
        warns. The default was chosen on the paper's tasks, where modules of
        the default rule's picks below it were often not the task's: the
        warning flags every pick holding such a module. A structure every
        seed reaches has high support, right or not, so the warning cannot
        flag that (the user guide's "How far to trust a structure").
    n_jobs : int or None, default=None
        Processes sculpting parts of the grid at once (joblib; ``-1`` uses
        every core). Parts are whole P_u values, so the unit stage is never
        computed twice; with one process the whole grid is one program.
    memory : str, joblib.Memory or None, default=None
        Caches each part of the grid: refitting with another ``selection``
        or ``detector`` costs no training.
    random_state : int, RandomState instance or None, default=None
        Seed 0's ``random_state``: the picked network is what
        ``SculptingClassifier(random_state=random_state)`` gives at the
        chosen P_u, P_e. The other seeds are drawn from it.
    verbose : int, default=0
        0 is silent. 1 prints one line on the whole search at most every 10
        seconds and when the last network is sculpted and detected: networks
        sculpted and detected of all, the stage sculpting is in, the time
        elapsed and about how long is left. 2 also prints a line
        as each network ends its unit stage and its edge stage (seed, P_u,
        P_e, edges left). With ``n_jobs`` processes, each part of the grid
        counts its own networks ("part 2 of 4: ...").

    Attributes
    ----------
    best_estimator_ : SculptingClassifier
        The chosen network, fitted.
    best_index_ : int
        Its row in ``cv_results_``.
    unit_prune_step_, edge_prune_step_ : float
        The chosen P_u and P_e.
    cv_results_ : dict of ndarray
        One row per network (seed-major, then P_u, then P_e), ready for
        ``pandas.DataFrame``: ``param_unit_prune_step``,
        ``param_edge_prune_step``, ``seed`` (0 is ``random_state``'s),
        ``random_state``, ``check_accuracy`` (of the network left),
        ``accurate`` (it passes its seed's acceptance rule: the bar of
        ``acceptance_threshold_``, or the paired test on sampled data, which
        the network left always passes), ``spurious_paths`` (input-output pairs
        its module graph connects although its decisions for that output do
        not change with that input on the check data; see
        :func:`~sksculpt.model_selection.count_spurious_paths`), ``edges_left``,
        ``units_left``, ``density``, ``n_modules``, ``structure`` (see
        :func:`~sksculpt.model_selection.structure_signature`; written with
        the data's column names and class labels where it has them),
        ``hierarchy`` (each network's module graph) and ``selected``. With
        ``cv``, the rows of the networks sculpted on all the data come first
        (``fold`` -1), then those of each fold (``fold`` k), and the columns
        ``fold``, ``test_accuracy`` (on the fold's held-out part; NaN for
        fold -1), ``split<k>_test_accuracy``, ``mean_test_accuracy`` and
        ``std_test_accuracy`` (of the same seed and grid point over the
        folds) are added.
    hierarchy_ : networkx.DiGraph
        The chosen network's module graph, each module node and module edge
        with its ``support``: the share of independent runs (seeds, and
        with ``cv`` folds) whose sparsest candidate networks hold the same
        module (see :func:`~sksculpt.model_selection.structure_support`).
    modules_ : list of Module
        The chosen network's modules, each with its ``support``.
    structure_support_ : dict
        ``modules`` (node to support), ``edges`` ((source, target) to
        support), ``inputs`` (each input feature's support: the share of
        runs whose networks keep it, see
        :func:`~sksculpt.model_selection.input_support`), ``min_support``
        (the weakest module's), ``n_replicates`` and ``n_networks`` (the
        runs and networks counted).
    masks_, density_, acceptance_threshold_, unit_acceptance_threshold_, sculpt_history_, net_, detector_, \
n_iter_, loss_curve_ :
        Those of ``best_estimator_``.
    classes_ : ndarray
    n_features_in_ : int
    n_outputs_ : int

    See Also
    --------
    SculptingClassifier : One network at a given P_u and P_e.
    sksculpt.model_selection.select_relay_free_vote : The default rule.

    Examples
    --------
    >>> from sksculpt import SculptingClassifierCV
    >>> from sksculpt.datasets import make_boolean_task
    >>> task = make_boolean_task("input_separable")
    >>> search = SculptingClassifierCV(unit_prune_steps=[50, 65], edge_prune_steps=[1.5],
    ...                                random_state=0).fit(task.data, task.target)
    >>> search.unit_prune_step_ in (50, 65)
    True
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
        unit_prune_steps=PAPER_UNIT_PRUNE_STEPS,
        edge_prune_steps=PAPER_EDGE_PRUNE_STEPS,
        n_seeds=None,
        cv=None,
        selection="relay_free_vote",
        min_support=DEFAULT_MIN_SUPPORT,
        accuracy_threshold=None,
        accuracy_tolerance=None,
        unit_accuracy_tolerance=None,
        acceptance_alpha=0.5,
        detector=None,
        validation_fraction="auto",
        device="cpu",
        n_jobs=None,
        memory=None,
        random_state=None,
        verbose=0,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.lr = lr
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.weight_decay = weight_decay
        self.input_noise = input_noise
        self.unit_prune_steps = unit_prune_steps
        self.edge_prune_steps = edge_prune_steps
        self.n_seeds = n_seeds
        self.cv = cv
        self.selection = selection
        self.min_support = min_support
        self.accuracy_threshold = accuracy_threshold
        self.accuracy_tolerance = accuracy_tolerance
        self.unit_accuracy_tolerance = unit_accuracy_tolerance
        self.acceptance_alpha = acceptance_alpha
        self.detector = detector
        self.validation_fraction = validation_fraction
        self.device = device
        self.n_jobs = n_jobs
        self.memory = memory
        self.random_state = random_state
        self.verbose = verbose

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        tags.target_tags.multi_output = True
        return tags

    def set_params(self, **params):
        """Set the parameters of this estimator; ``detector__*`` work while ``detector`` is None.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : SculptingClassifierCV
        """
        return super().set_params(**with_default_detector(params, self.detector))

    _parameter_constraints: dict = {
        **{
            name: constraint
            for name, constraint in SculptingClassifier._parameter_constraints.items()
            if name not in ("unit_prune_step", "edge_prune_step")
        },
        "unit_prune_steps": ["array-like"],
        "edge_prune_steps": ["array-like"],
        "n_seeds": [StrictInterval(Integral, 1, MAX_SEEDS, closed="both"), None],
        "cv": [StrictInterval(Integral, 2, None, closed="left"), HasMethods(["split", "get_n_splits"]),
               "array-like", None],
        "selection": [StrOptions(set(SELECTION_RULES)), callable],
        "min_support": [StrictInterval(Real, 0, 1, closed="both")],
        "n_jobs": [StrictInterval(Integral, None, -1, closed="right"), StrictInterval(Integral, 1, None, closed="left"),
                   None],
    }

    def _check_grid(self):
        """The grid as two tuples of floats; each value must be a percentage in (0, 100)."""
        grids = []
        for name in ("unit_prune_steps", "edge_prune_steps"):
            grid = getattr(self, name)
            if isinstance(grid, (dict, set, frozenset, str)):
                raise ValueError(
                    f"{name} must be a sequence of percentages such as [5, 10, 20]; got a {type(grid).__name__}."
                )
            values = tuple(grid.tolist() if isinstance(grid, np.ndarray) else grid)
            if not values:
                raise ValueError(f"{name} must hold at least one percentage; got {getattr(self, name)!r}.")
            check_elements(values, name, [StrictInterval(Real, 0, 100, closed="neither")], type(self).__name__)
            if len(set(values)) < len(values):
                raise ValueError(f"{name} lists a value twice: {values!r}. List each step once.")
            grids.append(tuple(float(value) for value in values))
        return grids

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Sculpt the grid, detect each network's modules and pick one network.

        Every parameter and both arrays are checked once, before any training.
        The fitted attributes are set together once everything succeeded: a
        fit that fails leaves the estimator as it was.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs (for Boolean tasks, the complete truth table).
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or a 0/1 multi-label indicator matrix.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the samples in every network's training loss and check
            accuracy (see :meth:`SculptingClassifier.fit`), and in the
            held-out accuracy of each fold with ``cv``.

        Returns
        -------
        self : SculptingClassifierCV

        Warns
        -----
        StructureWarning
            When a module of the picked structure has a support below
            ``min_support``, or the picked network stalled (its pruning steps
            kept failing with much of it left).
        ConvergenceWarning
            When no network of ``random_state``'s seed keeps the accuracy bar.
        """
        unit_steps, edge_steps = self._check_grid()
        rule = SELECTION_RULES[self.selection] if isinstance(self.selection, str) else self.selection
        template = SculptingClassifier(
            **{name: getattr(self, name) for name in _shared_params()}, verbose=0,
        )
        prune_steps = {"unit_prune_steps": unit_steps, "edge_prune_steps": edge_steps}
        task = check_task(template, X, y, prune_steps, caller=self, sample_weight=sample_weight)
        random_states = self._random_states()
        folds = check_folds(self.cv, task)
        problems = [make_problem(template, task, seed) for seed in random_states]
        for train, _ in folds:
            fold_task = replace(check_task(
                template, task.X_checked[train],
                task.classes[task.targets[train]] if task.kind == "multiclass" else task.targets[train],
                prune_steps, self, sample_weight=None if task.sample_weight is None else task.sample_weight[train],
            ), input_names=task.input_names, output_names=task.output_names)
            problems += [make_problem(template, fold_task, seed) for seed in random_states]
        jobs = self._jobs(problems, len(random_states), unit_steps)
        chunks = Parallel(n_jobs=self.n_jobs)(
            delayed(sculpt_chunk)(template, group, chunk, edge_steps, self.memory, progress)
            for (_, group, chunk), progress in zip(jobs, self._progress(jobs, len(edge_steps)), strict=True)
        )
        points = sorted(
            (dict(point, problem=offset + point["seed"]) for (offset, _, _), chunk in zip(jobs, chunks)
             for point in chunk),
            key=lambda point: (point["problem"], unit_steps.index(point["unit_prune_step"]),
                               edge_steps.index(point["edge_prune_step"])),
        )
        cv_results = search_results(points, problems, len(random_states), folds, task)
        best_index = self._select(rule, cv_results)
        cv_results["selected"][best_index] = True
        best = points[best_index]["estimator"]
        if not best.modules_:
            raise ValueError(
                f"Every network of seed 0 that reached the accuracy bar lost every path from an input to an output "
                f"(the picked one: P_u={best.unit_prune_step:g}, P_e={best.edge_prune_step:g}): a net that ignores "
                "its inputs reached the bar, so there are no modules to detect. Raise accuracy_threshold (or lower "
                "accuracy_tolerance, or raise acceptance_alpha) to what only a net that uses its inputs reaches."
            )
        supported = structure_support(cv_results, best.hierarchy_)
        self._warn(cv_results, best, supported)

        self.cv_results_ = cv_results
        self.best_index_ = best_index
        self.best_estimator_ = best
        validate_data(self, X, reset=True, skip_check_array=True)  # n_features_in_, feature_names_in_
        self.classes_, self.n_outputs_ = best.classes_, best.n_outputs_
        self.unit_prune_step_, self.edge_prune_step_ = best.unit_prune_step, best.edge_prune_step
        for name in ("net_", "masks_", "density_", "acceptance_threshold_", "unit_acceptance_threshold_",
                     "sculpt_history_", "detector_", "n_iter_", "loss_curve_"):
            setattr(self, name, getattr(best, name))
        self.hierarchy_ = supported
        self.modules_ = [replace(module, support=supported.nodes[module.id]["support"]) for module in best.modules_]
        self.structure_support_ = support_summary(supported, input_support(cv_results, task.X_checked.shape[1]))
        return self

    def _progress(self, jobs, n_edge_steps):
        """One :class:`~sksculpt._progress.SearchProgress` per job (None when silent): the same for all
        jobs when they run one after the other in this process, else one per job, naming its part."""
        if not self.verbose:
            return [None] * len(jobs)
        sizes = [(len(group) * len(chunk), len(group) * len(chunk) * n_edge_steps) for _, group, chunk in jobs]
        if effective_n_jobs(self.n_jobs) == 1:
            n_units, n_networks = np.sum(sizes, axis=0).tolist()
            return [SearchProgress(n_networks, n_units, self.verbose)] * len(jobs)
        return [
            SearchProgress(n_networks, n_units, self.verbose, part=f"part {k + 1} of {len(jobs)}: ")
            for k, (n_units, n_networks) in enumerate(sizes)
        ]

    def _random_states(self):
        """The ``random_state`` of each seed: ``random_state``'s first, the others drawn from it."""
        n_seeds = self._n_seeds()
        rng = check_random_state(self.random_state)
        return [
            self.random_state if isinstance(self.random_state, Integral) else int(rng.randint(np.iinfo(np.int32).max)),
            *(int(seed) for seed in rng.randint(np.iinfo(np.int32).max, size=n_seeds - 1)),
        ]

    def _n_seeds(self):
        """``n_seeds``, or its default: 4 seeds without ``cv``, 1 with it (the folds resample)."""
        if self.n_seeds is not None:
            return self.n_seeds
        return 4 if self.cv is None else 1

    def _select(self, rule, cv_results):
        """The row ``rule`` picks, checked: an integer index of one of the user's rows (seed 0, all the data)."""
        own = np.flatnonzero(replicates(cv_results) == 0)
        name = self.selection if isinstance(self.selection, str) else getattr(rule, "__name__", repr(rule))
        try:
            picked = rule(copy.deepcopy(cv_results))
        except (TypeError, KeyError) as error:
            raise ValueError(
                f"selection={name} failed on cv_results_: {type(error).__name__}: {error}. A selection callable takes "
                f"one argument, the cv_results_ dict (columns {sorted(cv_results)}), and returns a row index."
            ) from error
        allowed = f"rows {own[0]} to {own[-1]}" if len(own) == own[-1] - own[0] + 1 else f"one of rows {own.tolist()}"
        if isinstance(picked, (bool, np.bool_)) or not isinstance(picked, (Integral, np.integer)):
            raise ValueError(
                f"selection={name} returned {picked!r} ({type(picked).__name__}); it must return the integer index "
                f"of a row of cv_results_ of seed 0 sculpted on all the data ({allowed})."
            )
        if int(picked) not in set(own.tolist()):
            where = "" if not 0 <= picked < len(cv_results["seed"]) else (
                f" (seed {cv_results['seed'][picked]}" + (
                    f", fold {cv_results['fold'][picked]})" if "fold" in cv_results else ")")
            )
            raise ValueError(
                f"selection={name} returned row {picked}{where}; it must pick a row of seed 0 sculpted on all the "
                f"data, random_state's ({allowed})."
            )
        return int(picked)

    def _warn(self, cv_results, best, supported):
        """Say when the picked network is inaccurate, stalled, or holds a weakly supported module."""
        own = replicates(cv_results) == 0  # the user's rows: seed 0, all the data
        if not np.asarray(cv_results["accurate"])[own].any():
            warnings.warn(
                f"No network of seed 0 kept the accuracy bar ({best.acceptance_threshold_:.4g}); the most accurate "
                f"one is reported (check accuracy {np.max(np.asarray(cv_results['check_accuracy'])[own]):.4f}), "
                "and its structure means little. Train longer (max_epochs), widen hidden_layer_sizes, tune lr, "
                "or set accuracy_tolerance to follow the dense round.",
                ConvergenceWarning,
                stacklevel=2,
            )
            return
        warn_if_stalled(best.sculpt_history_)
        weakest = weakest_support(supported)
        if self.min_support > 0 and weakest < self.min_support:
            node = min(supported.nodes, key=lambda node: supported.nodes[node]["support"])
            data = supported.nodes[node]
            held = ", ".join(
                part for part in (f"inputs {sorted(data['inputs'])}" if data["inputs"] else "",
                                  f"outputs {sorted(data['outputs'])}" if data["outputs"] else "") if part
            ) or "no inputs or outputs"
            warnings.warn(
                f"The reported structure holds a weakly supported module: module {node} ({held}) is found by "
                f"{100 * weakest:.0f} % of the {supported.graph['n_replicates']} independent runs (seeds"
                f"{' x folds' if self.cv is not None else ''}), below min_support={self.min_support}. Read it as "
                "one possible structure, not the task's: try more seeds (n_seeds), "
                f"{'more folds' if self.cv is not None else 'cv=5 on sampled data'}, or a deeper or wider network; "
                "hierarchy_ and modules_ carry each module's support.",
                StructureWarning,
                stacklevel=2,
            )

    def _jobs(self, problems, n_seeds, unit_steps):
        """The work as ``(first problem, problems, P_u values)`` parts, one part per joblib task.

        Problems that train and check on the same data (the seeds of one fold,
        or of all the data, unless there is a validation split) train
        together; with several processes the P_u values are split between
        them, each part sharing its unit stages.
        """
        groups = []
        for offset in range(0, len(problems), n_seeds):
            block = problems[offset:offset + n_seeds]
            if all(problem.data[2] is problem.data[0] for problem in block):  # checked on their training data
                groups.append((offset, block))
            else:
                groups += [(offset + k, [problem]) for k, problem in enumerate(block)]
        n_parts = effective_n_jobs(self.n_jobs)
        n_chunks = 1 if n_parts == 1 else min(len(unit_steps), -(-n_parts // len(groups)))
        return [
            (offset, group, [float(step) for step in chunk])
            for offset, group in groups
            for chunk in np.array_split(np.asarray(unit_steps), n_chunks)
        ]

    def predict(self, X):
        """Predictions of the chosen network (see :meth:`SculptingClassifier.predict`)."""
        check_is_fitted(self)
        return self.best_estimator_.predict(X)

    def predict_proba(self, X):
        """Probabilities of the chosen network (see :meth:`SculptingClassifier.predict_proba`)."""
        check_is_fitted(self)
        return self.best_estimator_.predict_proba(X)

    def predict_log_proba(self, X):
        """Log-probabilities of the chosen network (see :meth:`SculptingClassifier.predict_log_proba`)."""
        check_is_fitted(self)
        return self.best_estimator_.predict_log_proba(X)
