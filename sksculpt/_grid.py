"""Sculpt a grid of settings and seeds into fitted classifiers: the work of a search, and its entry point.

:func:`fit_grid` is the one internal entry point that the benchmarks use
(documented in the Architecture section of the README): the networks of a
grid of P_u x P_e and of several seeds, each a fitted
:class:`~sksculpt.SculptingClassifier`, trained together on the engine.
:class:`~sksculpt.SculptingClassifierCV` runs the same work in parts
(:func:`sculpt_chunk`), one per joblib task.
"""

import numpy as np
from sklearn.base import clone

from ._problem import check_task, make_problem
from ._sculpted import sculpt_problems, set_sculpted
from ._validation import check_memory_location
from .model_selection import count_spurious_paths, output_dependence, reachable_outputs


def fit_grid(estimator, X, y, random_states, unit_steps, edge_steps, sample_weight=None, memory=None):
    """Fit one :class:`~sksculpt.SculptingClassifier` per seed and point of a P_u x P_e grid.

    The networks are trained together (the dense round once per seed, the
    unit stage once per seed and P_u); each is exactly what
    ``clone(estimator).set_params(random_state=seed, unit_prune_step=P_u,
    edge_prune_step=P_e).fit(X, y)`` gives, except that a network left with
    no input-to-output path gets no modules instead of raising.

    Parameters
    ----------
    estimator : SculptingClassifier
        Unfitted; its parameters but ``random_state``, ``unit_prune_step``
        and ``edge_prune_step`` are those of every network.
    X, y : array-like
        As in :meth:`SculptingClassifier.fit <sksculpt.SculptingClassifier.fit>`.
    random_states : sequence of int
        One ``random_state`` per seed.
    unit_steps, edge_steps : sequence of float
        The grid of P_u and P_e.
    sample_weight : array-like of shape (n_samples,), default=None
    memory : str, joblib.Memory or None, default=None
        Where the whole grid is cached.

    Returns
    -------
    points : list of dict
        One per network, seed-major, then P_u, then P_e: ``seed`` (the
        position in ``random_states``), ``unit_prune_step``,
        ``edge_prune_step``, the fitted ``estimator`` and its
        ``spurious_paths`` (see :func:`count_spurious_paths_of`).
    """
    prune_steps = {"unit_prune_steps": list(unit_steps), "edge_prune_steps": list(edge_steps)}
    task = check_task(estimator, X, y, prune_steps, sample_weight=sample_weight)
    problems = [make_problem(estimator, task, seed) for seed in random_states]
    return sculpt_chunk(estimator, problems, unit_steps, edge_steps, memory, progress=None)


def stage_line(problem, stage, unit_step, edge_step, records):
    """The line of one network ending a stage (``verbose >= 2``): its seed and setting, what is left."""
    accepted = [record for record in records if record.accepted]
    left = f"{100 * accepted[-1].density:.2f} % edges left" if accepted else "no step accepted"
    setting = f"P_u {unit_step:g}" + ("" if edge_step is None else f"  P_e {edge_step:g}")
    return f"seed {problem.random_state}  {setting}: {stage} done, {left}"


def sculpt_chunk(template, problems, unit_steps, edge_steps, memory, progress):
    """Sculpt every (seed, P_u, P_e) of one part of the grid (one worker's job), detect the modules
    and count the spurious paths of each network.

    ``progress`` (a :class:`~sksculpt._progress.SearchProgress`, or None) is
    told of each network as it ends a stage and as it is detected.

    Returns
    -------
    points : list of dict
        One per network, in the order of :func:`~sksculpt._engine.sculpt_grid`:
        ``seed``, ``unit_prune_step``, ``edge_prune_step``, a fitted
        ``estimator`` and its ``spurious_paths``.
    """
    def report(stage, seed, unit_step, edge_step, records):
        line = stage_line(problems[seed], stage, unit_step, edge_step, records)
        (progress.units_done if stage == "units" else progress.edges_done)(line)

    sculpted_before = None if progress is None else progress.sculpted
    with problems[0].threads():  # detection too: torch's forward passes of small nets are slowest on many threads
        grid = check_memory_location(memory).cache(sculpt_problems, ignore=["progress"])(
            template, problems, [float(step) for step in unit_steps], [float(step) for step in edge_steps],
            progress=None if progress is None else report,
        )
        if progress is not None and progress.sculpted == sculpted_before:  # the grid came from memory
            progress.loaded(len(problems) * len(unit_steps), len(grid))
        return [detected(template, problems, setting, results, progress) for setting, results in grid.items()]


def detected(template, problems, setting, results, progress):
    """The point of one sculpted network: its fitted estimator (modules detected) and its spurious paths."""
    seed, unit_step, edge_step = setting
    estimator = clone(template).set_params(
        unit_prune_step=unit_step, edge_prune_step=edge_step, random_state=problems[seed].random_state,
    )
    set_sculpted(estimator, problems[seed], list(results), allow_pathless=True)
    point = dict(
        seed=seed, unit_prune_step=unit_step, edge_prune_step=edge_step, estimator=estimator,
        spurious_paths=count_spurious_paths_of(estimator, problems[seed].data[2]),
    )
    if progress is not None:
        progress.network_detected()
    return point


def count_spurious_paths_of(estimator, X_check):
    """Input-output pairs a fitted SculptingClassifier's module graph connects that its decisions do not use."""
    reach = reachable_outputs(estimator.hierarchy_, X_check.shape[1], estimator.n_outputs_)
    dependence = output_dependence(estimator.net_.decide, X_check, features=np.flatnonzero(reach.any(axis=1)))
    return count_spurious_paths(reach, dependence)
