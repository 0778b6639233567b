"""Module detection: the network analysis of Neural Sculpting.

Pure functions over boolean per-layer masks, one per step of the method, and the
:class:`~sksculpt.ModuleDetector` estimator that chains them.
"""

from ._cleanup import remove_dead_units
from ._clusterability import (
    all_separate_evidence,
    clusterability_test,
    random_overlap,
    resolve_clusterability,
    single_cluster_evidence,
)
from ._clustering import cluster_layer
from ._cosine import cosine_distance_matrix
from ._detector import ModuleDetector
from ._edges import count_edges_between, module_edge_counts
from ._merging import merge_clusters
from ._modularity import modularity_along_tree, modularity_metric
from ._modules import Module, hierarchy_graph, modules_from_labels, parse_index_set
from ._reachability import count_reachable_units, reachability_features
from ._tree import cut_merge_tree
from ._validation import check_masks

__all__ = [
    "Module",
    "ModuleDetector",
    "all_separate_evidence",
    "check_masks",
    "cluster_layer",
    "clusterability_test",
    "cosine_distance_matrix",
    "count_edges_between",
    "count_reachable_units",
    "cut_merge_tree",
    "hierarchy_graph",
    "merge_clusters",
    "modularity_along_tree",
    "modularity_metric",
    "module_edge_counts",
    "modules_from_labels",
    "parse_index_set",
    "random_overlap",
    "reachability_features",
    "remove_dead_units",
    "resolve_clusterability",
    "single_cluster_evidence",
]
