"""Model selection helpers for sculpting on complete truth tables."""

from ._split import CompleteTableSplit

__all__ = ["CompleteTableSplit"]
