"""Random hierarchically modular tasks: determinism, structure and validity."""

import itertools

import networkx as nx
import numpy as np
import pytest

from sksculpt.datasets import _random, make_random_hierarchical_task
from sksculpt.datasets._random import (
    depends_on_all_operands,
    depends_on_inputs,
    input_windows,
    random_truth_table,
)

STRUCTURES = [
    dict(n_inputs=8, n_functions_per_level=(4, 2), fan_in=2, reuse=2),
    dict(n_inputs=8, n_functions_per_level=(2, 1, 2), fan_in=(4, 2, 2), reuse=3),
    dict(n_inputs=6, n_functions_per_level=(2,), fan_in=4, reuse=1),
    dict(n_inputs=7, n_functions_per_level=(3, 3, 1), fan_in=3, reuse=2),
]


def evaluate_graph(graph, x):
    """Evaluate a true graph on one input row from its edges and tables only."""
    values = {f"x{i}": bit for i, bit in enumerate(x)}
    for node in nx.topological_sort(graph):
        if node in values:
            continue
        operands = sorted(graph.in_edges(node, data="position"), key=lambda edge: edge[2])
        bits = [values[source] for source, _, _ in operands]
        attributes = graph.nodes[node]
        if attributes["op"] == "identity":
            values[node] = bits[0]
        else:
            assert attributes["op"] == "table"
            values[node] = int(attributes["table"][int("".join(map(str, bits)), 2)])
    return values


@pytest.mark.parametrize("structure", STRUCTURES)
def test_same_seed_same_task_other_seed_other_task(structure):
    first = make_random_hierarchical_task(**structure, random_state=3)
    second = make_random_hierarchical_task(**structure, random_state=3)
    other = make_random_hierarchical_task(**structure, random_state=4)
    np.testing.assert_array_equal(first.target, second.target)
    assert nx.utils.graphs_equal(first.graph, second.graph)
    assert first.DESCR == second.DESCR
    assert first.DESCR != other.DESCR


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("seed", [0, 1])
def test_structure_and_truth_table(structure, seed):
    task = make_random_hierarchical_task(**structure, random_state=seed)
    graph = task.graph
    n_inputs = structure["n_inputs"]
    sizes = structure["n_functions_per_level"]
    fan_ins = structure["fan_in"]
    fan_ins = [fan_ins] * len(sizes) if isinstance(fan_ins, int) else list(fan_ins)
    roles = dict(graph.nodes(data="role"))
    functions = [node for node, role in roles.items() if role == "function"]
    outputs = [node for node, role in roles.items() if role == "output"]

    assert nx.is_directed_acyclic_graph(graph)
    assert graph.graph["name"] == "random_hierarchical"
    assert len(outputs) == sizes[-1] * structure["reuse"]
    for level, (size, fan_in) in enumerate(zip(sizes, fan_ins, strict=True), start=1):
        at_level = [node for node in functions if graph.nodes[node]["level"] == level]
        assert len(at_level) == size
        for node in at_level:
            operands = list(graph.predecessors(node))
            assert len(operands) == fan_in
            assert len(graph.nodes[node]["table"]) == 2**fan_in
            assert max(graph.nodes[operand]["level"] for operand in operands) == level - 1
            if level > 1:
                assert all(roles[operand] == "function" for operand in operands)
    # every input and sub-function feeds something; outputs copy top-level functions
    assert all(graph.out_degree(node) > 0 for node, role in roles.items() if role != "output")
    for output in outputs:
        assert graph.nodes[output]["op"] == "identity"
        (source,) = graph.predecessors(output)
        assert graph.nodes[source]["level"] == len(sizes)

    for row in range(2**n_inputs):
        x = [int(bit) for bit in format(row, f"0{n_inputs}b")]
        values = evaluate_graph(graph, x)
        assert task.data[row].tolist() == x
        assert task.target[row].tolist() == [values[f"y{j}"] for j in range(len(outputs))]


@pytest.mark.parametrize("structure", STRUCTURES)
def test_every_node_depends_on_every_input_it_reads(structure):
    task = make_random_hierarchical_task(**structure, random_state=7)
    graph = task.graph
    n_inputs = structure["n_inputs"]
    rows = list(itertools.product([0, 1], repeat=n_inputs))
    values = [evaluate_graph(graph, row) for row in rows]
    for node, role in graph.nodes(data="role"):
        if role == "input":
            continue
        table = graph.nodes[node].get("table")
        if table is not None:
            assert depends_on_all_operands([int(bit) for bit in table])
        inputs_read = [a for a in nx.ancestors(graph, node) if graph.nodes[a]["role"] == "input"]
        assert inputs_read
        for ancestor in inputs_read:
            bit = 1 << (n_inputs - 1 - graph.nodes[ancestor]["index"])
            flips = [values[r][node] != values[r ^ bit][node] for r in range(len(rows))]
            assert any(flips), f"{node} ignores {ancestor}"


