"""SculptingClassifierCV: sculpt over a grid of P_u x P_e (x seeds) and pick a network without the truth."""

import time
from numbers import Integral, Real

import numpy as np
import torch
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context, clone
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ._classifier import SculptingClassifier, with_default_detector
from ._records import count_hidden_units
from ._sculpting import sculpt_grid
from ._validation import StrictInterval, check_elements, check_memory_location
from .model_selection._paths import count_spurious_paths, output_dependence, reachable_outputs
from .model_selection._selection import SELECTION_RULES, structure_signature

#: The grid the paper searched in every trial.
PAPER_UNIT_PRUNE_STEPS = tuple(float(step) for step in range(5, 71, 5))
PAPER_EDGE_PRUNE_STEPS = (0.5, 1.0, 1.5, 2.0, 2.5)


def _final_accuracy(records):
    """Check accuracy of the network a sculpting run leaves: its last accepted step's, else the dense round's."""
    accepted = [record for record in records if record.accepted]
    return (accepted[-1] if accepted else records[0]).accuracy


def _decisions(net, X):
    """The net's decision for each output unit, as ``net.predict`` makes it: its 0/1 outputs, or the
    one-hot of its predicted class. Runs the module on ``X`` at once, without skorch's data loader."""
    with torch.no_grad():
        logits = net.module_(torch.as_tensor(X, device=net.device))  # one net: (n_samples, n_outputs)
    if net.target_kind == "multilabel":
        return (torch.sigmoid(logits) > 0.5).cpu().numpy()
    return np.eye(logits.shape[1], dtype=bool)[logits.argmax(dim=1).cpu().numpy()]


def _spurious_paths(estimator, X_check):
    """Input-output pairs a fitted SculptingClassifier's module graph connects that its decisions do not use."""
    reach = reachable_outputs(estimator.hierarchy_, X_check.shape[1], estimator.n_outputs_)
    dependence = output_dependence(
        lambda X: _decisions(estimator.net_, X), X_check, features=np.flatnonzero(reach.any(axis=1)),
    )
    return count_spurious_paths(reach, dependence)


def _shared_params():
    """Parameters passed on to every SculptingClassifier of the grid: those both estimators
    have, but the seed, the progress output and the cache, which the search handles."""
    shared = set(SculptingClassifier._get_param_names()) & set(SculptingClassifierCV._get_param_names())
    return sorted(shared - {"random_state", "verbose", "memory"})


