"""Model selection for sculpting: truth-free selection rules and what they read, and a splitter for complete truth tables."""

from ._paths import count_spurious_paths, output_dependence, reachable_outputs
from ._selection import (
    edges_left_score,
    module_descriptions,
    relay_modules,
    select_consensus,
    select_relay_free_vote,
    select_seed_vote,
    select_sparsest,
    select_sparsest_refit,
    structure_signature,
)
from ._split import CompleteTableSplit
from ._support import input_support, module_support_table, select_majority, structure_support

__all__ = [
    "CompleteTableSplit",
    "count_spurious_paths",
    "edges_left_score",
    "input_support",
    "module_descriptions",
    "module_support_table",
    "output_dependence",
    "reachable_outputs",
    "relay_modules",
    "select_consensus",
    "select_majority",
    "select_relay_free_vote",
    "select_seed_vote",
    "select_sparsest",
    "select_sparsest_refit",
    "structure_signature",
    "structure_support",
]