def test_depends_on_all_operands():
    assert depends_on_all_operands([0, 1, 1, 0])
    assert depends_on_all_operands([0, 0, 0, 1])
    assert not depends_on_all_operands([0, 0, 1, 1])  # ignores the second operand
    assert not depends_on_all_operands([0, 1, 0, 1])  # ignores the first operand
    assert not depends_on_all_operands([1, 1, 1, 1])
    assert not depends_on_all_operands([0, 1, 1, 0, 0, 1, 1, 0])  # ignores the first of three


def test_depends_on_inputs():
    x0_and_x2 = np.array([int(row >> 2 & 1 and row & 1) for row in range(8)])
    assert depends_on_inputs(x0_and_x2, [0, 2], 3)
    assert not depends_on_inputs(x0_and_x2, [0, 1], 3)


def test_deep_narrow_structures_are_valid():
    # composed sub-functions often lose an input here; each output must still use all it reads
    task = make_random_hierarchical_task(4, (2, 2, 2, 2, 2, 2), fan_in=2, random_state=0)
    graph = task.graph
    for j in range(task.target.shape[1]):
        ancestors = nx.ancestors(graph, f"y{j}")
        inputs_read = [
            graph.nodes[a]["index"] for a in ancestors if graph.nodes[a]["role"] == "input"
        ]
        assert inputs_read
        assert depends_on_inputs(task.target[:, j], inputs_read, 4)


def test_runtime_error_when_no_table_fits(monkeypatch):
    monkeypatch.setattr(_random, "MAX_DRAWS", 0)
    with pytest.raises(RuntimeError, match="No truth table out of 0 draws"):
        make_random_hierarchical_task(random_state=0)


def test_random_truth_table_is_seeded_and_non_degenerate():
    tables = [random_truth_table(3, np.random.RandomState(seed)) for seed in range(20)]
    assert all(depends_on_all_operands(table) for table in tables)
    assert len({table.tobytes() for table in tables}) > 1
    np.testing.assert_array_equal(
        random_truth_table(3, np.random.RandomState(5)),
        random_truth_table(3, np.random.RandomState(5)),
    )


def test_input_windows_cover_inputs_evenly():
    assert input_windows(8, 2, 4) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert input_windows(6, 2, 4) == [[0, 1, 2, 3], [2, 3, 4, 5]]
    assert input_windows(4, 1, 4) == [[0, 1, 2, 3]]
    assert input_windows(7, 3, 3) == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    for n_inputs, n_functions, window in [(10, 4, 3), (9, 2, 5), (12, 5, 3)]:
        windows = input_windows(n_inputs, n_functions, window)
        assert set().union(*windows) == set(range(n_inputs))
        assert all(len(w) == window for w in windows)


def test_overlap_layout_matches_the_papers_overlap_task():
    task = make_random_hierarchical_task(6, (2,), fan_in=4, reuse=2, random_state=0)
    graph = task.graph
    assert sorted(graph.predecessors("g1_0")) == ["x0", "x1", "x2", "x3"]
    assert sorted(graph.predecessors("g1_1")) == ["x2", "x3", "x4", "x5"]
    assert [next(graph.predecessors(f"y{j}")) for j in range(4)] == ["g1_0", "g1_1"] * 2


def test_return_X_y():
    task = make_random_hierarchical_task(random_state=0)
    X, y = make_random_hierarchical_task(random_state=0, return_X_y=True)
    np.testing.assert_array_equal(X, task.data)
    np.testing.assert_array_equal(y, task.target)
    assert X.dtype == np.float32 and y.dtype == np.int64


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (
            dict(n_inputs=9, n_functions_per_level=(2,), fan_in=4),
            ValueError,
            r"need 4 <= n_inputs <= 8",
        ),
        (dict(n_inputs=3, n_functions_per_level=(2,), fan_in=4), ValueError, r"need 4 <= n_inputs"),
        (
            dict(n_inputs=8, n_functions_per_level=(4, 1), fan_in=2),
            ValueError,
            r"too few operand slots",
        ),
        (
            dict(n_inputs=4, n_functions_per_level=(2, 1), fan_in=(2, 3)),
            ValueError,
            r"fan_in\[1\]=3 exceeds",
        ),
        (
            dict(n_inputs=4, n_functions_per_level=(2,), fan_in=(2, 2)),
            ValueError,
            r"one entry per level",
        ),
        (
            dict(n_inputs=4, n_functions_per_level=(2, 1), fan_in=(2, 11)),
            ValueError,
            r"'fan_in\[1\]' parameter .* must be an int in the range \[2, 10\]. Got 11",
        ),
        (dict(n_inputs=4, n_functions_per_level=(), fan_in=2), ValueError, r"non-empty sequence"),
        (
            dict(n_inputs=4, n_functions_per_level=(2, 0), fan_in=2),
            ValueError,
            r"n_functions_per_level\[1\]",
        ),
    ],
)
def test_invalid_parameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        make_random_hierarchical_task(**kwargs, random_state=0)
