"""Tests of sksculpt.metrics: expected module graphs, the match score and its scorer.

True function graphs are built by hand here, in the format of sksculpt.datasets,
from the task definitions of the paper (design/TASKS.md); so are the detected
module graphs, in the hierarchy_ format of ModuleDetector.
"""

import pickle

import networkx as nx
import numpy as np
import pytest
from graphs import module_graph
from sklearn import config_context
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from sksculpt.datasets import make_boolean_task
from sksculpt.detection import ModuleDetector, read_graphml, write_graphml
from sksculpt.metrics import expected_module_graph, hierarchy_match_score, make_hierarchy_scorer

# Truth tables (binary counting order, first operand most significant) of the
# two 4-input sub-functions of the paper: f_A is 1 on 0011, 1010, 1100 and
# f_B on 0101, 1001, 1111.
TABLES = {
    "f_A": "".join("1" if row in (0b0011, 0b1010, 0b1100) else "0" for row in range(16)),
    "f_B": "".join("1" if row in (0b0101, 0b1001, 0b1111) else "0" for row in range(16)),
}


def function_graph(name, n_inputs, functions, outputs):
    """A true function graph: ``functions`` maps name -> (op, operands); ``outputs`` lists them."""
    graph = nx.DiGraph(name=name)
    level = {}
    for i in range(n_inputs):
        level[f"x{i}"] = 0
        graph.add_node(f"x{i}", role="input", index=i, level=0)

    def add(node, op, operands, **attributes):
        level[node] = 1 + max(level[operand] for operand in operands)
        if op in TABLES:
            attributes.update(op="table", table=TABLES[op])
        else:
            attributes.update(op=op)
        graph.add_node(node, level=level[node], **attributes)
        graph.add_edges_from((operand, node, {"position": p}) for p, operand in enumerate(operands))

    for node, (op, operands) in functions.items():
        add(node, op, operands, role="function")
    for j, (op, operands) in enumerate(outputs):
        add(f"y{j}", op, operands, role="output", index=j)
    return graph


def inputs(*indices):
    return [f"x{i}" for i in indices]


def input_separable():
    functions = {"g1": ("xor", inputs(0, 1)), "g2": ("xor", inputs(2, 3))}
    outputs = [("identity", ["g1"]), ("not", ["g1"]), ("identity", ["g2"]), ("not", ["g2"])]
    return function_graph("input_separable", 4, functions, outputs)


def single():
    outputs = [("identity", ["g"])] * 4
    return function_graph("single", 4, {"g": ("f_A", inputs(0, 1, 2, 3))}, outputs)


def reused(m=16):
    functions = {
        "g": ("f_A", inputs(0, 1, 2, 3)),
        "h1": ("and", ["g", "x0"]),
        "h2": ("and", ["g", "x2"]),
    }
    outputs = [("identity", ["h1" if j % 2 == 0 else "h2"]) for j in range(m)]
    return function_graph("reused", 4, functions, outputs)


def separable_reused():
    functions = {f"g{k + 1}": ("and", inputs(2 * k, 2 * k + 1)) for k in range(3)}
    outputs = [("or", ["g1", "g2"]), ("or", ["g1", "g3"]), ("or", ["g2", "g3"])]
    return function_graph("separable_reused", 6, functions, outputs)


def overlap(o, m=4):
    functions = {"A": ("f_A", inputs(0, 1, 2, 3)), "B": ("f_B", inputs(*range(4 - o, 8 - o)))}
    outputs = [("identity", ["A" if j % 2 == 0 else "B"]) for j in range(m)]
    return function_graph("overlap", 8 - o, functions, outputs)


def depth(m=4):
    functions = {
        "g1": ("f_A", inputs(0, 1, 2, 3)),
        "g2": ("f_B", inputs(4, 5, 6, 7)),
        "h": ("xor", ["g1", "g2"]),
        "k1": ("and", ["h", "g1"]),
        "k2": ("and", ["h", "g2"]),
    }
    outputs = [("identity", ["k1" if j % 2 == 0 else "k2"]) for j in range(m)]
    return function_graph("depth", 8, functions, outputs)


EVEN16, ODD16 = range(0, 16, 2), range(1, 16, 2)

