"""Model selection for sculpting: truth-free selection rules, and a splitter for complete truth tables."""

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
    "edges_left_score",
    "relay_modules",
    "select_consensus",
    "select_relay_free_vote",
    "select_seed_vote",
    "select_sparsest",
    "select_sparsest_refit",
    "structure_signature",
]
