"""Tests of the pure functions behind module detection (private modules of sksculpt.detection)."""

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform
from sklearn.cluster import AgglomerativeClustering

from sksculpt.detection._cleanup import remove_dead_units
from sksculpt.detection._clusterability import (
    all_separate_evidence,
    clusterability_test,
    random_overlap,
    resolve_clusterability,
    single_cluster_evidence,
)
from sksculpt.detection._clustering import cluster_layer
from sksculpt.detection._cosine import cosine_distance_matrix
from sksculpt.detection._merging import merge_clusters
from sksculpt.detection._modularity import modularity_along_tree, modularity_metric
from sksculpt.detection._reachability import count_reachable_units, reachability_features
from sksculpt.detection._tree import cut_merge_tree


def _average_tree(features):
    distances = cosine_distance_matrix(features)
    return distances, linkage(squareform(distances, checks=False), method="average")


def _same_partition(labels, other):
    """True when two labelings group the units alike, whatever the label numbers."""
    labels, other = np.asarray(labels), np.asarray(other)
    return np.array_equal(labels[:, None] == labels, other[:, None] == other)


def _naive_clean_up(masks):
    """The clean-up rule applied literally, repeated until nothing changes."""
    alive = [np.ones(masks[0].shape[0], bool)] + [np.ones(m.shape[1], bool) for m in masks]
    changed = True
    while changed:
        cleaned = [m & a[:, None] & b[None, :] for m, a, b in zip(masks, alive[:-1], alive[1:])]
        new = [cleaned[0].any(axis=1)]
        new += [cleaned[layer - 1].any(axis=0) & cleaned[layer].any(axis=1) for layer in range(1, len(masks))]
        new.append(alive[-1])
        changed = any((a != b).any() for a, b in zip(alive, new))
        alive = new
    return alive


# --- clean-up ---------------------------------------------------------------


def test_clean_up_removes_dead_ends_and_keeps_outputs():
    # input 2 has no edge; hidden 1 has no outgoing edge, which strands input 1;
    # hidden 2 has no incoming edge; output 1 has no incoming edge but stays.
    masks = [
        np.array([[1, 0, 0], [0, 1, 0], [0, 0, 0]], bool),
        np.array([[1, 0], [0, 0], [1, 0]], bool),
    ]
    cleaned, alive = remove_dead_units(masks)
    assert [a.tolist() for a in alive] == [
        [True, False, False],
        [True, False, False],
        [True, True],
    ]
    assert cleaned[0].tolist() == [[1, 0, 0], [0, 0, 0], [0, 0, 0]]
    assert cleaned[1].tolist() == [[1, 0], [0, 0], [0, 0]]


@pytest.mark.parametrize("seed", range(5))
def test_clean_up_equals_repeating_the_rule_to_a_fixed_point(seed):
    rng = np.random.default_rng(seed)
    sizes = [8, 7, 6, 5, 3]
    masks = [rng.random((a, b)) < 0.15 for a, b in zip(sizes[:-1], sizes[1:])]
    _, alive = remove_dead_units(masks)
    for fast, naive in zip(alive, _naive_clean_up(masks)):
        np.testing.assert_array_equal(fast, naive)


# --- reachability -----------------------------------------------------------


@pytest.mark.parametrize("step_size", [1, 2, 3, 5])
def test_reachability_matches_boolean_matrix_powers(step_size):
    rng = np.random.default_rng(1)
    sizes = [6, 5, 4, 3]
    masks = [rng.random((a, b)) < 0.4 for a, b in zip(sizes[:-1], sizes[1:])]
    for layer in range(len(masks)):
        expected, reach = [], np.eye(sizes[layer], dtype=int)
        for distance, mask in enumerate(masks[layer:], start=1):
            reach = (reach @ mask.astype(int) > 0).astype(int)
            expected.append(reach if distance <= step_size else np.zeros_like(reach))
        features = reachability_features(masks, layer, step_size)
        assert features.dtype == bool
        np.testing.assert_array_equal(features.toarray(), np.hstack(expected) > 0)


