"""The paper's experimental protocol: tasks, architectures, seeds, training settings.

The values are the paper's (:mod:`benchmarks.common.facts`, read from
``benchmarks/data/paper_facts.json``, which names their sources). Where the
reference gives a range of training settings, the data file also holds the
value taken here.
"""

from dataclasses import asdict, dataclass

from ..common.cache import cache_key
from ..common.facts import TRAINING_SETTINGS
from ..common.tasks import parse_task, task_slug


def training_settings(spec, depth):
    """``dict(lr=, batch_size=, max_epochs=)`` of a task at a number of hidden layers.

    A depth outside a family's rows takes its nearest row.
    """
    by_depth = TRAINING_SETTINGS[parse_task(spec)[0]]
    nearest = min(max(depth, min(by_depth)), max(by_depth))
    lr, batch_size, max_epochs = by_depth[nearest]
    return dict(lr=lr, batch_size=batch_size, max_epochs=max_epochs)


@dataclass(frozen=True)
class Trial:
    """One trial of the protocol: a task, an architecture and a seed.

    Attributes
    ----------
    task : str
        Task specification (see :func:`benchmarks.common.tasks.parse_task`).
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
        """The cache key of this trial on ``grid`` with its training settings.

        See :func:`~benchmarks.common.cache.cache_key`.
        """
        configuration = dict(grid=asdict(grid), settings=training_settings(self.task, self.depth))
        return cache_key(f"{task_slug(self.task)}_w{self.width}_d{self.depth}_s{self.seed}", configuration)


def make_trials(tasks, widths, depths, seeds):
    """Every (task, width, depth, seed) combination, in that nesting order."""
    return [Trial(task, width, depth, seed) for task in tasks for width in widths for depth in depths for seed in seeds]
