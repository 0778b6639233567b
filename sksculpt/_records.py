"""What each step of sculpting leaves: one record per training round."""

from dataclasses import dataclass

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