def test_reachability_rejects_bad_layer_and_step():
    masks = [np.ones((2, 2), bool)]
    with pytest.raises(ValueError, match="layer must be"):
        reachability_features(masks, 1, 1)
    with pytest.raises(ValueError, match="step_size must be at least 1"):
        reachability_features(masks, 0, 0)


def test_count_reachable_units_counts_surviving_units_within_step():
    alive = [np.ones(3, bool), np.array([1, 0, 1], bool), np.array([1, 1], bool)]
    assert count_reachable_units(alive, 0, 1) == 2
    assert count_reachable_units(alive, 0, 2) == 4
    assert count_reachable_units(alive, 0, 9) == 4


# --- cosine distances -------------------------------------------------------


def test_cosine_distances_put_zero_vectors_at_distance_one():
    features = np.array([[1, 0, 1], [0, 0, 0], [1, 0, 1], [0, 0, 0]], bool)
    distances = cosine_distance_matrix(features)
    assert not np.isnan(distances).any()
    np.testing.assert_array_equal(np.diag(distances), 0.0)
    assert distances[0, 2] == pytest.approx(0.0)
    assert distances[0, 1] == distances[1, 3] == distances[2, 3] == 1.0


# --- modularity metric ------------------------------------------------------


def test_modularity_metric_hand_computed():
    distances = np.array([[0, 1, 2], [1, 0, 3], [2, 3, 0]], float)
    # total 12; cluster {0, 1}: within 2/12, row share 7/12; cluster {2}: 0, 5/12
    expected = 2 / 12 - (7 / 12) ** 2 - (5 / 12) ** 2
    assert modularity_metric(distances, [0, 0, 1]) == pytest.approx(expected)
    assert modularity_metric(distances, ["a", "a", "b"]) == pytest.approx(expected)
    assert modularity_metric(distances, [0, 0, 0]) == pytest.approx(0.0)


def test_modularity_metric_is_negative_for_a_clear_partition():
    features = np.repeat(np.eye(3, dtype=bool), 2, axis=0)
    distances = cosine_distance_matrix(features)
    assert modularity_metric(distances, [0, 0, 1, 1, 2, 2]) == pytest.approx(-1 / 3)
    assert modularity_metric(distances, [0, 1, 0, 1, 0, 1]) == pytest.approx(0.0)


def test_modularity_metric_is_zero_when_all_distances_vanish():
    assert modularity_metric(np.zeros((3, 3)), [0, 1, 1]) == 0.0
    np.testing.assert_array_equal(
        modularity_along_tree(np.zeros((3, 3)), linkage(np.zeros(3), "average")), 0.0
    )


# --- per-layer clustering: the tree built once vs clustering afresh ----------


def _random_features(seed, n_units=14, n_features=10):
    rng = np.random.default_rng(seed)
    features = rng.random((n_units, n_features)) < 0.3
    features[np.arange(n_units), rng.integers(0, n_features, n_units)] = True  # no zero rows
    return features


@pytest.mark.parametrize("seed", range(6))
def test_tree_cuts_equal_clustering_afresh_for_every_k(seed):
    # binary features give tied merge heights (seeds 2 and 4 include cuts where
    # scipy's cut_tree, which re-sorts tied merges, returns another partition)
    features = _random_features(seed)
    n_units = len(features)
    distances, tree = _average_tree(features)
    q = modularity_along_tree(distances, tree)
    for k in range(2, n_units):
        afresh = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
        fresh = afresh.fit_predict(features)
        assert _same_partition(cut_merge_tree(tree, k), fresh), f"k={k}"
        assert q[k - 1] == pytest.approx(modularity_metric(distances, fresh), abs=1e-12)


def test_cluster_layer_choice_equals_best_afresh_partition():
    checked = 0
    for seed in range(20):
        features = _random_features(seed)
        n_units = len(features)
        distances = cosine_distance_matrix(features)
        partitions = {
            k: AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
            .fit_predict(features)
            for k in range(2, n_units)
        }
        scores = {k: modularity_metric(distances, labels) for k, labels in partitions.items()}
        best = min(scores.values())
        best_k = max(k for k, score in scores.items() if score == best)
        if best_k in (2, n_units - 1) or best >= 0:
            continue  # the clusterability test would have its say
        chosen = cluster_layer(features, features.shape[1], mm_threshold=0.0)
        assert _same_partition(chosen, partitions[best_k]), f"seed={seed}"
        checked += 1
    assert checked >= 5


