"""The paper's Boolean tasks, checked row by row against the TASKS.md definitions."""

import io
import json

import networkx as nx
import numpy as np
import pytest

from sksculpt.datasets import make_boolean_task

# --- the definitions of TASKS.md, written independently of the library ---------------


def f_A(a, b, c, d):
    return int((a, b, c, d) in {(0, 0, 1, 1), (1, 0, 1, 0), (1, 1, 0, 0)})


def f_B(a, b, c, d):
    return int((a, b, c, d) in {(0, 1, 0, 1), (1, 0, 0, 1), (1, 1, 1, 1)})


def expected_input_separable(x):
    g1, g2 = x[0] ^ x[1], x[2] ^ x[3]
    return [g1, 1 - g1, g2, 1 - g2]


def expected_single(x):
    return [f_A(*x[0:4])] * 4


def expected_reused(x, m):
    g = f_A(*x[0:4])
    h1, h2 = g & x[0], g & x[2]
    return [h1 if j % 2 == 0 else h2 for j in range(m)]


def expected_separable_reused(x):
    g1, g2, g3 = x[0] & x[1], x[2] & x[3], x[4] & x[5]
    return [g1 | g2, g1 | g3, g2 | g3]


def expected_overlap(x, m, o):
    a, b = f_A(*x[0:4]), f_B(*x[4 - o : 8 - o])
    return [a if j % 2 == 0 else b for j in range(m)]


def expected_depth(x, m):
    g1, g2 = f_A(*x[0:4]), f_B(*x[4:8])
    h = g1 ^ g2
    k1, k2 = h & g1, h & g2
    return [k1 if j % 2 == 0 else k2 for j in range(m)]


def row_bits(row, n_inputs):
    """Binary digits of ``row``, x0 first (most significant)."""
    return [int(bit) for bit in format(row, f"0{n_inputs}b")]


CASES = [
    ("input_separable", {}, 4, expected_input_separable),
    ("single", {}, 4, expected_single),
    ("separable_reused", {}, 6, expected_separable_reused),
    *[("reused", {"m": m}, 4, lambda x, m=m: expected_reused(x, m)) for m in (2, 4, 8, 12, 16)],
    *[("depth", {"m": m}, 8, lambda x, m=m: expected_depth(x, m)) for m in (2, 16)],
    *[
        ("overlap", {"overlap": o, "m": m}, 8 - o, lambda x, m=m, o=o: expected_overlap(x, m, o))
        for o in range(5)
        for m in (2, 4)
    ],
]


@pytest.mark.parametrize("name, kwargs, n_inputs, expected", CASES)
def test_truth_table_matches_definition_row_by_row(name, kwargs, n_inputs, expected):
    task = make_boolean_task(name, **kwargs)
    assert task.data.shape == (2**n_inputs, n_inputs)
    assert task.data.dtype == np.float32
    assert task.target.dtype == np.int64
    for row in range(2**n_inputs):
        x = row_bits(row, n_inputs)
        assert task.data[row].tolist() == x
        assert task.target[row].tolist() == expected(x), f"{name} {kwargs} row {row}"


def test_m_defaults_to_16():
    for name in ("reused", "depth"):
        assert make_boolean_task(name).target.shape[1] == 16
    assert make_boolean_task("overlap", overlap=1).target.shape[1] == 16


def test_even_m_outside_the_papers_values_is_allowed():
    task = make_boolean_task("reused", m=6)
    x = row_bits(0b1100, 4)
    assert task.target[0b1100].tolist() == expected_reused(x, 6)


# --- the true graphs ----------------------------------------------------------------

# node -> (role, level, op, operands in order); inputs are checked separately.
EXPECTED_GRAPHS = {
    ("input_separable", ()): {
        "g1": ("function", 1, "xor", ["x0", "x1"]),
        "g2": ("function", 1, "xor", ["x2", "x3"]),
        "y0": ("output", 2, "identity", ["g1"]),
        "y1": ("output", 2, "not", ["g1"]),
        "y2": ("output", 2, "identity", ["g2"]),
        "y3": ("output", 2, "not", ["g2"]),
    },
    ("single", ()): {
        "g": ("function", 1, "table", ["x0", "x1", "x2", "x3"]),
        **{f"y{j}": ("output", 2, "identity", ["g"]) for j in range(4)},
    },
    ("reused", (("m", 4),)): {
        "g": ("function", 1, "table", ["x0", "x1", "x2", "x3"]),
        "h1": ("function", 2, "and", ["g", "x0"]),
        "h2": ("function", 2, "and", ["g", "x2"]),
        "y0": ("output", 3, "identity", ["h1"]),
        "y1": ("output", 3, "identity", ["h2"]),
        "y2": ("output", 3, "identity", ["h1"]),
        "y3": ("output", 3, "identity", ["h2"]),
    },
    ("separable_reused", ()): {
        "g1": ("function", 1, "and", ["x0", "x1"]),
        "g2": ("function", 1, "and", ["x2", "x3"]),
        "g3": ("function", 1, "and", ["x4", "x5"]),
        "h1": ("function", 2, "or", ["g1", "g2"]),
        "h2": ("function", 2, "or", ["g1", "g3"]),
        "h3": ("function", 2, "or", ["g2", "g3"]),
        "y0": ("output", 3, "identity", ["h1"]),
        "y1": ("output", 3, "identity", ["h2"]),
        "y2": ("output", 3, "identity", ["h3"]),
    },
    ("overlap", (("m", 2), ("overlap", 3))): {
        "A": ("function", 1, "table", ["x0", "x1", "x2", "x3"]),
        "B": ("function", 1, "table", ["x1", "x2", "x3", "x4"]),
        "y0": ("output", 2, "identity", ["A"]),
        "y1": ("output", 2, "identity", ["B"]),
    },
    ("depth", (("m", 2),)): {
        "g1": ("function", 1, "table", ["x0", "x1", "x2", "x3"]),
        "g2": ("function", 1, "table", ["x4", "x5", "x6", "x7"]),
        "h": ("function", 2, "xor", ["g1", "g2"]),
        "k1": ("function", 3, "and", ["h", "g1"]),
        "k2": ("function", 3, "and", ["h", "g2"]),
        "y0": ("output", 4, "identity", ["k1"]),
        "y1": ("output", 4, "identity", ["k2"]),
    },
}


