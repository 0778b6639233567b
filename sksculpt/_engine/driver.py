"""The pruning driver: one pruning stage run on every net of a stack in lockstep."""

import numpy as np

from .._records import make_record
from ..pruning import (
    AccuracyBar,
    PruningSchedule,
    density,
    edge_magnitude,
    prune_edges,
    prune_units,
    unit_masks,
)
from .stack import AcceptedNetworks


def _unit_scores(net, masks, X_check, y_check, check_weight):
    return net.unit_scores(X_check, y_check, check_weight)


def _unit_candidate(scores, masks, target):
    return unit_masks(masks, prune_units(scores, target))


def _unit_schedule(masks):
    n_hidden = sum(m.shape[1] for m in masks[:-1])
    return 0.0, 100.0 / n_hidden


def _edge_scores(net, masks, X_check, y_check, check_weight):
    return [edge_magnitude(net.module_.get_weights(position), masks[position]) for position in range(net.n_nets)]


def _edge_schedule(masks):
    return 100.0 * (1.0 - density(masks)), 100.0 / sum(m.size for m in masks)


def acceptance_rules(accuracy_threshold, n_nets):
    """Each net's acceptance rule: those given, or an :class:`~sksculpt.pruning.AccuracyBar` per threshold."""
    if np.ndim(accuracy_threshold) == 0 and not hasattr(accuracy_threshold, "accepts"):
        accuracy_threshold = [accuracy_threshold] * n_nets
    rules = [rule if hasattr(rule, "accepts") else AccuracyBar(float(rule)) for rule in accuracy_threshold]
    if len(rules) != n_nets:
        raise ValueError(f"{len(rules)} acceptance rules for {n_nets} stacked nets; give one per net, or one for all.")
    return rules


#: For each pruning stage: the scores of every stacked net's accepted network,
#: the candidate masks one net's scores give for a target, and where its
#: schedule starts (percent already pruned) with its smallest step.
PRUNING_STAGES = {
    "units": (_unit_scores, _unit_candidate, _unit_schedule),
    "edges": (_edge_scores, prune_edges, _edge_schedule),
}


def prune(net, stage, steps, data, accuracy_threshold, retrain_first=False, report=None, finished=None):
    """Run one pruning stage on every net of a stack in lockstep; each keeps its last accepted network.

    Net ``k`` follows its own :class:`~sksculpt.pruning.PruningSchedule`
    with initial step ``steps[k]``: every step prunes its accepted network
    to the next cumulative target, all nets with a step to try retrain
    together for one round, and each net keeps its step only if its check
    accuracy passes its acceptance rule (otherwise it goes back to its
    accepted network). A target of 100 % or more is rejected untried. A
    net whose schedule has ended is taken out of the stack, so it costs
    no more work; at the end the stack holds every net again, in order.

    Parameters
    ----------
    net : SculptingNet
        Initialised, its nets trained; left holding each net's result.
    stage : {"units", "edges"}
        Hidden units by loss sensitivity, or edges by weight magnitude.
    steps : sequence of float
        The initial step P of each net, in percent (``P_u`` or ``P_e``).
    data : tuple of torch.Tensor
        ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
        the weights may be None.
    accuracy_threshold : float, sequence of float, or sequence of acceptance rules
        The check accuracy a step must reach, for all nets or for each
        net, or each net's rule: an object whose ``accepts(accuracy,
        correct)`` says whether a step with this check accuracy and these
        right and wrong check decisions passes
        (:class:`~sksculpt.pruning.PairedTest`,
        :class:`~sksculpt.pruning.AccuracyBar`).
    retrain_first : bool, default=False
        Train one round before pruning, kept by each net only if it passes
        its rule (the edge stage starts this way).
    report : callable, optional
        ``report(net, record)``, called with each net's records as they are made.
    finished : callable, optional
        ``finished(net, records)``, called when a net's schedule ends.

    Returns
    -------
    records : list of list of SculptRecord
        For each net, one record per step, in order.
    """
    scores_of, candidate_masks, schedule_of = PRUNING_STAGES[stage]
    X_check, y_check, check_weight = data[2], data[3], data[5]
    n_nets, generators = net.n_nets, net.generators_
    rules = acceptance_rules(accuracy_threshold, n_nets)
    records = [[] for _ in range(n_nets)]
    final_states = [None] * n_nets

    def passes(accuracy, correct):
        return np.array([
            rules[ident].accepts(accuracy[position], correct[position]) for position, ident in enumerate(net.net_ids_)
        ], dtype=bool)

    def record(ident, target, accuracy, accepted, masks):
        records[ident].append(make_record(stage, target, accuracy, accepted, masks))
        if report is not None:
            report(ident, records[ident][-1])

    accepted_networks = AcceptedNetworks(net.module_)
    round_ = 0
    if retrain_first:
        kept = passes(*net.train_round(*data, stage, round_, return_correct=True))
        accepted_networks.revert(net.module_, ~kept)
        accepted_networks.accept(net.module_, kept)
    accepted_masks = [net.module_.get_masks(position) for position in range(n_nets)]
    schedules = [
        PruningSchedule(start, step, step_min)
        for step, (start, step_min) in zip(steps, map(schedule_of, accepted_masks), strict=True)
    ]
    while True:
        for ident in net.net_ids_:
            schedule = schedules[ident]
            while not schedule.done and schedule.target >= 100:
                record(ident, schedule.target, np.nan, False, [np.zeros_like(m) for m in accepted_masks[ident]])
                schedule.update(False)
        for position, ident in enumerate(net.net_ids_):
            if schedules[ident].done:
                final_states[ident] = net.module_.net_state(position)
                if finished is not None:
                    finished(ident, records[ident])
        active = [position for position, ident in enumerate(net.net_ids_) if not schedules[ident].done]
        if not active:
            break
        if len(active) < net.n_nets:
            net.keep_nets(active)
            accepted_networks.keep(active)
        scores = scores_of(net, [accepted_masks[ident] for ident in net.net_ids_], X_check, y_check, check_weight)
        candidates = [
            candidate_masks(scores[position], accepted_masks[ident], schedules[ident].target)
            for position, ident in enumerate(net.net_ids_)
        ]
        net.module_.set_stacked_masks(candidates)
        round_ += 1
        accuracy, correct = net.train_round(*data, stage, round_, return_correct=True)
        accepted = passes(accuracy, correct)
        accepted_networks.revert(net.module_, ~accepted)
        accepted_networks.accept(net.module_, accepted)
        for position, ident in enumerate(net.net_ids_):
            record(ident, schedules[ident].target, accuracy[position], accepted[position], candidates[position])
            if accepted[position]:
                accepted_masks[ident] = candidates[position]
            schedules[ident].update(accepted[position])
    net.restack(final_states, generators)
    return records