def test_cluster_layer_finds_blocks_and_single_units():
    blocks = np.repeat(np.eye(3, dtype=bool), 2, axis=0)
    np.testing.assert_array_equal(cluster_layer(blocks, 3), [0, 0, 1, 1, 2, 2])
    np.testing.assert_array_equal(cluster_layer(np.ones((4, 5), bool), 5), [0, 0, 0, 0])
    np.testing.assert_array_equal(cluster_layer(np.eye(4, dtype=bool), 4), [0, 1, 2, 3])
    np.testing.assert_array_equal(cluster_layer(np.ones((1, 2), bool), 2), [0])
    np.testing.assert_array_equal(cluster_layer(np.eye(2, dtype=bool), 2), [0, 1])


def test_weak_modularity_sends_the_layer_to_the_clusterability_test():
    # three pairs, each pair reaching two of three units: Q(3 clusters) = -1/3;
    # the halves' OR-ed vectors overlap as much as random wiring predicts -> "single"
    features = np.array([[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 1, 1], [1, 0, 1], [1, 0, 1]], bool)
    np.testing.assert_array_equal(cluster_layer(features, 3, mm_threshold=0.2), [0, 0, 1, 1, 2, 2])
    np.testing.assert_array_equal(cluster_layer(features, 3, mm_threshold=0.4), np.zeros(6))


def test_cut_merge_tree_follows_the_merge_order_through_ties():
    # rows 1 and 2 merge at the same height; 3 clusters = the first merge only
    tree = np.array([[0, 1, 0.1, 2], [2, 3, 0.5, 2], [4, 5, 0.5, 2], [6, 7, 0.9, 4], [8, 9, 1, 6]])
    np.testing.assert_array_equal(cut_merge_tree(tree, 6), np.arange(6))
    np.testing.assert_array_equal(cut_merge_tree(tree, 5), [0, 0, 1, 2, 3, 4])
    np.testing.assert_array_equal(cut_merge_tree(tree, 4), [0, 0, 1, 1, 2, 3])
    np.testing.assert_array_equal(cut_merge_tree(tree, 1), np.zeros(6))
    with pytest.raises(ValueError, match="n_clusters"):
        cut_merge_tree(tree, 7)


# --- clusterability test ----------------------------------------------------


def test_random_overlap_formula():
    expected, sd = random_overlap(3, 4, 6)
    assert expected == pytest.approx(2.0)
    assert sd == pytest.approx(np.sqrt(6 * (1 / 3) * (2 / 3)))
    with pytest.raises(ValueError, match="n_reachable"):
        random_overlap(7, 1, 6)


def test_rules_fire_and_weigh_evidence_as_specified():
    # disjoint vectors: only "all separate" fires, evidence (E - 0) / sd
    expected, sd = random_overlap(3, 3, 6)
    assert all_separate_evidence(3, 3, 0, 6) == pytest.approx(expected / sd)
    assert single_cluster_evidence(3, 3, 0, 6) is None
    # identical vectors: only "single" fires
    assert all_separate_evidence(3, 3, 3, 6) is None
    assert single_cluster_evidence(3, 3, 3, 6) == pytest.approx((3 - expected) / sd)
    # full vectors: sd = 0, overlap forced, no evidence either way
    assert single_cluster_evidence(4, 4, 4, 4) == 0.0


def test_resolve_clusterability_tie_breaks():
    assert resolve_clusterability(None, None) is None
    assert resolve_clusterability(0.3, None) == "separate"
    assert resolve_clusterability(None, 0.3) == "single"
    assert resolve_clusterability(0.5, 0.4) == "separate"
    assert resolve_clusterability(0.4, 0.5) == "single"
    assert resolve_clusterability(0.4, 0.4) == "single"


