"""Rules that pick one sculpted net per trial out of its P_u x P_e grid.

Each rule takes the trial's grid points (dicts with ``score``, ``accuracy``,
``edges_left`` and ``structure``, in grid order) and the grids of the trials
that differ from it only in their seed, and returns the picked point. "oracle"
knows the true structure, as the paper did; the others are sksculpt's
truth-free rules (:mod:`sksculpt.model_selection`), applied as
``SculptingClassifierCV`` applies them with the trial's seed as seed 0 and the
other trials' seeds as the voting seeds.
"""

import numpy as np

from sksculpt.model_selection._selection import SELECTION_RULES as TRUTH_FREE_RULES

from ._readings import point_module_graph


def pick_oracle(points, siblings=()):
    """The point whose modules match the true task best; ties to the sparsest.

    This is how the paper chose P_u and P_e: knowing the true structure.
    """
    return min(points, key=lambda point: (-point["score"], point["edges_left"]), default=None)


def as_cv_results(points, siblings=()):
    """The grids of a trial and its sibling seeds as the columns of ``cv_results_`` the rules read.

    The trial's own points are seed 0; a point is accurate when every output
    bit of the table is right; its ``hierarchy`` is its module graph.
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
