"""The stages of sculpting: unit pruning, then edge pruning, each a prune-retrain loop."""

import math
from dataclasses import dataclass

import numpy as np
import torch

from ._net import SculptingNet
from .pruning import (
    density,
    edge_magnitude,
    loss_sensitivity,
    prune_edges,
    prune_units,
    run_pruning_schedule,
    unit_masks,
)


@dataclass(frozen=True)
class SculptRecord:
    """What happened at one step of sculpting (one row of ``sculpt_history_``).

    Attributes
    ----------
    stage : {"dense", "units", "edges"}
        The dense training round, a unit-pruning step or an edge-pruning step.
    target : float
        Cumulative share pruned that the step aimed at, in percent of the
        stage's items (hidden units, or edges); 0 for the dense round.
    accuracy : float
        Check accuracy after retraining; NaN for a target of 100 % or more,
        which is rejected untried.
    accepted : bool
        Whether the step kept the accuracy threshold.
    edges_left : int
        Surviving edges of the network the step produced.
    units_left : int
        Surviving hidden units (with at least one incoming and outgoing edge).
    density : float
        Share of all edges that survive, ``edges_left / number of weights``.
    """

    stage: str
    target: float
    accuracy: float
    accepted: bool
    edges_left: int
    units_left: int
    density: float


def count_hidden_units(masks):
    """Hidden units that keep at least one incoming and one outgoing edge."""
    return sum(int((m_in.any(axis=0) & m_out.any(axis=1)).sum()) for m_in, m_out in zip(masks[:-1], masks[1:]))


def make_record(stage, target, accuracy, accepted, masks):
    """A :class:`SculptRecord` for a network with the given masks."""
    return SculptRecord(
        stage=stage,
        target=float(target),
        accuracy=float(accuracy),
        accepted=bool(accepted),
        edges_left=sum(int(m.sum()) for m in masks),
        units_left=count_hidden_units(masks),
        density=density(masks),
    )


def _unit_scores(net, masks, X_check, y_check):
    """Loss sensitivity of every hidden unit of the network ``net`` holds."""
    activations, gradients = net.unit_activations_and_gradients(X_check, y_check)
    return loss_sensitivity(activations, gradients)


def _unit_candidate(scores, masks, target):
    """Masks after removing the hidden units at or below the ``target`` score percentile."""
    return unit_masks(masks, prune_units(scores, target))


def _edge_scores(net, masks, X_check, y_check):
    """Weight magnitude of every edge of the network ``net`` holds."""
    return edge_magnitude(net.module_.get_weights(), masks)


def _unit_schedule(masks):
    """Start (percent already pruned) and smallest step of the unit stage."""
    n_hidden = sum(m.shape[1] for m in masks[:-1])
    return 0.0, 100.0 / n_hidden


def _edge_schedule(masks):
    """Start (percent already pruned) and smallest step of the edge stage."""
    return 100.0 * (1.0 - density(masks)), 100.0 / sum(m.size for m in masks)


#: For each pruning stage: how the accepted network is scored, how a candidate is
#: pruned from those scores, and where the schedule starts.
STAGES = {
    "units": (_unit_scores, _unit_candidate, _unit_schedule),
    "edges": (_edge_scores, prune_edges, _edge_schedule),
}


