"""Progress lines of long fits: per epoch (a skorch callback), and over a whole search."""

import time

import numpy as np
from skorch.callbacks import Callback


class EpochProgress(Callback):
    """Print a line after every training epoch of a :class:`~sksculpt._net.SculptingNet`.

    Reads the history entries the epoch just wrote (one per stacked net):
    the stage and round, the epoch, and for one net its training loss, check
    loss and check accuracy, for several nets the range of their check
    accuracies; then the epoch's time.

    Parameters
    ----------
    sink : callable, default=print
        Called with each line (skorch's ``PrintLog`` convention).
    """

    def __init__(self, sink=print):
        self.sink = sink

    def on_epoch_end(self, net, **kwargs):
        entries = net.history[-net.n_nets:]
        last = entries[-1]
        where = f"[sksculpt] {last['stage']:>5} round {last['round']} epoch {last['epoch']}/{net.max_epochs}"
        if len(entries) == 1:
            figures = (
                f"train loss {last['train_loss']:.4f}  check loss {last['valid_loss']:.4f}  "
                f"check accuracy {last['check_accuracy']:.4f}"
            )
        else:
            accuracy = np.array([entry["check_accuracy"] for entry in entries])
            figures = f"{len(entries)} nets, check accuracy {accuracy.min():.4f} to {accuracy.max():.4f}"
        self.sink(f"{where}  {figures}  {last['dur']:.1f} s")


def _seconds(seconds):
    """A duration as printed: ``"42 s"``, ``"3 min 05 s"``."""
    seconds = int(round(seconds))
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60:02d} s"


class SearchProgress:
    """Overall progress lines of a :class:`~sksculpt.SculptingClassifierCV` search.

    Counts the networks of the whole search as they end their unit stage,
    their edge stage (sculpted) and their detection (modules and spurious
    paths), and prints one line about all of them: networks sculpted and
    detected of all, the stage sculpting is in, the time elapsed since the
    search began and, once networks have finished, about how long is left.
    The time between two events goes to the phase of the second; the time
    left is each phase's time per finished network times its networks left
    (sculpting's alone until a network has been detected).

    Parameters
    ----------
    n_networks : int
        Networks of the search (seeds x folds x P_u x P_e).
    n_unit_runs : int
        Unit stages of the search (seeds x folds x P_u).
    verbose : int
        1 prints a line at most every ``interval`` seconds, and when the
        last network is sculpted and detected; 2 also a line per network as
        it ends a stage.
    sink : callable, default=print
        Called with each line.
    interval : float, default=10.0
        Least time between two throttled lines, in seconds.
    clock : callable, default=time.perf_counter
    part : str, default=""
        Written before each line, such as ``"part 2 of 4: "`` for the
        share of the search one joblib worker runs.

    Examples
    --------
    >>> times = iter([0.0, 4.0, 12.0, 20.0, 22.0, 24.0])
    >>> progress = SearchProgress(2, 1, verbose=1, sink=print, clock=lambda: next(times))
    >>> progress.units_done()  # 4 s: no line yet
    >>> progress.edges_done()
    [sksculpt] 1/2 networks sculpted (edge pruning), 0/2 detected, 12 s elapsed, about 12 s of sculpting left
    >>> progress.edges_done()
    [sksculpt] 2/2 networks sculpted, 0/2 detected, 20 s elapsed
    >>> progress.network_detected()
    >>> progress.network_detected()
    [sksculpt] 2/2 networks sculpted, 2/2 detected, 24 s elapsed
    """

    def __init__(self, n_networks, n_unit_runs, verbose, sink=print, interval=10.0, clock=time.perf_counter,
                 part=""):
        self.n_networks, self.n_unit_runs, self.verbose = n_networks, n_unit_runs, verbose
        self.sink, self.interval, self.clock, self.part = sink, interval, clock, part
        self.start = self.last_event = self.last_line = clock()
        self.units, self.sculpted, self.detected = 0, 0, 0
        self.sculpting_time = self.detection_time = 0.0

    def units_done(self, detail=""):
        """A network ended its unit stage; ``detail`` is its line at ``verbose >= 2``."""
        self.units += 1
        self.sculpting_time += self._tick()
        self._report(detail, finished=False)

    def edges_done(self, detail=""):
        """A network ended its edge stage: it is sculpted."""
        self.sculpted += 1
        self.sculpting_time += self._tick()
        self._report(detail, finished=self.sculpted == self.n_networks)

    def loaded(self, n_unit_runs, n_networks):
        """Networks whose stages came from a cache (``memory``): counted as sculpted at once."""
        self.units += n_unit_runs
        self.sculpted += n_networks
        self.sculpting_time += self._tick()
        self._report(f"{n_networks} networks loaded from memory", finished=self.sculpted == self.n_networks)

    def network_detected(self):
        """A network's modules and spurious paths are found."""
        self.detected += 1
        self.detection_time += self._tick()
        self._report("", finished=self.detected == self.n_networks)

    def _tick(self):
        """Seconds since the last event."""
        now = self.clock()
        elapsed, self.last_event = now - self.last_event, now
        return elapsed

    def _report(self, detail, finished):
        if self.verbose >= 2 and detail:
            self.sink(f"[sksculpt] {self.part}{detail}")
        if finished or self.last_event - self.last_line >= self.interval:
            self.last_line = self.last_event
            self.sink(f"[sksculpt] {self.part}{self.line()}")

    def line(self):
        """The overall progress at the last event."""
        n = self.n_networks
        sculpted = f"{self.sculpted}/{n} networks sculpted"
        if self.sculpted < n:
            sculpted += " (unit pruning)" if self.units < self.n_unit_runs else " (edge pruning)"
        text = f"{sculpted}, {self.detected}/{n} detected, {_seconds(self.last_event - self.start)} elapsed"
        if self.detected == n or not self.sculpted:
            return text
        left = self.sculpting_time / self.sculpted * (n - self.sculpted)
        if not self.detected:
            return f"{text}, about {_seconds(left)} of sculpting left" if self.sculpted < n else text
        left += self.detection_time / self.detected * (n - self.detected)
        return f"{text}, about {_seconds(left)} left"
