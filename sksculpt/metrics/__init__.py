"""Judge a detected module hierarchy against a known task structure.

On synthetic tasks the true function graph is known. These metrics turn it
into the module graph a perfect detection would give
(:func:`~sksculpt.metrics.expected_module_graph`), score how close a detected ``hierarchy_`` is
to it (:func:`~sksculpt.hierarchy_match_score`; :func:`~sksculpt.metrics.match_module_graphs` when
the expected graph is already built, to score many detections against it), and wrap that score for model selection
(:func:`~sksculpt.make_hierarchy_scorer`).
"""

from ._expected import expected_module_graph
from ._match import hierarchy_match_score, match_module_graphs
from ._scorer import make_hierarchy_scorer

__all__ = ["expected_module_graph", "hierarchy_match_score", "make_hierarchy_scorer", "match_module_graphs"]
