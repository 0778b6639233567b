"""The authors' own per-trial settings, read from ``data/reference_trials.csv``.

Each row of the file is one command line of the reference implementation's
``shell/`` folder: a trial (task, architecture, training settings, seed,
detection step size) and the (P_u, P_e) the authors picked for it. See
``data/README.md`` for where the numbers come from.
"""

import csv
import dataclasses
from dataclasses import asdict, dataclass
from pathlib import Path

from sksculpt.detection import ModuleDetector

from ..common.cache import cache_key
from ..common.tasks import task_slug, task_spec

#: The data file of the authors' trials.
DATA_PATH = Path(__file__).parent.parent / "data" / "reference_trials.csv"

#: Folders of the reference's ``shell/``, one experiment each.
EXPERIMENTS = ("exemplars", "input_overlap_exp", "increasing_hierarchical_levels", "non_separable_increasing_use")

_COLUMNS = (
    "experiment", "script", "line", "modularity", "family", "m", "overlap", "n_inputs", "n_outputs",
    "hidden_layer_sizes", "lr", "batch_size", "max_epochs", "seed", "unit_prune_step", "edge_prune_step", "step_size",
)


@dataclass(frozen=True)
class ReferenceTrial:
    """One trial of the reference: a task, an architecture, training settings and a seed.

    Attributes
    ----------
    experiment : str
        The folder of the reference's ``shell/`` (one of :data:`EXPERIMENTS`).
    family : str
        ``make_boolean_task`` name of the task.
    m, overlap : int or None
        ``make_boolean_task`` arguments (None where the family takes none).
    hidden_layer_sizes : tuple of int
    lr : float
    batch_size : int
    max_epochs : int
        Epochs per training round.
    seed : int
    step_size : int
        Reachability step size of the module detection.
    """

    experiment: str
    family: str
    m: int | None
    overlap: int | None
    hidden_layer_sizes: tuple
    lr: float
    batch_size: int
    max_epochs: int
    seed: int
    step_size: int

    @property
    def depth(self):
        """Number of hidden layers."""
        return len(self.hidden_layer_sizes)

    @property
    def width(self):
        """Units of the first hidden layer (all hidden layers have it in the reference)."""
        return self.hidden_layer_sizes[0]

    @property
    def task_kwargs(self):
        """The ``make_boolean_task`` keyword arguments of the task."""
        return {name: value for name, value in (("overlap", self.overlap), ("m", self.m)) if value is not None}

    @property
    def task(self):
        """The task as a specification string, e.g. ``"overlap:overlap=2,m=16"``."""
        return task_spec(self.family, **self.task_kwargs)

    @property
    def label(self):
        """The readable part of the trial's cache keys: experiment, task, architecture and seed."""
        width = "x".join(map(str, self.hidden_layer_sizes))
        return f"{self.experiment}_{task_slug(self.task)}_h{width}_s{self.seed}"

    def key(self):
        """The cache key of the trial, with a digest of every field (see :func:`~benchmarks.common.cache.cache_key`).

        Two trials with the same task, architecture and seed but other
        settings get different keys, so a cached result is never mistaken
        for another configuration's.
        """
        return cache_key(self.label, asdict(self))


@dataclass(frozen=True)
class ReferenceRow:
    """One line of the reference's ``shell/``: a trial and the (P_u, P_e) the authors picked.

    Attributes
    ----------
    trial : ReferenceTrial
    unit_prune_step : float
        P_u, percent of hidden units per unit-pruning step.
    edge_prune_step : float
        P_e, percent of edges per edge-pruning step.
    script : str
        The shell script of the line.
    line : int
        Its line number (1-based).
    modularity : tuple of int
        The reference's name of the task.
    """

    trial: ReferenceTrial
    unit_prune_step: float
    edge_prune_step: float
    script: str
    line: int
    modularity: tuple

    def key(self):
        """A file-name-safe identifier of the trial at this pick."""
        return f"{self.trial.key()}_pu{self.unit_prune_step:g}_pe{self.edge_prune_step:g}"


def _optional_int(text):
    return int(text) if text else None


def _integers(text):
    return tuple(int(value) for value in text.split())


