"""What each step of sculpting leaves: one record per training round."""

import warnings
from dataclasses import dataclass

from .exceptions import StructureWarning
from .pruning import density


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


#: Share of edges above which a sculpted network counts as stalled (see :func:`stalled_density`).
STALL_DENSITY = 0.25


def stalled_density(records, max_density=STALL_DENSITY):
    """The density a sculpting run stopped at, when it stopped with much of the network left.

    A run that reached its accuracy bar but whose pruning steps kept failing
    it leaves a network denser than ``max_density``: its modules then show
    the wiring that survived, not what the task needs.

    Parameters
    ----------
    records : list of SculptRecord
        A run's ``sculpt_history_``.
    max_density : float, default=STALL_DENSITY

    Returns
    -------
    density : float or None
        The density of the network left, or None when it is at most
        ``max_density`` or when no round reached the bar (a convergence
        failure, not a stall).

    Examples
    --------
    >>> from sksculpt._records import SculptRecord, stalled_density
    >>> dense = SculptRecord("dense", 0.0, 0.9, True, 100, 10, 1.0)
    >>> failed = SculptRecord("units", 50.0, 0.8, False, 50, 5, 0.5)
    >>> stalled_density([dense, failed])
    1.0
    """
    accepted = [record for record in records if record.accepted]
    if not accepted or accepted[-1].density <= max_density:
        return None
    return accepted[-1].density


def warn_if_stalled(records):
    """Issue a :class:`~sksculpt.StructureWarning` when a sculpting run stalled (see :func:`stalled_density`).

    Parameters
    ----------
    records : list of SculptRecord
        A run's ``sculpt_history_``.
    """
    left = stalled_density(records)
    if left is None:
        return
    pruning = [record for record in records if record.stage != "dense"]
    rejected = sum(not record.accepted for record in pruning)
    warnings.warn(
        f"Sculpting stopped with {100 * left:.0f} % of the edges left: {rejected} of {len(pruning)} pruning "
        "steps failed the accuracy bar, so the modules read off this network show the wiring that survived "
        "rather than what the task needs. Give the bar room: on sampled data lower acceptance_alpha (the paired "
        "test's level), or set accuracy_tolerance (or raise it); train longer rounds (max_epochs), or check "
        "accuracy on more samples (validation_fraction).",
        StructureWarning,
        stacklevel=2,
    )
