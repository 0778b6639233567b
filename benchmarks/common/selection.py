"""Rules that pick one sculpted net per trial out of its P_u x P_e grid.

Each rule takes the trial's grid points (dicts with ``score``, ``accuracy``,
``edges_left`` and ``structure``, in grid order) and the grids of the trials
that differ from it only in their seed, and returns the picked point. "oracle"
knows the true structure, as the paper did; the others are sksculpt's
truth-free rules (:mod:`sksculpt.model_selection`), applied as
``SculptingClassifierCV`` applies them with the trial's seed as seed 0 and the
other trials' seeds as the voting seeds.
"""

from functools import lru_cache

import numpy as np

from sksculpt.model_selection import SELECTION_RULES as TRUTH_FREE_RULES
from sksculpt.model_selection import count_spurious_paths, output_dependence, reachable_outputs

from .points import point_module_graph
from .tasks import load_task


def pick_oracle(points, siblings=()):
    """The point whose modules match the true task best; ties to the sparsest.

    This is how the paper chose P_u and P_e: knowing the true structure.
    """
    return min(points, key=lambda point: (-point["score"], point["edges_left"]), default=None)


@lru_cache
def truth_table_dependence(spec):
    """Which outputs of a task's complete truth table change when one input bit flips.

    A network that gets every row of the table right decides as the table
    does, so this is :func:`~sksculpt.model_selection.output_dependence` of
    every accurate network of the task, as ``SculptingClassifierCV`` computes it.

    Parameters
    ----------
    spec : str
        A task specification (see :func:`~benchmarks.common.tasks.parse_task`).

    Returns
    -------
    dependence : ndarray of bool, shape (n_inputs, n_outputs)
    """
    task = load_task(spec)
    table = np.asarray(task.target)
    weights = 2 ** np.arange(task.data.shape[1])[::-1]
    row_of = np.empty(len(table), dtype=int)
    row_of[np.asarray(task.data, dtype=int) @ weights] = np.arange(len(table))
    return output_dependence(lambda X: table[row_of[X.astype(int) @ weights]], np.asarray(task.data))


def add_spurious_paths(result):
    """Set ``spurious_paths`` on every point of a trial result, from its module graph and the task's table; in place.

    The count is the one ``SculptingClassifierCV`` gives a network that gets
    the whole table right, the only networks the rules read it from (see
    :func:`truth_table_dependence`).

    Parameters
    ----------
    result : dict
        A trial result with ``trial`` (its ``task`` specification) and
        ``points`` (grid points with ``modules`` and ``module_edges``), and
        possibly ``authors`` or ``point``.

    Returns
    -------
    result : dict
    """
    dependence = truth_table_dependence(result["trial"]["task"])
    points = [*result.get("points", ()), *result.get("authors", ()), result.get("point")]
    for point in points:
        if point is not None:
            reach = reachable_outputs(point_module_graph(point), *dependence.shape)
            point["spurious_paths"] = count_spurious_paths(reach, dependence)
    return result


def as_cv_results(points, siblings=()):
    """The grids of a trial and its sibling seeds as the columns of ``cv_results_`` the rules read.

    The trial's own points are seed 0; a point is accurate when every output
    bit of the table is right; its ``hierarchy`` is its module graph; its
    ``spurious_paths`` must have been set (see :func:`add_spurious_paths`).
    """
    grids = [points, *siblings]
    rows = [(seed, point) for seed, grid in enumerate(grids) for point in grid]
    structures = np.empty(len(rows), dtype=object)
    structures[:] = [point["structure"] for _, point in rows]
    hierarchies = np.empty(len(rows), dtype=object)
    hierarchies[:] = [point_module_graph(point) for _, point in rows]
    accuracy = np.array([point["accuracy"] for _, point in rows])
    return dict(
        seed=np.array([seed for seed, _ in rows]),
        check_accuracy=accuracy,
        accurate=accuracy >= 1.0,
        spurious_paths=np.array([point["spurious_paths"] for _, point in rows]),
        edges_left=np.array([point["edges_left"] for _, point in rows]),
        structure=structures,
        hierarchy=hierarchies,
    )


def truth_free(rule):
    """A benchmark rule applying the truth-free ``rule`` of sksculpt to a trial and its siblings."""

    def pick(points, siblings=()):
        return points[rule(as_cv_results(points, siblings))] if points else None

    pick.__doc__ = rule.__doc__
    return pick


#: Selection rules by name: "oracle" knows the truth, the others do not.
SELECTION_RULES = {"oracle": pick_oracle, **{name: truth_free(rule) for name, rule in TRUTH_FREE_RULES.items()}}
