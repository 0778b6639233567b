"""Model selection for sculpting: truth-free selection rules and what they read, and helpers for GridSearchCV.

Four groups of names, listed so in the API reference:

- the selection rules (``select_*``), functions of the ``cv_results_`` of
  :class:`~sksculpt.SculptingClassifierCV`, one row per sculpted network, and
  :data:`SELECTION_RULES`, the rules by the names its ``selection`` takes;
- support (:func:`structure_support`, :func:`module_support_table`,
  :func:`input_support`, :func:`weakest_support`), read from the same ``cv_results_``;
- :func:`edges_left_score`, :func:`select_sparsest_refit` and
  :class:`CompleteTableSplit`, for scikit-learn's
  :class:`~sklearn.model_selection.GridSearchCV`, whose ``cv_results_`` has
  one row per parameter setting and ``mean_test_<scorer>`` columns;
- building blocks the rules and support are made of
  (:func:`structure_signature`, :func:`module_descriptions`,
  :func:`relay_modules`, :func:`replicates`), for writing rules of one's own,
  and the path helpers behind the ``spurious_paths`` column
  (:func:`reachable_outputs`, :func:`output_dependence`,
  :func:`count_spurious_paths`), to score networks sculpted elsewhere.
"""

from ._gridsearch import edges_left_score, select_sparsest_refit
from ._paths import count_spurious_paths, output_dependence, reachable_outputs
from ._rows import replicates
from ._rules import SELECTION_RULES
from ._selection import select_consensus, select_relay_free_vote, select_seed_vote, select_sparsest
from ._split import CompleteTableSplit
from ._structures import module_descriptions, relay_modules, structure_signature
from ._support import input_support, module_support_table, select_majority, structure_support, weakest_support

__all__ = [
    "SELECTION_RULES",
    "CompleteTableSplit",
    "count_spurious_paths",
    "edges_left_score",
    "input_support",
    "module_descriptions",
    "module_support_table",
    "output_dependence",
    "reachable_outputs",
    "relay_modules",
    "replicates",
    "select_consensus",
    "select_majority",
    "select_relay_free_vote",
    "select_seed_vote",
    "select_sparsest",
    "select_sparsest_refit",
    "structure_signature",
    "structure_support",
    "weakest_support",
]
