"""The truth-free selection rules of :class:`~sksculpt.SculptingClassifierCV`, by name."""

from ._selection import select_consensus, select_relay_free_vote, select_seed_vote, select_sparsest
from ._support import select_majority

#: The truth-free selection rules by the names ``SculptingClassifierCV(selection=...)`` takes: a dict of str to
#: callable, each taking a ``cv_results_`` and returning the index of the row it picks.
SELECTION_RULES = {
    "sparsest": select_sparsest,
    "consensus": select_consensus,
    "seed_vote": select_seed_vote,
    "relay_free_vote": select_relay_free_vote,
    "majority": select_majority,
}