def _test(features, n_reachable):
    features = np.asarray(features, bool)
    return clusterability_test(features, _average_tree(features)[1], n_reachable)


def test_clusterability_identical_vs_disjoint_reachability():
    assert _test(np.ones((4, 6)), 6) == "single"
    assert _test(np.eye(4), 4) == "separate"


def test_clusterability_both_rules_fire_larger_evidence_wins():
    # closest pair (0, 2): k = 4, 4, overlap 2 < E = 16/6 -> "separate", evidence 0.55;
    # halves {0, 2} | {1}: OR-ed k = 6, 2, overlap 2 = E -> "single", evidence 0
    features = [[1, 1, 1, 1, 0, 0], [0, 0, 1, 0, 0, 1], [0, 1, 0, 1, 1, 1]]
    assert _test(features, 6) == "separate"


def test_clusterability_both_rules_fire_equal_evidence_goes_to_single():
    # closest pair (0, 1): k = 3, 2, overlap 2 = E = 2 -> "separate", evidence 0;
    # halves {0, 1} | {2}: k = 3, 2, overlap 2 = E -> "single", evidence 0
    assert _test([[1, 1, 1], [1, 0, 1], [0, 1, 1]], 3) == "single"


def test_clusterability_neither_rule_fires():
    # closest pair (0, 3): k = 2, 3, overlap 2 > E = 1.5, below max 3 -> silent;
    # halves {0, 3} | {1, 2}: OR-ed k = 3, 3, overlap 2 < E = 2.25 and < 3 -> silent
    features = [[0, 1, 0, 1], [1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 1]]
    assert _test(features, 4) is None


# --- merging ----------------------------------------------------------------


def test_merge_joins_an_exclusive_chain_across_layers():
    masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    clusters = [np.array([0, 0]), np.array([0, 0]), np.array([0, 0]), np.arange(2)]
    labels = merge_clusters(masks, clusters, 0.9)
    assert [layer.tolist() for layer in labels] == [[0, 0]] * 4


def test_merge_requires_shares_strictly_above_tau():
    # the input sends 9 of its 10 edges to hidden cluster 0: 0.9 is not > 0.9
    masks = [np.ones((1, 10), bool), np.ones((10, 1), bool)]
    clusters = [np.array([0]), np.array([0] * 9 + [1]), np.array([0])]
    strict = merge_clusters(masks, clusters, 0.9)
    assert strict[1].tolist() == [1] * 9 + [2]
    loose = merge_clusters(masks, clusters, 0.85)
    assert loose[1].tolist() == [0] * 9 + [1]


def test_merge_into_outputs_uses_only_the_incoming_share():
    # module 0 sends 1 of its 3 edges to output 0, which reads only from it
    masks = [np.ones((1, 3), bool), np.eye(3, dtype=bool)]
    clusters = [np.array([0]), np.array([0, 0, 0]), np.arange(3)]
    assert merge_clusters(masks, clusters, 0.9)[2].tolist() == [0, 0, 0]


def test_merge_first_qualifying_module_wins_and_ids_follow_creation():
    # with tau = 0.3 both input clusters qualify for hidden cluster 0: the first wins
    masks = [np.array([[1, 0], [1, 0], [0, 1]], bool), np.array([[1], [1]], bool)]
    clusters = [np.array([0, 1, 2]), np.array([0, 1]), np.array([0])]
    labels = merge_clusters(masks, clusters, 0.3)
    assert [layer.tolist() for layer in labels] == [[0, 1, 2], [0, 2], [0]]
    labels = merge_clusters(masks, clusters, 0.9)
    assert [layer.tolist() for layer in labels] == [[0, 1, 2], [3, 2], [4]]


def test_merge_keeps_removed_units_unlabelled():
    masks = [np.array([[1, 0], [0, 0]], bool), np.array([[1], [0]], bool)]
    clusters = [np.array([0, -1]), np.array([0, -1]), np.array([0])]
    labels = merge_clusters(masks, clusters, 0.9)
    assert [layer.tolist() for layer in labels] == [[0, -1], [0, -1], [0]]
