"""FunctionGraph: declaring, evaluating and exporting Boolean function graphs."""

import itertools

import numpy as np
import pytest

from sksculpt.datasets import FunctionGraph
from sksculpt.datasets._truth_tables import binary_rows


def test_binary_rows_count_with_first_column_most_significant():
    rows = binary_rows(3)
    assert rows.tolist() == [list(bits) for bits in itertools.product([0, 1], repeat=3)]
    assert rows.dtype == np.uint8


@pytest.mark.parametrize(
    "op, n_operands, rule",
    [
        ("and", 3, lambda bits: int(all(bits))),
        ("or", 3, lambda bits: int(any(bits))),
        ("xor", 3, lambda bits: sum(bits) % 2),
        ("xor", 2, lambda bits: bits[0] ^ bits[1]),
        ("not", 1, lambda bits: 1 - bits[0]),
        ("identity", 1, lambda bits: bits[0]),
    ],
)
def test_named_ops(op, n_operands, rule):
    graph = FunctionGraph(n_operands)
    graph.add_output(op, graph.input_names)
    X, Y = graph.truth_table()
    for row, bits in enumerate(itertools.product([0, 1], repeat=n_operands)):
        assert Y[row, 0] == rule(bits)


def test_table_op_uses_first_operand_as_most_significant_bit():
    # 1 only on operand row (first=1, second=0), i.e. row index 2.
    graph = FunctionGraph(2)
    graph.add_output([0, 0, 1, 0], ["x1", "x0"])  # first operand is x1
    X, Y = graph.truth_table()
    expected = [int(x1 == 1 and x0 == 0) for x0, x1 in X.astype(int)]
    assert Y[:, 0].tolist() == expected
    assert graph.to_networkx().nodes["y0"]["table"] == "0010"


def test_table_accepts_string_and_bool_array():
    graph = FunctionGraph(2)
    graph.add_output("0110", ["x0", "x1"])
    graph.add_output(np.array([False, True, True, False]), ["x0", "x1"])
    X, Y = graph.truth_table()
    assert Y[:, 0].tolist() == Y[:, 1].tolist() == [0, 1, 1, 0]


def test_evaluate_on_samples_and_node_values():
    graph = FunctionGraph(3, name="demo")
    graph.add_function("g", "and", ["x0", "x1"])
    graph.add_function("h", "or", ["g", "x2"])
    graph.add_output("not", "h")
    X = np.array([[1, 1, 0], [0, 1, 0], [True, False, True]])
    values = graph.node_values(X)
    assert values["g"].tolist() == [1, 0, 0]
    assert values["h"].tolist() == [1, 0, 1]
    Y = graph.evaluate(X)
    assert Y.tolist() == [[0], [1], [0]]
    assert Y.dtype == np.int64


def test_levels_names_and_modularity():
    graph = FunctionGraph(3)
    graph.add_function("g", "and", ["x0", "x1"])
    graph.add_function("h", "xor", ["g", "x2"])
    graph.add_function("k", "or", ["x1", "x2"])
    graph.add_output("identity", "h")
    graph.add_output("identity", "x0")
    G = graph.to_networkx()
    assert [G.nodes[node]["level"] for node in ("g", "h", "k", "y0", "y1")] == [1, 2, 1, 3, 1]
    assert graph.function_names == ["g", "h", "k"]
    assert graph.output_names == ["y0", "y1"]
    assert graph.modularity() == [3, 2, 1, 2]
    assert G.graph == {"name": "function_graph", "n_inputs": 3, "n_outputs": 2}
    assert G.edges["g", "h"]["position"] == 0 and G.edges["x2", "h"]["position"] == 1