@pytest.mark.parametrize("key", EXPECTED_GRAPHS, ids=lambda key: key[0])
def test_graph_structure(key):
    name, kwargs = key
    task = make_boolean_task(name, **dict(kwargs))
    graph = task.graph
    expected = EXPECTED_GRAPHS[key]
    n_inputs = task.data.shape[1]
    assert graph.graph["name"] == name
    assert set(graph.nodes) == {f"x{i}" for i in range(n_inputs)} | set(expected)
    for i in range(n_inputs):
        assert graph.nodes[f"x{i}"] == {"role": "input", "index": i, "level": 0}
        assert graph.in_degree(f"x{i}") == 0
    for node, (role, level, op, operands) in expected.items():
        attributes = graph.nodes[node]
        assert (attributes["role"], attributes["level"], attributes["op"]) == (role, level, op)
        if role == "output":
            assert attributes["index"] == int(node[1:])
        by_position = sorted(graph.in_edges(node, data="position"), key=lambda edge: edge[2])
        assert [source for source, _, _ in by_position] == operands
        assert [position for _, _, position in by_position] == list(range(len(operands)))
    assert task.feature_names == [f"x{i}" for i in range(n_inputs)]
    assert task.target_names == [f"y{j}" for j in range(task.target.shape[1])]


def test_f_A_and_f_B_nodes_carry_their_tables():
    graph = make_boolean_task("depth", m=2).graph
    assert graph.nodes["g1"]["table"] == "".join(str(f_A(*row_bits(row, 4))) for row in range(16))
    assert graph.nodes["g2"]["table"] == "".join(str(f_B(*row_bits(row, 4))) for row in range(16))
    assert "table" not in graph.nodes["h"]


@pytest.mark.parametrize(
    "name, kwargs, modularity",
    [
        ("input_separable", {}, [4, 2, 4]),
        ("single", {}, [4, 1, 4]),
        ("reused", {"m": 12}, [4, 1, 2, 12]),
        ("separable_reused", {}, [6, 3, 3, 3]),
        ("overlap", {"overlap": 2, "m": 8}, [6, 2, 8]),
        ("depth", {"m": 4}, [8, 2, 1, 2, 4]),
    ],
)
def test_graph_levels_give_the_modularity_list(name, kwargs, modularity):
    task = make_boolean_task(name, **kwargs)
    roles = dict(task.graph.nodes(data="role"))
    levels = [level for node, level in task.graph.nodes(data="level") if roles[node] == "function"]
    per_level = [levels.count(level) for level in range(1, max(levels) + 1)]
    n_outputs = sum(role == "output" for role in roles.values())
    assert [task.data.shape[1], *per_level, n_outputs] == modularity
    assert str(modularity) in task.DESCR


def test_graph_serialises_unmodified():
    graph = make_boolean_task("depth", m=4).graph
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    buffer.seek(0)
    read_back = nx.read_graphml(buffer)
    assert read_back.nodes["g1"]["table"] == graph.nodes["g1"]["table"]
    assert (
        json.loads(json.dumps(nx.node_link_data(graph, edges="edges")))["graph"]["name"] == "depth"
    )


def test_return_X_y_matches_bunch():
    task = make_boolean_task("overlap", overlap=1, m=4)
    X, y = make_boolean_task("overlap", overlap=1, m=4, return_X_y=True)
    np.testing.assert_array_equal(X, task.data)
    np.testing.assert_array_equal(y, task.target)


def test_descr_lists_every_node():
    task = make_boolean_task("reused", m=2)
    for line in ("h1 = and(g, x0)", "h2 = and(g, x2)", "y1 = identity(h2)"):
        assert line in task.DESCR


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (("reused",), {"m": 3}, r"m must be even.*got 3"),
        (("single",), {"m": 4}, r"'single' does not take m.*\['depth', 'overlap', 'reused'\]"),
        (("reused",), {"overlap": 1}, r"'reused' does not take overlap.*\['overlap'\]"),
        (("overlap",), {}, r"needs overlap=o, an integer in 0..4"),
    ],
)
def test_invalid_parameters_raise_value_error(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_boolean_task(*args, **kwargs)


def test_numpy_integer_m_is_accepted():
    assert make_boolean_task("reused", m=np.int64(8)).target.shape == (16, 8)