def sculpt_stage(net, stage, step, data, accuracy_threshold, report=None):
    """Run one pruning stage on a trained ``net`` in place; keep the last accepted network.

    Parameters
    ----------
    net : SculptingNet
        Initialised and trained; on return it holds the last accepted network.
    stage : {"units", "edges"}
    step : float
        The initial step P in percent (``P_u`` or ``P_e``).
    data : tuple of torch.Tensor
        ``(X_train, y_train, X_check, y_check)``.
    accuracy_threshold : float
        A step is accepted when the check accuracy is at least this.
    report : callable, optional
        Called with each :class:`SculptRecord` as it is made (progress output).

    Returns
    -------
    records : list of SculptRecord
        One per step, in order.
    """
    score, candidate_masks, schedule = STAGES[stage]
    X_train, y_train, X_check, y_check = data
    accepted_state = net.module_.state_dict_copy()
    accepted_masks = net.module_.get_masks()
    # Scores of the accepted network, computed when first needed: a rejected step
    # restores that network, so the next step reuses them.
    accepted_scores = None
    records = []

    def try_target(target):
        nonlocal accepted_state, accepted_masks, accepted_scores
        if accepted_scores is None:
            accepted_scores = score(net, accepted_masks, X_check, y_check)
        masks = candidate_masks(accepted_scores, accepted_masks, target)
        net.module_.set_masks(masks)
        accuracy = net.train_round(X_train, y_train, X_check, y_check)
        accepted = accuracy >= accuracy_threshold
        if accepted:
            accepted_state, accepted_masks = net.module_.state_dict_copy(), masks
            accepted_scores = None
        else:
            net.module_.load_state_dict(accepted_state)
        records.append(make_record(stage, target, accuracy, accepted, masks))
        if report is not None:
            report(records[-1])
        return accepted

    start, step_min = schedule(accepted_masks)
    steps = run_pruning_schedule(try_target, start=start, step=step, step_min=step_min)
    # Targets of 100 % or more are rejected untried: slot them in where they fell.
    tried = iter(records)
    empty = [np.zeros_like(m) for m in accepted_masks]
    return [
        next(tried) if s.target < 100 else make_record(stage, s.target, math.nan, False, empty)
        for s in steps
    ]


@dataclass(frozen=True)
class StageResult:
    """What a stage leaves: the network's state, its records and the net's history.

    Attributes
    ----------
    state : dict of str to ndarray
        The module's ``state_dict`` (weights, biases, masks) as numpy arrays.
    records : list of SculptRecord
    history : list of dict
        The skorch history entries (one per epoch) of the stage's rounds.
    """

    state: dict
    records: list
    history: list


def _build_net(net_params, state=None):
    """An initialised :class:`SculptingNet`, with ``state`` loaded when given."""
    net = SculptingNet(**net_params).initialize()
    if state is not None:
        net.module_.load_state_dict({name: torch.as_tensor(value) for name, value in state.items()})
    return net


def _result(net, records):
    state = {name: value.cpu().numpy() for name, value in net.module_.state_dict().items()}
    return StageResult(state, records, net.history.to_list())


def _as_tensors(data, device):
    return tuple(torch.as_tensor(array, device=device) for array in data)


def dense_stage(net_params, data, seed, accuracy_threshold):
    """Initialise a network and train it for one round.

    A pure function of its arguments (the torch generator is seeded with
    ``seed`` and restored after), so its result can be cached.

    Parameters
    ----------
    net_params : dict
        Keyword arguments of :class:`SculptingNet`.
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check)``.
    seed : int
        Seeds initialisation, batch order and input noise.
    accuracy_threshold : float

    Returns
    -------
    StageResult
        One "dense" record.
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        net = _build_net(net_params)
        accuracy = net.train_round(*_as_tensors(data, net.device))
    record = make_record("dense", 0.0, accuracy, accuracy >= accuracy_threshold, net.module_.get_masks())
    return _result(net, [record])


def pruning_stage(net_params, data, state, stage, step, seed, accuracy_threshold, retrain_first=False, report=None):
    """Run one pruning stage from a network state; a pure function of its arguments.

    Parameters
    ----------
    net_params : dict
        Keyword arguments of :class:`SculptingNet`.
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check)``.
    state : dict of str to ndarray
        The trained network to start from (``StageResult.state``).
    stage : {"units", "edges"}
    step : float
        P_u or P_e, in percent.
    seed : int
        Seeds batch order and input noise.
    accuracy_threshold : float
    retrain_first : bool, default=False
        Train one round before pruning, kept only if it holds the threshold
        (the edge stage starts this way from the unit-pruned network).
    report : callable, optional
        Called with each record as it is made.

    Returns
    -------
    StageResult
    """
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        net = _build_net(net_params, state)
        tensors = _as_tensors(data, net.device)
        if retrain_first:
            before = net.module_.state_dict_copy()
            if net.train_round(*tensors) < accuracy_threshold:
                net.module_.load_state_dict(before)
        records = sculpt_stage(net, stage, step, tensors, accuracy_threshold, report)
    return _result(net, records)
