"""The pure layout helpers behind sksculpt.plotting (no matplotlib needed)."""

import networkx as nx
import numpy as np
import pytest

from sksculpt.plotting._graph_layout import describe_indices, graph_levels, layered_positions
from sksculpt.plotting._history import kept_density, stage_runs
from sksculpt.plotting._network_layout import module_spans, network_layout, pack_bands


def test_module_spans_give_first_last_and_widest_layer():
    labels = [np.array([0, 0, 1, -1]), np.array([0, 0, 0, 1]), np.array([2, 1])]
    assert module_spans(labels) == {0: (0, 1, 3), 1: (0, 2, 1), 2: (2, 2, 1)}


def test_pack_bands_never_overlaps_modules_sharing_a_layer():
    spans = {0: (0, 1, 3), 1: (0, 2, 1), 2: (2, 2, 2), 3: (2, 3, 4)}
    left, width = pack_bands(spans, n_layers=4, gap=1.0)
    for a in spans:
        for b in spans:
            shares_a_layer = spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1]
            if a < b and shares_a_layer:
                apart = left[a] + spans[a][2] <= left[b] or left[b] + spans[b][2] <= left[a]
                assert apart, (a, b, left)
    assert width == max(left[m] + spans[m][2] for m in spans)


def test_pack_bands_stacks_modules_on_disjoint_layers():
    left, width = pack_bands({0: (0, 1, 3), 1: (2, 3, 2)}, n_layers=4)
    assert left == {0: 0.0, 1: 0.0} and width == 3.0


def test_network_layout_orders_units_by_the_units_feeding_them():
    # One module; input 0 feeds hidden 2 and input 2 feeds hidden 0: no crossing once reordered.
    first = np.zeros((3, 3), dtype=bool)
    first[0, 2] = first[1, 1] = first[2, 0] = True
    masks = [first, np.ones((3, 1), dtype=bool)]
    layout = network_layout(masks, [np.zeros(3, int), np.zeros(3, int), np.zeros(1, int)])
    assert layout.x[0].tolist() == [0.0, 1.0, 2.0]
    assert layout.x[1].tolist() == [2.0, 1.0, 0.0]
    assert layout.x[2].tolist() == [1.0]  # centred in its module's band
    assert [(box.module, box.left, box.right, box.bottom, box.top) for box in layout.boxes] == [
        (0, 0.0, 2.0, 0, 2)
    ]


def test_network_layout_leaves_removed_units_unplaced():
    masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    labels = [np.array([0, 1]), np.array([0, -1]), np.array([0, 1])]
    layout = network_layout(masks, labels)
    assert np.isnan(layout.x[1][1]) and not np.isnan(layout.x[1][0])


def test_graph_levels_follow_the_longest_path_and_survive_cycles():
    assert graph_levels(nx.DiGraph([(0, 1), (1, 2), (0, 2)])) == {0: 0, 1: 1, 2: 2}
    cyclic = nx.DiGraph([(0, 1), (1, 2), (2, 1), (2, 3)])
    levels = graph_levels(cyclic)
    assert levels[1] == levels[2] == 1 and levels[3] == 2


def test_layered_positions_put_children_above_their_parents():
    graph = nx.DiGraph([("a", "d"), ("b", "c")])
    positions = layered_positions(
        graph, {"a": 0, "b": 0, "c": 1, "d": 1}, tie_break=lambda node: node
    )
    assert positions["a"] == (-0.5, 0.0) and positions["b"] == (0.5, 0.0)
    assert positions["d"] == (-0.5, 1.0) and positions["c"] == (0.5, 1.0)


@pytest.mark.parametrize(
    "indices, expected",
    [({3}, "x3"), ({0, 1, 2, 5, 7, 8}, "x0–x2, x5, x7–x8"), (set(range(0, 16, 2)), "8 inputs")],
)
def test_describe_indices_writes_runs_or_a_count(indices, expected):
    assert describe_indices(indices, "x", "inputs") == expected


def test_kept_density_restores_the_last_accepted_network_after_a_rejection():
    kept = kept_density([50, 30, 10, 20], [False, True, False, True], initial=100)
    assert kept.tolist() == [100.0, 30.0, 30.0, 20.0]


def test_stage_runs_split_the_history_by_stage():
    assert stage_runs(["dense", "units", "units", "edges", "edges"]) == [
        ("dense", 0, 0), ("units", 1, 2), ("edges", 3, 4)
    ]
