"""The P_u x P_e grid of a trial, and a task sculpted over it from several seeds as one stacked program."""

import time
from dataclasses import dataclass

from sksculpt import SculptingClassifier
from sksculpt._grid import fit_grid  # the one documented internal entry point (README, Architecture)
from sksculpt.metrics import make_hierarchy_scorer

from .facts import PAPER_EDGE_STEPS, PAPER_UNIT_STEPS
from .points import point_record


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


def sculpt_over_grid(task, params, seeds, unit_steps, edge_steps):
    """Sculpt a task at every (P_u, P_e) of a grid from several seeds, as one stacked program.

    The networks train together in sksculpt's engine (the dense round once
    per seed, the unit stage once per seed and P_u); each is exactly what
    ``SculptingClassifier(**params, random_state=seed, unit_prune_step=P_u,
    edge_prune_step=P_e).fit(task.data, task.target)`` gives.

    Parameters
    ----------
    task : sklearn.utils.Bunch
        The task's truth table and graph (see :func:`benchmarks.common.tasks.load_task`).
    params : dict
        ``SculptingClassifier`` arguments (no P_u, P_e or seed).
    seeds : sequence of int
        ``random_state`` of each seed's networks.
    unit_steps, edge_steps : sequence of float
        The P_u and P_e values.

    Returns
    -------
    points : list of list of dict
        Per seed, one :func:`~benchmarks.common.points.point_record` per
        (P_u, P_e), P_u-major; each point's ``seconds`` is its share of the
        wall time of the sculpting.
    """
    start = time.perf_counter()
    networks = fit_grid(SculptingClassifier(**params), task.data, task.target, list(seeds), unit_steps, edge_steps)
    seconds = (time.perf_counter() - start) / len(networks)
    scorer = make_hierarchy_scorer(task.graph)
    points = [[] for _ in seeds]
    for network in networks:
        points[network["seed"]].append(point_record(
            network["estimator"], task, network["unit_prune_step"], network["edge_prune_step"], seconds, scorer,
        ))
    return points