def _object_array(values):
    """A 1-D object array holding ``values`` as they are (graphs are not unpacked)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _sculpt_chunk(template, problems, unit_steps, edge_steps, memory, verbose):
    """Sculpt and detect every (seed, P_u, P_e) of one chunk of the grid (one worker's job).

    Returns
    -------
    points : list of dict
        One per network: ``seed``, ``unit_prune_step``, ``edge_prune_step``,
        ``results`` (the three stage results) and a fitted ``estimator``.
    """
    first = problems[0]
    start = time.perf_counter()
    n_networks = len(problems) * len(unit_steps) * len(edge_steps)
    done = []

    def progress(stage, seed, unit_step, edge_step, records):
        accepted = [record for record in records if record.accepted]
        left = f"{100 * accepted[-1].density:.2f} % edges left" if accepted else "no step accepted"
        if stage == "edges":
            done.append(1)
        setting = f"P_u {unit_step:g}" + ("" if edge_step is None else f"  P_e {edge_step:g}")
        print(
            f"[sksculpt] seed {problems[seed].random_state}  {setting}: {stage} done, {left} "
            f"({len(done)}/{n_networks} networks of this job, {time.perf_counter() - start:.1f} s)",
            flush=True,
        )

    with first.threads():
        grid = check_memory_location(memory).cache(sculpt_grid, ignore=["progress"])(
            first.net_params, first.data, [problem.seeds for problem in problems], list(unit_steps),
            list(edge_steps), template.accuracy_threshold, template.accuracy_tolerance,
            unit_accuracy_tolerance=template.unit_accuracy_tolerance,
            progress=progress if verbose else None,
        )
    points = []
    for (seed, unit_step, edge_step), results in grid.items():
        estimator = clone(template).set_params(
            unit_prune_step=unit_step, edge_prune_step=edge_step, random_state=problems[seed].random_state,
        )
        estimator._set_sculpted(problems[seed], list(results))
        points.append(dict(seed=seed, unit_prune_step=unit_step, edge_prune_step=edge_step, estimator=estimator))
    return points


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
accuracy_tolerance, unit_accuracy_tolerance, detector, validation_fraction, device
        As in :class:`SculptingClassifier`.
    unit_prune_steps : sequence of float, default=(5, 10, ..., 70)
        The P_u values to try, percent of hidden units (the paper's grid).
    edge_prune_steps : sequence of float, default=(0.5, 1.0, 1.5, 2.0, 2.5)
        The P_e values to try, percent of edges (the paper's grid).
    n_seeds : int, default=4
        Seeds sculpted at every grid point (the paper ran 4). The picked
        network is always one of ``random_state``'s (seed 0); the other seeds
        only tell the selection rule which structures recur. On the paper's
        protocol the default rule succeeds in 130 of 144 trials with 4 seeds,
        128 with 2 and 124 with 1 (the user guide's "Finding the structure
        without knowing it").
    selection : {"relay_free_vote", "seed_vote", "consensus", "sparsest"} or callable, \
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
          hold outputs in the most modules
          (:func:`~sksculpt.model_selection.select_relay_free_vote`);
        - a callable ``selection(cv_results) -> index`` of the row to pick.
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
        1 prints a line as each network ends its unit stage and its edge stage
        (seed, P_u, P_e, edges left, networks done).

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
        ``accurate`` (it keeps the bar of its seed's
        ``acceptance_threshold_``), ``spurious_paths`` (input-output pairs
        its module graph connects although its decisions for that output do
        not change with that input on the check data; see
        :func:`~sksculpt.model_selection.count_spurious_paths`), ``edges_left``,
        ``units_left``, ``density``, ``n_modules``, ``structure`` (see
        :func:`~sksculpt.model_selection.structure_signature`),
        ``hierarchy`` (each network's module graph) and ``selected``.
    masks_, modules_, hierarchy_, density_, acceptance_threshold_, unit_acceptance_threshold_, \
sculpt_history_, net_, detector_ :
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
        lr=0.05,
        batch_size=8,
        max_epochs=10,
        weight_decay=1e-4,
        input_noise=0.1,
        unit_prune_steps=PAPER_UNIT_PRUNE_STEPS,
        edge_prune_steps=PAPER_EDGE_PRUNE_STEPS,
        n_seeds=4,
        selection="relay_free_vote",
        accuracy_threshold=1.0,
        accuracy_tolerance=None,
        unit_accuracy_tolerance=None,
        detector=None,
        validation_fraction=None,
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
        self.selection = selection
        self.accuracy_threshold = accuracy_threshold
        self.accuracy_tolerance = accuracy_tolerance
        self.unit_accuracy_tolerance = unit_accuracy_tolerance
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
        "n_seeds": [StrictInterval(Integral, 1, None, closed="left")],
        "selection": [StrOptions(set(SELECTION_RULES)), callable],
        "n_jobs": [Integral, None],
    }

    def _check_grid(self):
        """The grid as two tuples of floats; each value must be a percentage in (0, 100)."""
        grids = []
        for name in ("unit_prune_steps", "edge_prune_steps"):
            values = tuple(np.ravel(getattr(self, name)).tolist())
            if not values:
                raise ValueError(f"{name} must hold at least one percentage; got {getattr(self, name)!r}.")
            check_elements(values, name, [StrictInterval(Real, 0, 100, closed="neither")], type(self).__name__)
            if len(set(values)) < len(values):
                raise ValueError(f"{name} lists a value twice: {values!r}. List each step once.")
            grids.append(tuple(float(value) for value in values))
        return grids

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Sculpt the grid, detect each network's modules and pick one network.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Inputs (for Boolean tasks, the complete truth table).
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or a 0/1 multi-label indicator matrix.

        Returns
        -------
        self : SculptingClassifierCV
        """
        unit_steps, edge_steps = self._check_grid()
        rule = SELECTION_RULES.get(self.selection, self.selection) if isinstance(self.selection, str) else self.selection
        template = SculptingClassifier(
            **{name: getattr(self, name) for name in _shared_params()}, verbose=0,
        )
        rng = check_random_state(self.random_state)
        random_states = [
            self.random_state if isinstance(self.random_state, Integral) else int(rng.randint(np.iinfo(np.int32).max)),
            *(int(seed) for seed in rng.randint(np.iinfo(np.int32).max, size=self.n_seeds - 1)),
        ]
        problems = [clone(template).set_params(random_state=seed)._prepare(X, y) for seed in random_states]
        jobs = self._jobs(problems, unit_steps)
        chunks = Parallel(n_jobs=self.n_jobs)(
            delayed(_sculpt_chunk)(template, group, chunk, edge_steps, self.memory, self.verbose)
            for _, group, chunk in jobs
        )
        points = sorted(
            (dict(point, seed=offset + point["seed"]) for (offset, _, _), chunk in zip(jobs, chunks)
             for point in chunk),
            key=lambda point: (point["seed"], unit_steps.index(point["unit_prune_step"]),
                               edge_steps.index(point["edge_prune_step"])),
        )
        self.cv_results_ = self._cv_results(points, problems)
        self.best_index_ = int(rule(self.cv_results_))
        if self.cv_results_["seed"][self.best_index_] != 0:
            raise ValueError(
                f"The selection rule picked row {self.best_index_} of seed "
                f"{self.cv_results_['seed'][self.best_index_]}; it must pick a row of seed 0 (random_state's)."
            )
        self.cv_results_["selected"][self.best_index_] = True
        self.best_estimator_ = points[self.best_index_]["estimator"]
        validate_data(self, X, reset=True, skip_check_array=True)  # n_features_in_, feature_names_in_
        self.classes_, self.n_outputs_ = self.best_estimator_.classes_, self.best_estimator_.n_outputs_
        self.unit_prune_step_ = self.best_estimator_.unit_prune_step
        self.edge_prune_step_ = self.best_estimator_.edge_prune_step
        for name in ("net_", "masks_", "modules_", "hierarchy_", "density_", "acceptance_threshold_",
                     "unit_acceptance_threshold_", "sculpt_history_", "detector_"):
            setattr(self, name, getattr(self.best_estimator_, name))
        return self

    def _jobs(self, problems, unit_steps):
        """The work as ``(first seed, seeds, P_u values)`` parts, one part per joblib task.

        Seeds that check on the same data (all of them unless there is a
        validation split) train together; with several processes the P_u
        values are split between them, each part sharing its unit stages.
        """
        if self.validation_fraction is None:
            groups = [(0, problems)]
        else:
            groups = [(seed, [problem]) for seed, problem in enumerate(problems)]
        n_parts = effective_n_jobs(self.n_jobs)
        n_chunks = 1 if n_parts == 1 else min(len(unit_steps), -(-n_parts // len(groups)))
        return [
            (offset, group, [float(step) for step in chunk])
            for offset, group in groups
            for chunk in np.array_split(np.asarray(unit_steps), n_chunks)
        ]

    def _cv_results(self, points, problems):
        estimators = [point["estimator"] for point in points]
        accuracy = np.array([_final_accuracy(estimator.sculpt_history_) for estimator in estimators])
        return dict(
            param_unit_prune_step=np.array([point["unit_prune_step"] for point in points]),
            param_edge_prune_step=np.array([point["edge_prune_step"] for point in points]),
            seed=np.array([point["seed"] for point in points]),
            random_state=np.array([problems[point["seed"]].random_state for point in points]),
            check_accuracy=accuracy,
            accurate=accuracy >= np.array([estimator.acceptance_threshold_ for estimator in estimators]),
            spurious_paths=np.array([
                _spurious_paths(point["estimator"], problems[point["seed"]].data[2]) for point in points
            ]),
            edges_left=np.array([sum(int(mask.sum()) for mask in e.masks_) for e in estimators]),
            units_left=np.array([count_hidden_units(e.masks_) for e in estimators]),
            density=np.array([e.density_ for e in estimators]),
            n_modules=np.array([len(e.modules_) for e in estimators]),
            structure=_object_array([structure_signature(e.modules_, e.hierarchy_) for e in estimators]),
            hierarchy=_object_array([e.hierarchy_ for e in estimators]),
            selected=np.zeros(len(points), dtype=bool),
        )

    def predict(self, X):
        """Predictions of the chosen network (see :meth:`SculptingClassifier.predict`)."""
        check_is_fitted(self)
        return self.best_estimator_.predict(X)

    def predict_proba(self, X):
        """Probabilities of the chosen network (see :meth:`SculptingClassifier.predict_proba`)."""
        check_is_fitted(self)
        return self.best_estimator_.predict_proba(X)