def test_graph_node_attributes_follow_the_format():
    graph = FunctionGraph(2, name="fmt")
    graph.add_function("t", [1, 0, 0, 1], ["x0", "x1"])
    graph.add_output("not", "t")
    G = graph.to_networkx()
    assert G.nodes["x1"] == {"role": "input", "index": 1, "level": 0}
    assert G.nodes["t"] == {"role": "function", "level": 1, "op": "table", "table": "1001"}
    assert G.nodes["y0"] == {"role": "output", "level": 2, "index": 0, "op": "not"}
    assert G.graph["name"] == "fmt"


@pytest.mark.parametrize(
    "op, operands, message",
    [
        ("and", ["x0", "g9"], r"operand 'g9' is not defined"),
        ("and", ["x0", "x7"], r"operand 'x7' is not defined.*inputs x0..x2"),
        ("and", ["x0", "x0"], r"repeat a node"),
        ("and", ["x0"], r"'and' takes at least 2 operand\(s\); got 1"),
        ("not", ["x0", "x1"], r"'not' takes exactly 1 operand\(s\); got 2"),
        ("identity", ["x0", "x1"], r"'identity' takes exactly 1 operand\(s\); got 2"),
        ("nand", ["x0", "x1"], r"unknown op 'nand'.*'and'"),
        ([0, 1, 1], ["x0", "x1"], r"needs 2\*\*2 = 4 entries.*got 3"),
        ([0, 1, 1, 0, 1, 1, 1, 0], ["x0", "x1"], r"needs 2\*\*2 = 4 entries.*got 8"),
        ([0, 2, 1, 0], ["x0", "x1"], r"flat sequence of 0/1"),
        ("012", ["x0", "x1"], r"unknown op '012'"),
        ("and", [], r"needs at least one operand"),
    ],
)
def test_invalid_nodes_raise_value_error(op, operands, message):
    graph = FunctionGraph(3)
    with pytest.raises(ValueError, match=message):
        graph.add_function("g", op, operands)


def test_self_reference_and_cycles_are_forward_references():
    graph = FunctionGraph(2)
    with pytest.raises(ValueError, match=r"operand 'g' is not defined.*cycles"):
        graph.add_function("g", "and", ["x0", "g"])
    graph.add_function("a", "and", ["x0", "x1"])
    with pytest.raises(ValueError, match=r"operand 'b' is not defined"):
        graph.add_function("c", "or", ["a", "b"])
    assert graph.function_names == ["a"]


def test_outputs_cannot_be_operands():
    graph = FunctionGraph(2)
    graph.add_output("identity", "x0")
    with pytest.raises(ValueError, match=r"'y0' is an output"):
        graph.add_function("g", "and", ["y0", "x1"])


@pytest.mark.parametrize("name", ["x0", "y3", "g"])
def test_reserved_or_taken_names_raise(name):
    graph = FunctionGraph(2)
    graph.add_function("g", "and", ["x0", "x1"])
    with pytest.raises(ValueError, match=f"'{name}'"):
        graph.add_function(name, "or", ["x0", "x1"])


def test_evaluate_input_checks():
    graph = FunctionGraph(2)
    with pytest.raises(ValueError, match="no outputs"):
        graph.truth_table()
    graph.add_output("and", ["x0", "x1"])
    with pytest.raises(ValueError, match="X has 3 columns; this graph has 2 inputs"):
        graph.evaluate(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="only 0 and 1"):
        graph.evaluate(np.array([[0.0, 0.5]]))


def test_truth_table_size_limit():
    graph = FunctionGraph(21)
    graph.add_output("identity", "x0")
    with pytest.raises(ValueError, match="limit is 20 inputs"):
        graph.truth_table()
    assert graph.evaluate(np.ones((2, 21))).tolist() == [[1], [1]]


@pytest.mark.parametrize("name, operands, match", [
    ("", ["x0", "x1"], r"sub-function name must be a non-empty str; got ''"),
    ("h", [3], r"Node 'h': operand names must be str; got 3"),
])
def test_names_and_operands_must_be_text(name, operands, match):
    graph = FunctionGraph(2)
    with pytest.raises(TypeError, match=match):
        graph.add_function(name, "xor", operands)
