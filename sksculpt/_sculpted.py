"""From checked problems to fitted estimators: sculpt them on the engine, set the fitted attributes.

Both estimators go through :func:`sculpt_problems` (a lone fit is a grid of
one point) and :func:`set_sculpted`, which detects the modules of a sculpted
network and sets every fitted attribute of a :class:`~sksculpt.SculptingClassifier`.
"""

import warnings

import networkx as nx
import numpy as np
import torch
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import validate_data
from skorch.history import History

from ._engine import build_net, sculpt_grid
from ._problem import stage_rules_of, stage_threshold
from ._records import warn_if_stalled
from .detection import name_modules, remove_dead_units
from .pruning import AccuracyBar, density


def rule_bar(rule):
    """The check accuracy an acceptance rule asks for: its threshold, or NaN for the paired test."""
    return rule.threshold if isinstance(rule, AccuracyBar) else float("nan")


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


def sculpt_problems(estimator, problems, unit_steps, edge_steps, memory=None, report=None, progress=None):
    """Sculpt the problems of several seeds over a grid of P_u and P_e, on one engine path.

    The problems share their data and architecture (one seed each, see
    :func:`~sksculpt._problem.make_problem`); ``estimator``'s parameters set
    the acceptance bar. See :func:`~sksculpt._engine.sculpt_grid` for
    ``memory``, ``report`` and ``progress`` and for what it returns.
    """
    first = problems[0]
    return sculpt_grid(
        first.net_params, first.data, [problem.seeds for problem in problems], list(unit_steps), list(edge_steps),
        stage_threshold(estimator, first.data), estimator.accuracy_tolerance,
        unit_accuracy_tolerance=estimator.unit_accuracy_tolerance, acceptance_alpha=estimator.acceptance_alpha,
        memory=memory, report=report, progress=progress,
    )


def sculpt_one(estimator, problem):
    """Sculpt one problem at ``estimator``'s P_u and P_e: the stage results ``[dense, units, edges]``.

    As in the reference implementation, pruning starts from the dense round
    even when it falls short of the threshold: every pruning step retrains,
    and the first step that reaches the threshold is accepted. The dense
    round and the unit stage go through ``estimator.memory`` (see
    :func:`~sksculpt._engine.sculpt_grid`).

    Warns
    -----
    ConvergenceWarning
        When no step, the dense round included, was accepted.
    StructureWarning
        When pruning stalled (see :func:`~sksculpt._records.warn_if_stalled`).
    """
    [results] = sculpt_problems(
        estimator, [problem], [estimator.unit_prune_step], [estimator.edge_prune_step], memory=estimator.memory,
        report=print_record if estimator.verbose else None,
    ).values()
    dense, units, edges = results
    if not any(record.accepted for result in results for record in result.records):
        bar = rule_bar(stage_rules_of(estimator, dense, problem.data)[1])
        warnings.warn(
            f"The network never reached accuracy_threshold={bar:.4g} (dense round: "
            f"{dense.records[0].accuracy:.4f}; best pruning step: "
            f"{np.nanmax([r.accuracy for r in units.records + edges.records]):.4f}), so it is "
            "left unpruned. Train longer (max_epochs), widen hidden_layer_sizes, tune lr, "
            "lower accuracy_threshold, or set accuracy_tolerance to follow the dense round.",
            ConvergenceWarning,
            stacklevel=2,
        )
    warn_if_stalled([record for result in results for record in result.records])
    return list(results)


def set_sculpted(estimator, problem, results, allow_pathless=False):
    """Set every fitted attribute of a SculptingClassifier from the stage results of one network.

    The modules are detected first and the attributes set together, so a
    failure leaves the estimator as it was. A network left with no path
    from an input to an output raises, unless ``allow_pathless`` (a
    member of a search's grid), where it gets no modules and an empty
    module graph.

    Parameters
    ----------
    estimator : SculptingClassifier
        Its parameters are those the network was sculpted with.
    problem : SculptingProblem
    results : sequence of StageResult
        The network's ``(dense, units, edges)``.
    allow_pathless : bool, default=False

    Returns
    -------
    estimator : SculptingClassifier
        Fitted.
    """
    with torch.random.fork_rng(devices=[]):  # initialisation is overwritten by the state
        net = build_net({**problem.net_params, "callbacks": None}, [0], [results[-1].state])
    net.history = History([entry for result in results for entry in result.history])
    masks = net.module_.get_masks()
    unit_bar, bar = (rule_bar(rule) for rule in stage_rules_of(estimator, results[0], problem.data))
    pathless = not any(mask.any() for mask in remove_dead_units(masks)[0])
    if pathless and not allow_pathless:
        if np.isnan(bar):
            setting = f"the paired test at acceptance_alpha={estimator.acceptance_alpha}"
        elif estimator.accuracy_tolerance is None:
            setting = f"accuracy_threshold={bar}"
        else:
            setting = f"accuracy_tolerance={estimator.accuracy_tolerance} (a bar of {bar:.4g})"
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

    validate_data(estimator, problem.X, reset=True, skip_check_array=True)  # n_features_in_, feature_names_in_
    estimator.classes_ = problem.classes
    estimator.n_outputs_ = problem.net_params["module__n_outputs"]
    estimator.net_ = net
    estimator.sculpt_history_ = [record for result in results for record in result.records]
    estimator.masks_ = masks
    estimator.density_ = density(masks)
    estimator.acceptance_threshold_ = bar
    estimator.unit_acceptance_threshold_ = unit_bar
    estimator.detector_ = detector
    estimator.modules_ = modules
    estimator.hierarchy_ = hierarchy
    estimator.n_iter_ = len(net.history)
    estimator.loss_curve_ = loss_curves(net.history)
    return estimator


def print_record(record):
    """Print the line of one pruning step (``verbose >= 1``): its target, accuracy and what is left."""
    print(
        f"[sksculpt] {record.stage:>5} target {record.target:7.3f}%  "
        f"accuracy {record.accuracy:.4f}  {'accepted' if record.accepted else 'rejected'}  "
        f"density {100 * record.density:6.2f}%  edges left {record.edges_left}  "
        f"units left {record.units_left}",
        flush=True,
    )
