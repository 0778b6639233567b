"""Model selection for sculpting: truth-free selection rules and what they read, and a splitter for complete truth tables."""

from ._paths import count_spurious_paths, output_dependence, reachable_outputs
from ._selection import (
    edges_left_score,
    relay_modules,
    select_consensus,
    select_relay_free_vote,
    select_seed_vote,
    select_sparsest,
    select_sparsest_refit,
    structure_signature,
)
from ._split import CompleteTableSplit

__all__ = [
    "CompleteTableSplit",
    "count_spurious_paths",
    "edges_left_score",
    "output_dependence",
    "reachable_outputs",
    "relay_modules",
    "select_consensus",
    "select_relay_free_vote",
    "select_seed_vote",
    "select_sparsest",
    "select_sparsest_refit",
    "structure_signature",
]
