"""The paper's experimental protocol: tasks, architectures, seeds, training settings, grid.

Values come from ``TASKS.md`` (the reference training settings and results).
Where the reference gives a range, the value picked here is noted next to it.
"""

import hashlib
import json
from dataclasses import asdict, dataclass

from sksculpt.datasets import make_boolean_task

#: P_u (percent of hidden units) and P_e (percent of edges) the paper searched per trial.
PAPER_UNIT_STEPS = tuple(float(step) for step in range(5, 71, 5))
PAPER_EDGE_STEPS = (0.5, 1.0, 1.5, 2.0, 2.5)
PAPER_WIDTHS = (24, 36, 48)
PAPER_DEPTHS = (1, 2, 3)
PAPER_SEEDS = (0, 1, 2, 5)

#: The four tasks of the paper's headline table, as task specifications.
HEADLINE_TASKS = ("input_separable", "reused:m=16", "separable_reused", "single")

#: Success the paper reports (successes, trials) per headline task.
PAPER_SUCCESS = {
    "input_separable": (36, 36),
    "reused:m=16": (35, 36),
    "separable_reused": (36, 36),
    "single": (36, 36),
}

#: (lr, batch size, epochs per round) per task family and number of hidden layers.
#: Ranges of the reference, and the value used: single, 1 layer, 20-40 epochs -> 30;
#: single, 2 layers, lr 0.05-0.1 -> 0.1, 20-30 epochs -> 25; reused, 1 layer,
#: 20-40 -> 30; reused, 2 layers, 20-60 -> 40; reused, 3 layers, batch 8-16 -> 8,
#: 30-40 epochs -> 30. The depth family has no reference setting: it takes the
#: overlap family's (same inputs and sub-functions), with the 3-layer setting
#: for 4 hidden layers. A depth outside a family's rows takes its nearest row.
TRAINING_SETTINGS = {
    "input_separable": {1: (0.05, 8, 15), 2: (0.05, 8, 10), 3: (0.05, 8, 20)},
    "separable_reused": {1: (0.05, 32, 15), 2: (0.05, 32, 10), 3: (0.05, 32, 15)},
    "single": {1: (0.1, 8, 30), 2: (0.1, 8, 25), 3: (0.1, 8, 30)},
    "reused": {1: (0.1, 8, 30), 2: (0.1, 8, 40), 3: (0.1, 8, 30)},
    "overlap": {1: (0.1, 32, 15), 2: (0.1, 32, 40), 3: (0.05, 32, 40)},
    "depth": {2: (0.1, 32, 40), 3: (0.05, 32, 40), 4: (0.05, 32, 40)},
}


def parse_task(spec):
    """Split a task specification into the family name and its keyword arguments.

    Parameters
    ----------
    spec : str
        ``"name"`` or ``"name:key=value,key=value"`` with integer values, e.g.
        ``"reused:m=16"`` or ``"overlap:overlap=2,m=16"``.

    Returns
    -------
    name : str
    kwargs : dict of str to int

    Raises
    ------
    ValueError
        If the family has no training setting or an argument is not ``key=int``.

    Examples
    --------
    >>> parse_task("overlap:overlap=2,m=16")
    ('overlap', {'overlap': 2, 'm': 16})
    """
    name, _, arguments = spec.partition(":")
    if name not in TRAINING_SETTINGS:
        raise ValueError(f"Unknown task {name!r} in {spec!r}; choose from {sorted(TRAINING_SETTINGS)}.")
    kwargs = {}
    for argument in filter(None, arguments.split(",")):
        key, _, value = argument.partition("=")
        if not value.lstrip("-").isdigit():
            raise ValueError(f"Task argument {argument!r} of {spec!r} must read key=integer, e.g. m=16.")
        kwargs[key] = int(value)
    return name, kwargs


def load_task(spec):
    """The complete truth table and function graph of a task specification (a Bunch)."""
    name, kwargs = parse_task(spec)
    return make_boolean_task(name, **kwargs)


def training_settings(spec, depth):
    """``dict(lr=, batch_size=, max_epochs=)`` of a task at a number of hidden layers."""
    by_depth = TRAINING_SETTINGS[parse_task(spec)[0]]
    nearest = min(max(depth, min(by_depth)), max(by_depth))
    lr, batch_size, max_epochs = by_depth[nearest]
    return dict(lr=lr, batch_size=batch_size, max_epochs=max_epochs)


@dataclass(frozen=True)
class Grid:
    """The P_u x P_e grid searched in every trial.

    Attributes
    ----------
    unit_steps : tuple of float
        P_u values, percent of hidden units.
    edge_steps : tuple of float
        P_e values, percent of edges.
    """

    unit_steps: tuple = PAPER_UNIT_STEPS
    edge_steps: tuple = PAPER_EDGE_STEPS

    def points(self):
        """Every ``(P_u, P_e)`` pair, P_u-major (the unit stage is shared by consecutive points)."""
        return [(unit, edge) for unit in self.unit_steps for edge in self.edge_steps]


@dataclass(frozen=True)
class Trial:
    """One trial of the protocol: a task, an architecture and a seed.

    Attributes
    ----------
    task : str
        Task specification (see :func:`parse_task`).
    width : int
        Units per hidden layer.
    depth : int
        Number of hidden layers.
    seed : int
        ``random_state`` of every fit of the trial.
    """

    task: str
    width: int
    depth: int
    seed: int

    @property
    def hidden_layer_sizes(self):
        return (self.width,) * self.depth

    def key(self, grid):
        """A file-name-safe identifier of this trial on ``grid`` with its training settings.

        The digest changes with the grid or the settings, so results of another
        configuration are never mistaken for this one's.
        """
        configuration = dict(grid=asdict(grid), settings=training_settings(self.task, self.depth))
        digest = hashlib.sha1(json.dumps(configuration, sort_keys=True).encode()).hexdigest()[:10]
        task = self.task.replace(":", "-").replace(",", "-").replace("=", "")
        return f"{task}_w{self.width}_d{self.depth}_s{self.seed}_{digest}"


def make_trials(tasks, widths, depths, seeds):
    """Every (task, width, depth, seed) combination, in that nesting order."""
    return [Trial(task, width, depth, seed) for task in tasks for width in widths for depth in depths for seed in seeds]
