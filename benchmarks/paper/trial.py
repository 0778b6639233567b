"""One architecture's trials of the protocol: its seeds sculpted over the whole P_u x P_e grid."""

from ..common.grid import sculpt_over_grid
from ..common.selection import add_spurious_paths
from ..common.tasks import load_task
from .protocol import training_settings


def sculpt_trials(trials, grid):
    """Sculpt trials that differ only in their seed over the whole grid, as one stacked program.

    The trials' networks of every grid point train together in sksculpt's
    engine (the dense round once per seed, the unit stage once per seed and
    P_u); each network is exactly what ``SculptingClassifier(random_state=
    trial.seed)`` gives at that point.

    Parameters
    ----------
    trials : list of Trial
        Same task, width and depth.
    grid : Grid

    Returns
    -------
    results : list of dict
        One per trial, JSON-serialisable: ``trial`` (its fields), ``settings``
        (training settings), ``points`` (one
        :func:`~benchmarks.common.points.point_record` per grid point,
        P_u-major, with its ``spurious_paths``) and ``seconds`` (its share of
        the wall time).
    """
    first = trials[0]
    if any((t.task, t.width, t.depth) != (first.task, first.width, first.depth) for t in trials):
        raise ValueError("sculpt_trials takes trials of one task and architecture; they differ only in seed.")
    settings = training_settings(first.task, first.depth)
    points = sculpt_over_grid(load_task(first.task), dict(hidden_layer_sizes=first.hidden_layer_sizes, **settings),
                              [t.seed for t in trials], grid.unit_steps, grid.edge_steps)
    return [
        add_spurious_paths(dict(
            trial=dict(task=t.task, width=t.width, depth=t.depth, seed=t.seed),
            settings=settings,
            points=trial_points,
            seconds=sum(point["seconds"] for point in trial_points),
        ))
        for t, trial_points in zip(trials, points, strict=True)
    ]


def sculpt_trial(trial, grid):
    """Sculpt one trial's task at every point of the grid (see :func:`sculpt_trials`)."""
    return sculpt_trials([trial], grid)[0]
