"""The prune-retrain schedule of Neural Sculpting, independent of what is pruned."""

from numbers import Real
from typing import NamedTuple

from sklearn.utils._param_validation import validate_params

from .._validation import StrictInterval


class PruningStep(NamedTuple):
    """One step of the schedule: the cumulative target tried and whether it held."""

    target: float
    accepted: bool


class PruningSchedule:
    """The step-by-step state of one prune-retrain schedule.

    The targets follow the linear schedule ``start + step * i`` (i = 1, 2, ...)
    until a step is rejected; from then on each target is the last accepted
    one plus the current step, and each rejection halves the step, never below
    ``step_min``. The schedule is done after the first rejection of a step of
    size ``step_min``. A caller reads :attr:`target`, tries it, and reports the
    outcome to :meth:`update`, so many schedules can advance in lockstep.

    Parameters
    ----------
    start : float
        Percentage already pruned when the schedule begins.
    step : float
        The initial step P, in percent (``P_u`` or ``P_e``).
    step_min : float
        Smallest step, in percent (one unit or one edge).

    Attributes
    ----------
    steps : list of PruningStep
        Every target tried so far, with its outcome.
    done : bool
        Whether the schedule has ended.
    """

    def __init__(self, start, step, step_min):
        if not (step > 0 and step_min > 0):
            raise ValueError(f"step and step_min must be positive; got step={step}, step_min={step_min}.")
        self.steps = []
        self.done = False
        self._start = start
        self._step = step
        self._step_min = step_min
        self._last_accepted = start
        self._follow_schedule = True
        self._i = 1

    @property
    def target(self):
        """The next cumulative target, in percent."""
        if self._follow_schedule:
            return float(self._start + self._step * self._i)
        return float(self._last_accepted + self._step)

    def update(self, accepted):
        """Record whether :attr:`target` held, and move to the next target."""
        target = self.target
        self.steps.append(PruningStep(target, bool(accepted)))
        if accepted:
            self._last_accepted = target
        elif self._step > self._step_min:
            self._follow_schedule = False
            self._step = max(self._step / 2, self._step_min)
        else:
            self.done = True
        self._i += 1


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
    """Prune ever more, halving the step after each rejection (see :class:`PruningSchedule`).

    A target of 100 % or more is rejected without being tried. Restoring the
    last accepted network after a rejection is the job of ``try_target``: it
    should only commit a network it accepts.

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
    schedule = PruningSchedule(start, step, step_min)
    while not schedule.done:
        target = schedule.target
        schedule.update(target < 100 and try_target(target))
    return schedule.steps
