"""Pure functions of sculpting: pruning scores, pruning rules and the schedule.

Everything here takes arrays (scores, weights, boolean masks in the
``(units in, units out)`` layout of ``SculptingClassifier.masks_``) and returns
arrays, so each step of the method can be tested without training.
"""

from ._acceptance import AccuracyBar, PairedTest, is_complete_truth_table, paired_p_value
from ._masks import density, prune_edges, prune_units, unit_masks
from ._schedule import PruningSchedule, PruningStep, run_pruning_schedule
from ._scores import edge_magnitude, loss_sensitivity
from ._threshold import acceptance_threshold

__all__ = [
    "AccuracyBar",
    "PairedTest",
    "PruningSchedule",
    "PruningStep",
    "acceptance_threshold",
    "density",
    "edge_magnitude",
    "is_complete_truth_table",
    "paired_p_value",
    "loss_sensitivity",
    "prune_edges",
    "prune_units",
    "run_pruning_schedule",
    "unit_masks",
]
