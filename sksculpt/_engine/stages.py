"""The stages of sculpting as pure functions: the dense round, unit pruning, edge pruning.

Each stage trains many networks at once (one stacked :class:`SculptingNet`)
and returns one :class:`StageResult` per network. Each network's result
depends only on its own seed, state and pruning step, never on the networks
trained beside it, so a stage is a pure function of its arguments: it can be
cached (``memory=``) and a grid of settings trained together gives what each
setting gives alone.
"""

from dataclasses import dataclass

import numpy as np
import torch

from .._records import make_record
from .._validation import check_memory_location
from ..pruning import AccuracyBar, PairedTest, acceptance_threshold
from .driver import prune
from .net import SculptingNet


@dataclass(frozen=True)
class StageResult:
    """What a stage leaves of one network: its state, its records and its history.

    Attributes
    ----------
    state : dict of str to ndarray
        The network's state (weights, biases, masks) as numpy arrays.
    records : list of SculptRecord
    history : list of dict
        The history entries (one per epoch) of the stage's rounds.
    check_correct : ndarray of bool of shape (n_samples, n_decisions) or None
        Which check decisions the network gets right (kept by the dense
        round, for the paired test of its pruning steps).
    """

    state: dict
    records: list
    history: list
    check_correct: np.ndarray | None = None


def build_net(net_params, seeds, states=None):
    """A :class:`SculptingNet` stacking one network per seed, with ``states`` loaded when given."""
    return SculptingNet(**net_params).initialize_nets(seeds, states)


def _results(net, records, check_correct=None):
    histories = [[] for _ in range(net.n_nets)]
    for entry in net.history:  # one pass: the history holds every net's epochs
        histories[entry["net"]].append({key: value for key, value in entry.items() if key != "net"})
    return [
        StageResult(
            {name: value.cpu().numpy() for name, value in net.module_.net_state(position).items()},
            records[position], histories[position], None if check_correct is None else check_correct[position],
        )
        for position in range(net.n_nets)
    ]


def _as_tensors(data, device):
    return tuple(None if array is None else torch.as_tensor(array, device=device) for array in data)


def stage_rules(dense, accuracy_threshold, accuracy_tolerance=None, unit_accuracy_tolerance=None,
                acceptance_alpha=None, check_weight=None):
    """The acceptance rule of the unit stage and of the edge stage of each dense round.

    Parameters
    ----------
    dense : list of StageResult
        Dense rounds (:func:`dense_stage`), one per seed.
    accuracy_threshold : float or None
        The bar; None: the paired test against each dense network's check
        decisions (:class:`~sksculpt.pruning.PairedTest`), for sampled data.
    accuracy_tolerance, unit_accuracy_tolerance : float or None, default=None
        With a bar, each stage's :func:`~sksculpt.pruning.acceptance_threshold`
        follows its dense round's accuracy; ``unit_accuracy_tolerance`` (None:
        ``accuracy_tolerance``) is the unit stage's.
    acceptance_alpha : float or None, default=None
        The level of the paired test (needed without ``accuracy_threshold``).
    check_weight : ndarray or None, default=None
        The check samples' weights, for the paired test.

    Returns
    -------
    unit_rules, edge_rules : list
        One :class:`~sksculpt.pruning.AccuracyBar` or
        :class:`~sksculpt.pruning.PairedTest` per dense round.
    """
    if accuracy_threshold is None:
        tests = [PairedTest(result.check_correct, float(acceptance_alpha), check_weight) for result in dense]
        return tests, tests
    accuracies = [result.records[0].accuracy for result in dense]
    unit_tolerance = accuracy_tolerance if unit_accuracy_tolerance is None else unit_accuracy_tolerance
    return (
        [AccuracyBar(float(bar)) for bar in acceptance_threshold(accuracies, accuracy_threshold, unit_tolerance)],
        [AccuracyBar(float(bar)) for bar in acceptance_threshold(accuracies, accuracy_threshold, accuracy_tolerance)],
    )


def dense_stage(net_params, data, seeds, accuracy_threshold, accuracy_tolerance=None):
    """Initialise one network per seed and train them for one round.

    Parameters
    ----------
    net_params : dict
        Keyword arguments of :class:`~sksculpt._engine.net.SculptingNet`.
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
        the weights (each of mean 1) may be None.
    seeds : sequence of int
        One per network: seeds its initialisation, batch order and input noise.
    accuracy_threshold : float or None
        None: the paired test of sampled data, which the dense round passes
        (it is the network the test compares with).
    accuracy_tolerance : float or None, default=None
        See :func:`~sksculpt.pruning.acceptance_threshold`; the dense round
        is accepted when it reaches the threshold that it sets.

    Returns
    -------
    results : list of StageResult
        One per seed, each with one "dense" record and its ``check_correct``.
    """
    with torch.random.fork_rng(devices=[]):
        net = build_net(net_params, seeds)
        accuracy, correct = net.train_round(*_as_tensors(data, net.device), stage="dense", return_correct=True)
    if accuracy_threshold is None:
        accepted = np.ones(len(accuracy), dtype=bool)
    else:
        accepted = accuracy >= acceptance_threshold(accuracy, accuracy_threshold, accuracy_tolerance)
    records = [
        [make_record("dense", 0.0, accuracy[position], accepted[position], net.module_.get_masks(position))]
        for position in range(net.n_nets)
    ]
    return _results(net, records, correct)