# name -> (true graph, modules of a perfect detection, its edges), written out by hand.
EXEMPLARS = {
    "input_separable": (input_separable(), [({0, 1}, {0, 1}), ({2, 3}, {2, 3})], []),
    "single": (single(), [({0, 1, 2, 3}, {0, 1, 2, 3})], []),
    "reused_m16": (
        reused(16),
        [({0, 1, 2, 3}, ()), ((), EVEN16), ((), ODD16)],
        [(0, 1), (0, 2)],
    ),
    "separable_reused": (
        separable_reused(),
        [({0, 1}, ()), ({2, 3}, ()), ({4, 5}, ()), ((), {0}), ((), {1}), ((), {2})],
        [(0, 3), (1, 3), (0, 4), (2, 4), (1, 5), (2, 5)],
    ),
    "overlap_o0": (overlap(0), [({0, 1, 2, 3}, {0, 2}), ({4, 5, 6, 7}, {1, 3})], []),
    # With shared inputs, each sub-function's private inputs stay a module of their own.
    "overlap_o1": (
        overlap(1),
        [({0, 1, 2}, ()), ({4, 5, 6}, ()), ({3}, ()), ((), {0, 2}), ((), {1, 3})],
        [(0, 3), (2, 3), (2, 4), (1, 4)],
    ),
    "overlap_o2": (
        overlap(2),
        [({0, 1}, ()), ({4, 5}, ()), ({2, 3}, ()), ((), {0, 2}), ((), {1, 3})],
        [(0, 3), (2, 3), (2, 4), (1, 4)],
    ),
    "overlap_o4": (
        overlap(4),
        [({0, 1, 2, 3}, ()), ((), {0, 2}), ((), {1, 3})],
        [(0, 1), (0, 2)],
    ),
    "depth": (
        depth(),
        [({0, 1, 2, 3}, ()), ({4, 5, 6, 7}, ()), ((), ()), ((), {0, 2}), ((), {1, 3})],
        [(0, 2), (1, 2), (2, 3), (0, 3), (2, 4), (1, 4)],
    ),
}


def true_graph_of(name):
    return EXEMPLARS[name][0]


def perfect(name):
    _, modules, edges = EXEMPLARS[name]
    return module_graph(modules, edges)


def structure(graph):
    """A module graph without its numbering: the held (inputs, outputs) of modules and edges."""
    held = {
        module: tuple(",".join(map(str, sorted(data[name]))) for name in ("inputs", "outputs"))
        for module, data in graph.nodes(data=True)
    }
    return sorted(held.values()), sorted((held[a], held[b]) for a, b in graph.edges)


# --- mistakes a detection can make, applied to a copy of a module graph --------------------------


def held(graph, module, name):
    return set(graph.nodes[module][name])


def set_held(graph, module, name, indices):
    graph.nodes[module][name] = frozenset(indices)


def misplace_inputs(graph, moves):
    """Move each input ``index`` of ``moves`` (index -> module) to that module."""
    graph = graph.copy()
    for index, target in moves.items():
        for module in graph:
            set_held(graph, module, "inputs", held(graph, module, "inputs") - {index})
        set_held(graph, target, "inputs", held(graph, target, "inputs") | {index})
    return graph


