"""The sksculpt names the benchmarks use that are not public API, in one place.

Every other benchmark module imports sksculpt's public API only
(``sksculpt``, ``sksculpt.datasets``, ``sksculpt.detection``,
``sksculpt.metrics``, ``sksculpt.model_selection``, ``sksculpt.plotting``,
``sksculpt.pruning``), except :mod:`benchmarks.speed.bench_sparse`, which
times the engine itself through the ``sksculpt._engine`` package namespace.

- :func:`fit_grid`: the one documented internal entry point, the networks of a
  P_u x P_e grid and several seeds, each a fitted ``SculptingClassifier``;
- ``SELECTION_RULES``: sksculpt's truth-free rules by name (to become
  ``sksculpt.model_selection.SELECTION_RULES``);
- ``match_module_graphs``: the score of a detected module graph against an
  expected one (to get a public name in ``sksculpt.metrics``);
- ``count_spurious_paths``, ``output_dependence``, ``reachable_outputs``: what
  the rules read of a network's paths, computed here for cached networks.
"""

from sksculpt._grid import fit_grid
from sksculpt.metrics._match import match_module_graphs
from sksculpt.model_selection._paths import count_spurious_paths, output_dependence, reachable_outputs
from sksculpt.model_selection._rules import SELECTION_RULES

__all__ = [
    "SELECTION_RULES",
    "count_spurious_paths",
    "fit_grid",
    "match_module_graphs",
    "output_dependence",
    "reachable_outputs",
]