def pruning_stage(net_params, data, states, stage, steps, seeds, accuracy_threshold, retrain_first=False,
                  report=None, finished=None):
    """Run one pruning stage from each of several network states, all trained together.

    Parameters
    ----------
    net_params : dict
        Keyword arguments of :class:`~sksculpt._engine.net.SculptingNet`.
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
        the weights (each of mean 1) may be None.
    states : sequence of dict
        The trained networks to start from (``StageResult.state``).
    stage : {"units", "edges"}
    steps : sequence of float
        P_u or P_e of each network, in percent.
    seeds : sequence of int
        One per network: seeds its batch order and input noise (drawn after
        an initialisation that the state overwrites).
    accuracy_threshold : float, sequence of float, or sequence of acceptance rules
        The check accuracy a step must reach, for all networks or for each,
        or each network's rule (see :func:`stage_rules`).
    retrain_first : bool, default=False
        Train one round before pruning, kept only if it holds the threshold
        (the edge stage starts this way from the unit-pruned network).
    report : callable, optional
        ``report(network, record)``, called with each record as it is made.
    finished : callable, optional
        ``finished(network, records)``, called when a network's schedule ends.

    Returns
    -------
    results : list of StageResult
        One per network, in order.
    """
    with torch.random.fork_rng(devices=[]):
        net = build_net(net_params, seeds, states)
        records = prune(
            net, stage, steps, _as_tensors(data, net.device), accuracy_threshold, retrain_first, report, finished
        )
    return _results(net, records)


def sculpt_grid(net_params, data, seeds, unit_steps, edge_steps, accuracy_threshold, accuracy_tolerance=None,
                unit_accuracy_tolerance=None, acceptance_alpha=None, memory=None, report=None, progress=None):
    """Sculpt one network per seed and grid point, training the grid's networks together.

    The one path from a dense network to a sculpted one, for a lone fit (a
    grid of one point) and a search alike. The dense round runs once per
    seed, the unit stage once per seed and P_u, and the edge stage once per
    seed, P_u and P_e; each stage trains all its networks as one stack, and
    every network gets what it gets trained alone.

    Parameters
    ----------
    net_params : dict
        Keyword arguments of :class:`~sksculpt._engine.net.SculptingNet`.
    data : tuple of ndarray
        ``(X_train, y_train, X_check, y_check, sample_weight, check_weight)``;
        the weights (each of mean 1) may be None.
    seeds : sequence of tuple of int
        For each seed, the seeds of its three stages (dense, units, edges).
    unit_steps, edge_steps : sequence of float
        The grid of P_u and P_e.
    accuracy_threshold : float or None
        None: each seed's pruning steps pass the paired test against its
        dense round at ``acceptance_alpha`` (see :func:`stage_rules`).
    accuracy_tolerance : float or None, default=None
        With a tolerance, each seed's pruning steps must reach the
        :func:`~sksculpt.pruning.acceptance_threshold` of its dense round.
    unit_accuracy_tolerance : float or None, default=None
        The unit stage's tolerance; None uses ``accuracy_tolerance``.
    acceptance_alpha : float or None, default=None
        The level of the paired test.
    memory : str, joblib.Memory or None, default=None
        Where the dense rounds and the unit stages are cached: neither
        depends on P_e, so fits that differ only in P_e compute them once.
    report : callable, optional
        ``report(record)``, called with each record as it is made.
    progress : callable, optional
        ``progress(stage, seed index, P_u, P_e, records)``, called as each
        network ends its unit stage (``P_e`` is None) or its edge stage.

    Returns
    -------
    results : dict
        ``(seed index, P_u, P_e) -> (dense, units, edges)``, the
        :class:`StageResult` of each stage of that network.
    """
    memory = check_memory_location(memory)
    dense = memory.cache(dense_stage)(
        net_params, data, [stage_seeds[0] for stage_seeds in seeds], accuracy_threshold, accuracy_tolerance
    )
    if report is not None:
        for result in dense:
            report(result.records[0])
    unit_rules, edge_rules = stage_rules(
        dense, accuracy_threshold, accuracy_tolerance, unit_accuracy_tolerance, acceptance_alpha, data[5]
    )
    unit_jobs = [(seed, unit_step) for seed in range(len(seeds)) for unit_step in unit_steps]
    edge_jobs = [(job, edge_step) for job in range(len(unit_jobs)) for edge_step in edge_steps]

    def report_record(network, record):
        report(record)

    def unit_done(network, records):
        progress("units", *unit_jobs[network], None, records)

    def edge_done(network, records):
        job, edge_step = edge_jobs[network]
        progress("edges", *unit_jobs[job], edge_step, records)

    unit_args = (
        net_params, data, [dense[seed].state for seed, _ in unit_jobs], "units",
        [unit_step for _, unit_step in unit_jobs], [seeds[seed][1] for seed, _ in unit_jobs],
        [unit_rules[seed] for seed, _ in unit_jobs],
    )
    cached_units = memory.cache(pruning_stage, ignore=["report", "finished"])
    loaded = report is not None and cached_units.check_call_in_cache(*unit_args)
    units = cached_units(
        *unit_args, report=report_record if report and not loaded else None, finished=unit_done if progress else None,
    )
    if loaded:  # the unit stages came from memory: their records are reported as they were made
        for result in units:
            for record in result.records:
                report(record)
    edges = pruning_stage(
        net_params, data, [units[job].state for job, _ in edge_jobs], "edges",
        [edge_step for _, edge_step in edge_jobs], [seeds[unit_jobs[job][0]][2] for job, _ in edge_jobs],
        [edge_rules[unit_jobs[job][0]] for job, _ in edge_jobs], retrain_first=True,
        report=report_record if report else None, finished=edge_done if progress else None,
    )
    return {
        (*unit_jobs[job], edge_step): (dense[unit_jobs[job][0]], units[job], result)
        for (job, edge_step), result in zip(edge_jobs, edges, strict=True)
    }