def parse_row(record):
    """A :class:`ReferenceRow` from one CSV record (a dict of column name to text).

    Raises
    ------
    ValueError
        If a column is missing or unexpected, the experiment is unknown, or
        the architecture's ends disagree with the task's inputs and outputs.
    """
    if set(record) != set(_COLUMNS):
        raise ValueError(f"Columns {sorted(record)} differ from the expected {list(_COLUMNS)}.")
    if record["experiment"] not in EXPERIMENTS:
        raise ValueError(f"Unknown experiment {record['experiment']!r}; expected one of {EXPERIMENTS}.")
    trial = ReferenceTrial(
        experiment=record["experiment"],
        family=record["family"],
        m=_optional_int(record["m"]),
        overlap=_optional_int(record["overlap"]),
        hidden_layer_sizes=_integers(record["hidden_layer_sizes"]),
        lr=float(record["lr"]),
        batch_size=int(record["batch_size"]),
        max_epochs=int(record["max_epochs"]),
        seed=int(record["seed"]),
        step_size=int(record["step_size"]),
    )
    modularity = _integers(record["modularity"])
    if (modularity[0], modularity[-1]) != (int(record["n_inputs"]), int(record["n_outputs"])):
        raise ValueError(f"Line {record['line']} of {record['script']}: architecture ends differ from {modularity}.")
    return ReferenceRow(
        trial, float(record["unit_prune_step"]), float(record["edge_prune_step"]), record["script"],
        int(record["line"]), modularity,
    )


def read_reference_rows(path=DATA_PATH):
    """Every row of the data file, in file order.

    Parameters
    ----------
    path : str or path-like, default=DATA_PATH

    Returns
    -------
    rows : tuple of ReferenceRow
    """
    with open(path, newline="") as file:
        return tuple(parse_row(record) for record in csv.DictReader(file))


def group_by_trial(rows):
    """The rows of each trial, trials in first-seen order.

    Parameters
    ----------
    rows : iterable of ReferenceRow

    Returns
    -------
    groups : dict of ReferenceTrial to tuple of ReferenceRow
        A few trials have more than one row: the authors listed several picks.
    """
    groups = {}
    for row in rows:
        groups.setdefault(row.trial, []).append(row)
    return {trial: tuple(group) for trial, group in groups.items()}


def select_rows(rows, experiments=None, seeds=None, widths=None, depths=None, ms=None, overlaps=None):
    """The rows whose trial matches every given filter (None: no filter)."""
    filters = (
        (experiments, lambda trial: trial.experiment),
        (seeds, lambda trial: trial.seed),
        (widths, lambda trial: trial.width),
        (depths, lambda trial: trial.depth),
        (ms, lambda trial: trial.m),
        (overlaps, lambda trial: trial.overlap),
    )
    return tuple(
        row for row in rows
        if all(allowed is None or field(row.trial) in allowed for allowed, field in filters)
    )


def classifier_params(trial):
    """``SculptingClassifier`` keyword arguments of a trial, without P_u and P_e.

    The reference's other settings (weight decay, input noise, accuracy
    threshold, merge and modularity thresholds) are the classifier's
    defaults. A ``ModuleDetector`` is passed only when the trial's step size
    differs from the detector's default (hidden layers + 1).

    Parameters
    ----------
    trial : ReferenceTrial

    Returns
    -------
    params : dict
    """
    params = dict(
        hidden_layer_sizes=trial.hidden_layer_sizes,
        lr=trial.lr,
        batch_size=trial.batch_size,
        max_epochs=trial.max_epochs,
        random_state=trial.seed,
    )
    if trial.step_size != trial.depth + 1:
        params["detector"] = ModuleDetector(step_size=trial.step_size)
    return params


def row_params(row):
    """``SculptingClassifier`` keyword arguments of a row: its trial's, at the authors' (P_u, P_e)."""
    return dict(classifier_params(row.trial), unit_prune_step=row.unit_prune_step, edge_prune_step=row.edge_prune_step)


def exemplar_row(rows, exemplar):
    """The one row of ``rows`` with a poster exemplar's task, architecture, seed and P_u / P_e.

    Parameters
    ----------
    rows : sequence of ReferenceRow
    exemplar : PosterExemplar
        See :data:`benchmarks.common.facts.POSTER_EXEMPLARS`.

    Raises
    ------
    ValueError
        If no row or more than one matches.
    """
    matches = [
        row for row in rows
        if (row.trial.task, row.trial.hidden_layer_sizes, row.trial.seed, row.unit_prune_step,
            row.edge_prune_step) == (exemplar.task, exemplar.hidden_layer_sizes, exemplar.seed,
                                     exemplar.unit_prune_step, exemplar.edge_prune_step)
    ]
    if len(matches) != 1:
        raise ValueError(f"{len(matches)} rows match the exemplar {exemplar}; expected 1.")
    return matches[0]


def reseeded(row, seed):
    """The row with its trial's seed replaced (settings and pick unchanged)."""
    return dataclasses.replace(row, trial=dataclasses.replace(row.trial, seed=seed))
