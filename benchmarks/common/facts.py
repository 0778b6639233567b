"""The facts of the paper the benchmarks need, read from ``benchmarks/data/paper_facts.json``.

The file names the source of each group of facts (the paper, its poster, the
authors' implementation); ``benchmarks/data/README.md`` describes it.
"""

import json
from dataclasses import dataclass
from pathlib import Path

#: The data file of the paper's facts.
FACTS_PATH = Path(__file__).parent.parent / "data" / "paper_facts.json"

_FACTS = json.loads(FACTS_PATH.read_text())

#: P_u (percent of hidden units) and P_e (percent of edges) the paper searched per trial.
PAPER_UNIT_STEPS = tuple(_FACTS["grid"]["unit_prune_steps"])
PAPER_EDGE_STEPS = tuple(_FACTS["grid"]["edge_prune_steps"])
PAPER_WIDTHS = tuple(_FACTS["architectures"]["widths"])
PAPER_DEPTHS = tuple(_FACTS["architectures"]["depths"])
PAPER_SEEDS = tuple(_FACTS["architectures"]["seeds"])

#: Success the poster reports, ``(successes, trials)``, per task of its headline table.
PAPER_SUCCESS = {task: tuple(count) for task, count in _FACTS["headline_success"]["tasks"].items()}

#: The four tasks of the headline table, as task specifications.
HEADLINE_TASKS = tuple(PAPER_SUCCESS)

#: ``(lr, batch size, epochs per round)`` per task family and number of hidden layers: the
#: reference's values, or the value taken inside the reference's range (see the data file).
TRAINING_SETTINGS = {
    family: {int(depth): tuple(setting["used"]) for depth, setting in by_depth.items()}
    for family, by_depth in _FACTS["training_settings"]["families"].items()
}


@dataclass(frozen=True)
class PosterExemplar:
    """A net the poster shows: its trial, the authors' pick, and what the figure reads.

    Attributes
    ----------
    figure : str
    task : str
        Task specification (see :func:`benchmarks.common.tasks.parse_task`).
    hidden_layer_sizes : tuple of int
    lr : float
    batch_size : int
    max_epochs : int
    seed : int
    unit_prune_step, edge_prune_step : float
    density : float
        Density after sculpting, a fraction.
    units_left : tuple of int or None
        Units per layer the figure shows, inputs first (None where the poster does not give them).
    """

    figure: str
    task: str
    hidden_layer_sizes: tuple
    lr: float
    batch_size: int
    max_epochs: int
    seed: int
    unit_prune_step: float
    edge_prune_step: float
    density: float
    units_left: tuple | None


def _exemplar(row):
    values = dict(zip(_FACTS["poster_exemplars"]["columns"], row, strict=True))
    values["hidden_layer_sizes"] = tuple(values["hidden_layer_sizes"])
    values["units_left"] = tuple(values["units_left"]) if values["units_left"] else None
    return PosterExemplar(**values)


#: The poster's exemplar nets; each is a row of ``data/reference_trials.csv``.
POSTER_EXEMPLARS = tuple(_exemplar(row) for row in _FACTS["poster_exemplars"]["rows"])
