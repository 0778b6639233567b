"""The prune-retrain schedule of Neural Sculpting, independent of what is pruned."""

from numbers import Real
from typing import NamedTuple

from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval


class PruningStep(NamedTuple):
    """One step of the schedule: the cumulative target tried and whether it held."""

    target: float
    accepted: bool


@validate_params(
    {
        "try_target": [callable],
        "start": [StrictInterval(Real, 0, 100, closed="left")],
        "step": [StrictInterval(Real, 0, None, closed="neither")],
        "step_min": [StrictInterval(Real, 0, None, closed="neither")],
    },
    prefer_skip_nested_validation=True,
)
def run_pruning_schedule(try_target, *, start, step, step_min):
    """Prune ever more, halving the step after each rejection.

    The targets follow the linear schedule ``start + step * i`` (i = 1, 2, ...)
    until a step is rejected; from then on each target is the last accepted
    one plus the current step, and each rejection halves the step, never below
    ``step_min``. A target of 100 % or more is rejected without being tried.
    The schedule stops at the first rejection of a step of size ``step_min``.
    Restoring the last accepted network after a rejection is the job of
    ``try_target``: it should only commit a network it accepts.

    Parameters
    ----------
    try_target : callable
        ``try_target(target) -> bool``: prune to the cumulative ``target``
        percent, retrain, and return True when the accuracy holds.
    start : float
        Percentage already pruned when the schedule begins.
    step : float
        The initial step P, in percent (``P_u`` or ``P_e``).
    step_min : float
        Smallest step, in percent (one unit or one edge).

    Returns
    -------
    steps : list of PruningStep
        Every target in the order tried, with its outcome.

    Examples
    --------
    >>> steps = run_pruning_schedule(lambda t: t <= 50, start=0, step=30, step_min=10)
    >>> [(s.target, s.accepted) for s in steps]
    [(30.0, True), (60.0, False), (45.0, True), (60.0, False), (55.0, False)]
    """
    steps = []
    follow_schedule = True
    last_accepted = start
    i = 1
    while True:
        target = float(start + step * i if follow_schedule else last_accepted + step)
        accepted = target < 100 and bool(try_target(target))
        steps.append(PruningStep(target, accepted))
        if accepted:
            last_accepted = target
        elif step > step_min:
            follow_schedule = False
            step = max(step / 2, step_min)
        else:
            return steps
        i += 1
