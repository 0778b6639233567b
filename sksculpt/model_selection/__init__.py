"""Model selection for sculpting: truth-free selection rules, and a splitter for complete truth tables."""

from ._selection import (
    select_consensus,
    select_seed_vote,
    select_sparsest,
    structure_signature,
)
from ._split import CompleteTableSplit

__all__ = [
    "CompleteTableSplit",
    "select_consensus",
    "select_seed_vote",
    "select_sparsest",
    "structure_signature",
]