def split_module(graph, module):
    """Split ``module`` in two halves (held inputs and outputs); both keep its edges."""
    graph = graph.copy()
    new = max(graph) + 1
    graph.add_node(new)
    for name in ("inputs", "outputs"):
        indices = sorted(held(graph, module, name))
        set_held(graph, module, name, indices[: len(indices) // 2])
        set_held(graph, new, name, indices[len(indices) // 2 :])
    graph.add_edges_from((source, new) for source in graph.predecessors(module))
    graph.add_edges_from((new, target) for target in graph.successors(module))
    return graph


def merge_modules(graph, first, second):
    """Merge ``second`` into ``first``."""
    merged = nx.contracted_nodes(graph, first, second, self_loops=False, copy=True)
    for name in ("inputs", "outputs"):
        set_held(merged, first, name, held(graph, first, name) | held(graph, second, name))
    return merged


def drop_edges(graph, *edges):
    graph = graph.copy()
    graph.remove_edges_from(edges)
    return graph


def one_module(name):
    true_graph = true_graph_of(name)
    n_inputs = sum(role == "input" for _, role in true_graph.nodes(data="role"))
    n_outputs = sum(role == "output" for _, role in true_graph.nodes(data="role"))
    return module_graph([(range(n_inputs), range(n_outputs))])


MISTAKES = [
    ("input_separable", "input misplaced", lambda g: misplace_inputs(g, {1: 1})),
    ("input_separable", "module split", lambda g: split_module(g, 0)),
    ("input_separable", "sub-functions merged", lambda g: merge_modules(g, 0, 1)),
    ("single", "module split", lambda g: split_module(g, 0)),
    ("reused_m16", "input misplaced", lambda g: misplace_inputs(g, {0: 1})),
    ("reused_m16", "module split", lambda g: split_module(g, 1)),
    ("reused_m16", "sub-functions merged", lambda g: merge_modules(g, 1, 2)),
    ("reused_m16", "edge missing", lambda g: drop_edges(g, (0, 1))),
    ("separable_reused", "input misplaced", lambda g: misplace_inputs(g, {1: 1})),
    ("separable_reused", "module split", lambda g: split_module(g, 0)),
    ("separable_reused", "sub-functions merged", lambda g: merge_modules(g, 0, 1)),
    ("separable_reused", "edge missing", lambda g: drop_edges(g, (0, 3))),
    ("separable_reused", "edge added", lambda g: nx.compose(g, nx.DiGraph([(0, 5)]))),
    ("overlap_o0", "input misplaced", lambda g: misplace_inputs(g, {3: 1})),
    ("overlap_o0", "sub-functions merged", lambda g: merge_modules(g, 0, 1)),
    ("overlap_o1", "shared input absorbed", lambda g: misplace_inputs(g, {3: 0})),
    ("overlap_o1", "module split", lambda g: split_module(g, 0)),
    ("overlap_o1", "sub-functions merged", lambda g: merge_modules(g, 3, 4)),
    ("overlap_o1", "edge missing", lambda g: drop_edges(g, (2, 4))),
    ("overlap_o2", "input misplaced", lambda g: misplace_inputs(g, {2: 0})),
    ("overlap_o2", "module split", lambda g: split_module(g, 2)),
    ("overlap_o2", "edge missing", lambda g: drop_edges(g, (2, 3))),
    ("overlap_o4", "sub-functions merged", lambda g: merge_modules(g, 1, 2)),
    ("overlap_o4", "edge missing", lambda g: drop_edges(g, (0, 2))),
    ("depth", "input misplaced", lambda g: misplace_inputs(g, {4: 0})),
    ("depth", "module split", lambda g: split_module(g, 2)),
    ("depth", "sub-functions merged", lambda g: merge_modules(g, 0, 1)),
    ("depth", "top sub-functions merged", lambda g: merge_modules(g, 3, 4)),
    ("depth", "edge missing", lambda g: drop_edges(g, (0, 3))),
]


# --- expected_module_graph ----------------------------------------------------------------------


@pytest.mark.parametrize("name", EXEMPLARS)
def test_expected_module_graph_of_each_exemplar(name):
    assert structure(expected_module_graph(true_graph_of(name))) == structure(perfect(name))


def test_expected_module_graph_names_members_and_counts_operand_edges():
    expected = expected_module_graph(reused(4))
    assert dict(expected.nodes(data="members")) == {0: ("g",), 1: ("h1", "y0", "y2"), 2: ("h2", "y1", "y3")}
    members = expected_module_graph(reused(16)).nodes[1]["members"]
    assert members == ("h1", *(f"y{j}" for j in EVEN16))
    # g -> h1 and x0 -> h1, with x0 held by g's module
    assert dict(expected.edges) == {(0, 1): {"weight": 2}, (0, 2): {"weight": 2}}
    assert expected.graph == {"n_inputs": 4, "n_outputs": 4, "name": "reused"}


def test_expected_module_graph_follows_the_hierarchy_format(tmp_path):
    expected = expected_module_graph(separable_reused())
    assert list(expected) == list(range(6))
    assert [set(data["inputs"]) for _, data in expected.nodes(data=True)] == [
        {0, 1}, {2, 3}, {4, 5}, set(), set(), set()
    ]
    assert [set(data["outputs"]) for _, data in expected.nodes(data=True)] == [
        set(), set(), set(), {0}, {1}, {2}
    ]
    write_graphml(expected, tmp_path / "expected.graphml")
    assert nx.utils.graphs_equal(read_graphml(tmp_path / "expected.graphml"), expected)


def test_twins_are_merged_and_an_output_of_twins_joins_them():
    functions = {"g1": ("and", inputs(0, 1)), "g2": ("or", inputs(0, 1))}
    graph = function_graph("twins", 2, functions, [("xor", ["g1", "g2"])])
    expected = expected_module_graph(graph)
    assert list(expected.nodes(data=True)) == [
        (0, {"inputs": {0, 1}, "outputs": {0}, "members": ("g1", "g2", "y0")})
    ]


def test_twins_on_two_levels_are_all_merged():
    functions = {
        "g1": ("and", inputs(0, 1)),
        "g2": ("or", inputs(0, 1)),
        "h1": ("and", ["g1", "g2"]),
        "h2": ("xor", ["g1", "g2"]),
    }
    graph = function_graph("twins", 2, functions, [("or", ["h1", "h2"])])
    expected = expected_module_graph(graph)
    assert dict(expected.nodes(data="members")) == {0: ("g1", "g2"), 1: ("h1", "h2", "y0")}
    assert nx.to_dict_of_dicts(expected) == {0: {1: {"weight": 4}}, 1: {}}


def test_same_inputs_with_different_consumers_are_not_twins():
    expected = expected_module_graph(overlap(4))
    assert dict(expected.nodes(data="members")) == {0: (), 1: ("A", "y0", "y2"), 2: ("B", "y1", "y3")}


def test_outputs_of_inputs_are_modules_of_their_own_and_unread_inputs_are_held_by_none():
    graph = function_graph(
        "direct", 4, {"g": ("xor", inputs(0, 1))}, [("identity", ["g"]), ("not", ["x2"])]
    )
    assert structure(expected_module_graph(graph)) == ([("0,1", "0"), ("2", "1")], [])


def test_identical_outputs_of_several_modules_stay_separate():
    functions = {"g1": ("and", inputs(0, 1)), "g2": ("and", inputs(2, 3))}
    graph = function_graph("copies", 4, functions, [("or", ["g1", "g2"])] * 2)
    modules, edges = structure(expected_module_graph(graph))
    assert modules == [("", "0"), ("", "1"), ("0,1", ""), ("2,3", "")]
    assert len(edges) == 4


def test_shared_inputs_are_grouped_by_their_lowest_consumers():
    functions = {
        "A": ("and", inputs(0, 1, 2)),
        "B": ("and", inputs(1, 2, 3)),
        "C": ("and", inputs(2, 3, 4)),
    }
    graph = function_graph("chain", 5, functions, [("identity", [f]) for f in "ABC"])
    modules, edges = structure(expected_module_graph(graph))
    # A and C read shared inputs too, so their private inputs x0 and x4 stay apart.
    assert sorted(modules) == [
        ("", "0"), ("", "1"), ("", "2"), ("0", ""), ("1", ""), ("2", ""), ("3", ""), ("4", "")
    ]
    assert len(edges) == 9  # 0 -> A; 1 -> A, B; 2 -> A, B, C; 3 -> B, C; 4 -> C


def _without_role(graph):
    del graph.nodes["g1"]["role"]


def _with_duplicate_index(graph):
    graph.nodes["x1"]["index"] = 0


def _with_cycle(graph):
    graph.add_edge("y0", "g1")


def _with_unused_function(graph):
    graph.add_node("dead", role="function", op="not", level=2)
    graph.add_edge("g1", "dead")


def _with_operand_of_input(graph):
    graph.add_edge("x0", "x1")


def _with_function_of_nothing(graph):
    graph.add_node("const", role="function", op="identity", level=1)
    graph.add_edge("const", "y0")


def _without_outputs(graph):
    graph.remove_nodes_from([f"y{j}" for j in range(4)])


@pytest.mark.parametrize(
    "corrupt, message",
    [
        (_without_role, "role"),
        (lambda graph: graph.nodes["g1"].update(role="hidden"), "role='hidden'"),
        (_with_duplicate_index, "values 0..3, once each"),
        (lambda graph: graph.nodes["y3"].update(index="3"), "integer attribute 'index'"),
        (_with_cycle, "cycle"),
        (_with_unused_function, "feeds no output"),
        (_with_operand_of_input, "inputs read nothing"),
        (_with_function_of_nothing, "no operand edge"),
        (_without_outputs, "no output node"),
    ],
)
def test_expected_module_graph_rejects_a_malformed_true_graph(corrupt, message):
    graph = input_separable()
    corrupt(graph)
    with pytest.raises(ValueError, match=message):
        expected_module_graph(graph)


def test_expected_module_graph_rejects_what_is_not_a_digraph():
    with pytest.raises(TypeError, match="networkx.DiGraph"):
        expected_module_graph(nx.Graph(input_separable()))



# The depth task read by a layered network: g1, g2 -> h -> k1, k2, without g1 -> k1 and g2 -> k2.
LAYERED_DEPTH_EDGES = [(0, 2), (1, 2), (2, 3), (2, 4)]


def test_dropping_skip_edges_reads_the_depth_task_as_a_layered_network_shows_it():
    exact = expected_module_graph(depth())
    layered = expected_module_graph(depth(), skip_edges="drop")
    assert sorted(layered.edges) == LAYERED_DEPTH_EDGES
    assert sorted(exact.edges) == sorted(perfect("depth").edges)
    assert structure(layered)[0] == structure(exact)[0]
    assert all(layered.edges[edge]["weight"] == exact.edges[edge]["weight"] for edge in layered.edges)


@pytest.mark.parametrize("name", [name for name in EXEMPLARS if name != "depth"])
def test_no_other_exemplar_has_an_edge_to_skip(name):
    exact = expected_module_graph(true_graph_of(name))
    assert structure(expected_module_graph(true_graph_of(name), skip_edges="drop")) == structure(exact)


def test_the_layered_depth_detection_scores_one_only_when_skip_edges_are_dropped():
    layered = drop_edges(perfect("depth"), (0, 3), (1, 4))
    assert hierarchy_match_score(depth(), layered, skip_edges="drop") == 1.0
    assert hierarchy_match_score(depth(), layered) < 1.0
    assert hierarchy_match_score(depth(), perfect("depth"), skip_edges="drop") < 1.0
    scorer = make_hierarchy_scorer(depth(), skip_edges="drop")
    assert scorer(Fitted(layered), X_TABLE) == 1.0
    assert repr(scorer) == "make_hierarchy_scorer('depth', skip_edges='drop')"


# --- hierarchy_match_score ----------------------------------------------------------------------


@pytest.mark.parametrize("name", EXEMPLARS)
def test_the_perfect_detection_scores_one(name):
    assert hierarchy_match_score(true_graph_of(name), perfect(name)) == 1.0
    expected = expected_module_graph(true_graph_of(name))
    assert hierarchy_match_score(true_graph_of(name), expected) == 1.0


@pytest.mark.parametrize("name", EXEMPLARS)
def test_renumbered_modules_score_one(name):
    graph = perfect(name)
    new_number = {module: 10 * (len(graph) - module) for module in graph}
    renumbered = nx.DiGraph()
    renumbered.add_nodes_from(
        (new_number[module], graph.nodes[module]) for module in reversed(list(graph))
    )
    renumbered.add_edges_from((new_number[a], new_number[b]) for a, b in graph.edges)
    assert hierarchy_match_score(true_graph_of(name), renumbered) == 1.0


def test_a_graphml_round_trip_and_set_attributes_score_one(tmp_path):
    write_graphml(perfect("depth"), tmp_path / "depth.graphml")
    assert hierarchy_match_score(depth(), read_graphml(tmp_path / "depth.graphml")) == 1.0
    as_sets = module_graph([])
    for module, (held_inputs, held_outputs) in enumerate(EXEMPLARS["depth"][1]):
        as_sets.add_node(module, inputs=frozenset(held_inputs), outputs=list(held_outputs))
    as_sets.add_edges_from(EXEMPLARS["depth"][2])
    assert hierarchy_match_score(depth(), as_sets) == 1.0


@pytest.mark.parametrize(
    "name, mistake",
    [(name, make) for name, _, make in MISTAKES],
    ids=[f"{name}: {description}" for name, description, _ in MISTAKES],
)
def test_every_mistake_scores_below_one(name, mistake):
    score = hierarchy_match_score(true_graph_of(name), mistake(perfect(name)))
    assert 0.0 < score < 1.0


def test_the_score_follows_its_formula():
    # module 0 holds inputs {0, 1, 2}: similarity (2/3 + 1 + 2/3 + 1) / 4 = 5/6
    # module 1 holds input {3}:          similarity (1/2 + 1 + 1/2 + 1) / 4 = 3/4
    misplaced = misplace_inputs(perfect("input_separable"), {2: 0})
    assert hierarchy_match_score(input_separable(), misplaced) == pytest.approx((5 / 6 + 3 / 4) / 2)
    # without g1 -> y0, g1 no longer sees output 0 downstream and y0 no longer sees inputs 0, 1
    # upstream: both similarities drop to (1 + 1 + 1 + 1/2) / 4; the edge Jaccard is 5/6
    missing = drop_edges(perfect("separable_reused"), (0, 3))
    node = (4 + 2 * 7 / 8) / 6
    expected_score = node * (1 + 5 / 6) / 2
    assert hierarchy_match_score(separable_reused(), missing) == pytest.approx(expected_score)
    # one module for two: similarity 1/2 over max(2, 1) modules, no edges anywhere
    assert hierarchy_match_score(input_separable(), one_module("input_separable")) == 0.25


@pytest.mark.parametrize(
    "name, one, two",
    [
        ("input_separable", {1: 1}, {1: 1, 2: 0}),
        ("separable_reused", {1: 1}, {1: 1, 3: 2}),
        ("overlap_o2", {2: 0}, {2: 0, 3: 1}),
        ("depth", {4: 0}, {4: 0, 3: 1}),
    ],
)
def test_more_misplaced_inputs_score_lower(name, one, two):
    true_graph, graph = true_graph_of(name), perfect(name)
    scores = [
        hierarchy_match_score(true_graph, misplace_inputs(graph, one)),
        hierarchy_match_score(true_graph, misplace_inputs(graph, two)),
        hierarchy_match_score(true_graph, one_module(name)),
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


@pytest.mark.parametrize("name", ["separable_reused", "depth"])
def test_more_missing_edges_score_lower(name):
    graph = perfect(name)
    edges = list(graph.edges)
    scores = [
        hierarchy_match_score(true_graph_of(name), drop_edges(graph, *edges[:k]))
        for k in (1, 2, len(edges))
    ]
    assert scores[0] > scores[1] > scores[2] > 0


def test_partial_credit_grows_as_the_detection_gets_closer():
    modules, edges = EXEMPLARS["depth"][1:]
    detections = [
        one_module("depth"),
        module_graph([({0, 1, 2, 3}, {0, 2}), ({4, 5, 6, 7}, {1, 3})]),
        module_graph(modules),
        module_graph(modules, edges[:3]),
        module_graph(modules, edges[:5]),
        module_graph(modules, edges),
    ]
    scores = [hierarchy_match_score(depth(), detection) for detection in detections]
    assert all(lower < higher for lower, higher in zip(scores, scores[1:]))
    assert scores[-1] == 1.0


def test_modules_with_equal_signatures_are_matched_by_their_edges():
    # h1 = AND(g1, g2) and h2 = AND(h1, g1) hold nothing and see the same inputs and outputs
    functions = {
        "g1": ("xor", inputs(0, 1)),
        "g2": ("xor", inputs(2, 3)),
        "h1": ("and", ["g1", "g2"]),
        "h2": ("and", ["h1", "g1"]),
    }
    true_graph = function_graph("ties", 4, functions, [("or", ["h1", "h2"])])
    modules = [({0, 1}, ()), ({2, 3}, ()), ((), ()), ((), ()), ((), {0})]
    for h1, h2 in ((2, 3), (3, 2)):
        edges = [(0, h1), (1, h1), (h1, h2), (0, h2), (h1, 4), (h2, 4)]
        assert hierarchy_match_score(true_graph, module_graph(modules, edges)) == 1.0
    not_isomorphic = [(0, 2), (1, 2), (0, 3), (1, 3), (2, 4), (3, 4)]
    assert hierarchy_match_score(true_graph, module_graph(modules, not_isomorphic)) < 1.0


def test_an_extra_module_and_an_empty_detection_lose_credit():
    extra = perfect("separable_reused")
    extra.add_node(6, inputs=set(), outputs=set())
    assert hierarchy_match_score(separable_reused(), extra) == pytest.approx(6 / 7)
    assert hierarchy_match_score(separable_reused(), nx.DiGraph()) == 0.0


class Fitted:
    """Any object with a hierarchy_ attribute, as a fitted estimator has."""

    def __init__(self, hierarchy):
        self.hierarchy_ = hierarchy


def test_a_fitted_object_or_a_pipeline_ending_in_one_is_read_through_hierarchy_():
    fitted = Fitted(perfect("reused_m16"))
    assert hierarchy_match_score(reused(16), fitted) == 1.0
    pipeline = make_pipeline(FunctionTransformer(), FakeSculptor(detection="perfect"))
    pipeline.fit(np.zeros((4, 4)), [0, 1, 0, 1])
    assert hierarchy_match_score(input_separable(), pipeline) == 1.0


@pytest.mark.parametrize(
    "hierarchy, message",
    [
        ([(0, 1)], "module graph \\(networkx.DiGraph\\) or a fitted object"),
        (Fitted({"inputs": "0"}), "hierarchy_ must be a networkx.DiGraph"),
    ],
)
def test_a_hierarchy_that_is_no_module_graph_is_rejected(hierarchy, message):
    with pytest.raises(TypeError, match=message):
        hierarchy_match_score(input_separable(), hierarchy)


def _relabelled(attribute, value):
    graph = perfect("input_separable")
    graph.nodes[0][attribute] = value
    return graph


def _without_outputs_attribute():
    graph = perfect("input_separable")
    del graph.nodes[1]["outputs"]
    return graph


def _of_another_task():
    graph = perfect("input_separable")
    graph.graph["n_inputs"] = 6
    return graph


@pytest.mark.parametrize(
    "hierarchy, message",
    [
        (_without_outputs_attribute(), "Module 1 has no 'outputs' attribute"),
        (_relabelled("inputs", "0,1"), "'inputs' of module 0 is the text '0,1'.*read_graphml"),
        (_relabelled("inputs", {0, 9}), "holds inputs \\[9\\], but the true function graph has 4"),
        (_relabelled("outputs", {-1}), "holds outputs \\[-1\\]"),
        (_relabelled("inputs", 3), "must hold column indices; got 3"),
        (_relabelled("inputs", ["0"]), "must hold column indices"),
        (_of_another_task(), "n_inputs=6 but the true function graph has 4"),
    ],
)
def test_a_malformed_module_graph_is_rejected(hierarchy, message):
    with pytest.raises(ValueError, match=message):
        hierarchy_match_score(input_separable(), hierarchy)


def test_a_module_graph_with_a_self_loop_is_rejected():
    hierarchy = perfect("input_separable")
    hierarchy.add_edge(0, 0, weight=1)
    with pytest.raises(ValueError, match="an edge from module 0 to itself"):
        hierarchy_match_score(input_separable(), hierarchy)
    with pytest.raises(ValueError, match="to itself"):
        make_hierarchy_scorer(input_separable())(Fitted(hierarchy), None, None)


def nearly_dense_net_with_a_cycle():
    """A net of the overlap grid (o = 4, m = 8, hidden 24 x 3, P_u 5, P_e 0.5) whose module graph has cycles.

    All but three edges are kept: hidden units 17 and 19 of the second layer
    each lose one outgoing edge and become one-unit modules, fed by the
    module of every other unit, which spans all layers, and feeding it back.
    """
    masks = [np.ones((4, 24), bool), np.ones((24, 24), bool), np.ones((24, 24), bool), np.ones((24, 8), bool)]
    masks[1][23, 1] = masks[2][17, 2] = masks[2][19, 11] = False
    return masks


def test_a_detected_module_graph_with_cycles_is_scored():
    detector = ModuleDetector().fit(nearly_dense_net_with_a_cycle())
    assert sorted(detector.hierarchy_.edges) == [(0, 1), (0, 2), (1, 0), (2, 0)]
    graph = make_boolean_task("overlap", overlap=4, m=8).graph
    score = hierarchy_match_score(graph, detector)
    assert 0.0 <= score < 1.0
    assert make_hierarchy_scorer(graph)(Fitted(detector.hierarchy_), None, None) == score


def test_a_true_graph_without_roles_is_rejected():
    hierarchy = perfect("input_separable")
    with pytest.raises(ValueError, match="role"):
        hierarchy_match_score(nx.DiGraph([("a", "b")]), hierarchy)
    with pytest.raises(TypeError, match="true_graph must be a networkx.DiGraph"):
        hierarchy_match_score("not a graph", hierarchy)


def test_a_true_graph_passed_as_the_hierarchy_is_named_as_such():
    with pytest.raises(ValueError, match="hierarchy looks like a true function graph.*pass the detected module graph"):
        hierarchy_match_score(input_separable(), input_separable())


# --- make_hierarchy_scorer ----------------------------------------------------------------------

DETECTIONS = {
    "perfect": lambda: perfect("input_separable"),
    "input misplaced": lambda: misplace_inputs(perfect("input_separable"), {1: 1}),
    "one module": lambda: one_module("input_separable"),
}


class FakeSculptor(ClassifierMixin, BaseEstimator):
    """Stands in for SculptingClassifier: 'detects' a fixed hierarchy of input_separable."""

    def __init__(self, detection="perfect"):
        self.detection = detection

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.hierarchy_ = DETECTIONS[self.detection]()
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


X_TABLE = np.array([[(row >> (3 - bit)) & 1 for bit in range(4)] for row in range(16)], dtype=float)
Y_XOR = (X_TABLE[:, 0] != X_TABLE[:, 1]).astype(int)
GRID = {"detection": list(DETECTIONS)}


def test_the_scorer_scores_the_fitted_hierarchy_and_ignores_X_and_y():
    scorer = make_hierarchy_scorer(input_separable())
    for detection, make in DETECTIONS.items():
        fitted = FakeSculptor(detection=detection).fit(X_TABLE, Y_XOR)
        assert scorer(fitted, None, None) == hierarchy_match_score(input_separable(), make())
        assert scorer(fitted, X_TABLE[:3], Y_XOR[:3]) == scorer(fitted, X_TABLE, Y_XOR)
    assert repr(scorer) == "make_hierarchy_scorer('input_separable')"


def test_the_scorer_survives_pickling():
    scorer = make_hierarchy_scorer(depth())
    restored = pickle.loads(pickle.dumps(scorer))
    detection = Fitted(drop_edges(perfect("depth"), (0, 3)))
    assert restored(detection, X_TABLE) == scorer(detection, X_TABLE) < 1.0


def test_the_scorer_drives_a_grid_search():
    scorer = make_hierarchy_scorer(input_separable())
    search = GridSearchCV(FakeSculptor(), GRID, scoring=scorer, cv=2)
    search.fit(X_TABLE, Y_XOR)
    assert search.best_params_ == {"detection": "perfect"}
    expected = [hierarchy_match_score(input_separable(), make()) for make in DETECTIONS.values()]
    np.testing.assert_allclose(search.cv_results_["mean_test_score"], expected)


@pytest.mark.parametrize("routing", [False, True])
def test_the_scorer_sits_in_a_dict_of_scorers_with_refit_in_parallel(routing):
    scoring = {"accuracy": "accuracy", "structure": make_hierarchy_scorer(input_separable())}
    with config_context(enable_metadata_routing=routing):
        search = GridSearchCV(
            FakeSculptor(), GRID, scoring=scoring, refit="structure", cv=2, n_jobs=2
        )
        search.fit(X_TABLE, Y_XOR)
    assert search.best_params_ == {"detection": "perfect"}
    assert search.best_score_ == 1.0
    np.testing.assert_allclose(search.cv_results_["mean_test_accuracy"], 0.5)
    assert search.best_estimator_.hierarchy_.number_of_nodes() == 2


def test_the_scorer_checks_the_true_graph_at_once_and_needs_a_fitted_estimator():
    with pytest.raises(ValueError, match="role"):
        make_hierarchy_scorer(nx.DiGraph([("a", "b")]))
    with pytest.raises(TypeError, match="Fit it first"):
        make_hierarchy_scorer(input_separable())(FakeSculptor(), X_TABLE, Y_XOR)


def test_inputs_no_detected_module_holds_are_left_out():
    from sksculpt.datasets import make_boolean_task

    graph = make_boolean_task("input_separable").graph
    # x3 is pruned away (as a constant pixel would be); the rest is the task's structure.
    detected = nx.DiGraph()
    detected.add_node(0, inputs={0, 1}, outputs={0, 1})
    detected.add_node(1, inputs={2}, outputs={2, 3})
    assert hierarchy_match_score(graph, detected) == 1.0
    # A pruned input does not hide a misplaced one.
    detected.nodes[0]["inputs"], detected.nodes[1]["inputs"] = {0}, {1, 2}
    assert hierarchy_match_score(graph, detected) < 1.0


def test_expected_module_of_pruned_shared_inputs_is_dropped():
    from sksculpt.datasets import make_boolean_task

    graph = make_boolean_task("overlap", overlap=1, m=2).graph  # x3 is read by A and B
    with_shared = nx.DiGraph()
    with_shared.add_node(0, inputs={0, 1, 2}, outputs=set())
    with_shared.add_node(1, inputs={4, 5, 6}, outputs=set())
    with_shared.add_node(2, inputs={3}, outputs=set())
    with_shared.add_node(3, inputs=set(), outputs={0})
    with_shared.add_node(4, inputs=set(), outputs={1})
    with_shared.add_edges_from([(0, 3), (2, 3), (2, 4), (1, 4)])
    assert hierarchy_match_score(graph, with_shared) == 1.0
    # x3 pruned away: its module, emptied, is dropped with its edges.
    without_shared = with_shared.copy()
    without_shared.remove_node(2)
    assert hierarchy_match_score(graph, without_shared) == 1.0
