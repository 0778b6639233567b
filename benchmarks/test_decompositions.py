"""The Ashenhurst-Curtis check of benchmarks.reference.decompositions on truth tables whose answer is known."""

import itertools

import numpy as np
import pytest

from benchmarks.reference.decompositions import (
    ADMITTED,
    ERROR,
    admits,
    bits_needed,
    bottleneck,
    column_multiplicity,
    depends_only_on,
    description_bottlenecks,
    parse_description,
    verdict,
)
from sksculpt.datasets import make_boolean_task


def table(n_inputs, *outputs):
    """The complete truth table of ``n_inputs`` inputs and the given output functions of a row."""
    X = np.array(list(itertools.product([0, 1], repeat=n_inputs)))
    return X, np.array([[int(output(row)) for output in outputs] for row in X])


def test_xor_of_shared_inputs_decomposes_with_one_bit():
    # A = x0 ^ XOR(x1, x2, x3), B = XOR(x1, x2, x3) & x4: both read one bit of the shared inputs.
    X, Y = table(5, lambda x: x[0] ^ x[1] ^ x[2] ^ x[3], lambda x: (x[1] ^ x[2] ^ x[3]) & x[4])
    assert column_multiplicity(X, Y, [1, 2, 3], [0, 1]) == 2
    assert admits(X, Y, [1, 2, 3], [0, 1], k=1)
    assert verdict(X, Y, [1, 2, 3], [0, 1], k=1) == (ADMITTED[0], 2)


def test_function_needing_all_eight_values_of_three_shared_inputs_does_not_decompose_with_two_bits():
    # y = the input x_S selects among the 8 free inputs x3..x10 (a 3-to-8 multiplexer):
    # every assignment of x_S has its own column.
    def multiplexer(x):
        return x[3 + 4 * x[0] + 2 * x[1] + x[2]]

    X, Y = table(11, multiplexer)
    assert column_multiplicity(X, Y, [0, 1, 2], [0]) == 8
    assert not admits(X, Y, [0, 1, 2], [0], k=2)
    assert admits(X, Y, [0, 1, 2], [0], k=3)
    assert verdict(X, Y, [0, 1, 2], [0], k=2) == (ERROR, 8)
    assert verdict(X, Y, [0, 1, 2], [0], k=3) == (ADMITTED[1], 8)


def test_and_or_counts_three_columns():
    # y = (x0 & x1) | x2 with S = {0, 1}: columns "x2" (x0 x1 != 11) and "1" (x0 x1 = 11): mu = 2.
    X, Y = table(3, lambda x: (x[0] & x[1]) | x[2])
    assert column_multiplicity(X, Y, [0, 1], [0]) == 2
    # y = x0 ? x2 : x1 with S = {0, 1}: columns 0 (x0=0,x1=0), 1 (x0=0,x1=1), x2 (x0=1): mu = 3, needs 2 bits.
    X, Y = table(3, lambda x: x[2] if x[0] else x[1])
    assert column_multiplicity(X, Y, [0, 1], [0]) == 3
    assert bits_needed(3) == 2 and bits_needed(1) == 0 and bits_needed(4) == 2
    assert verdict(X, Y, [0, 1], [0], k=1) == (ERROR, 3)


def test_outputs_of_the_bound_set_alone_are_admitted_whole():
    X, Y = table(3, lambda x: x[0] & x[1], lambda x: x[0] | x[1])
    assert depends_only_on(X, Y, [0, 1], [0, 1])
    assert not depends_only_on(X, Y, [0], [0, 1])
    # (AND, OR) takes 3 values of x0, x1: 2 bits carry it, 1 does not.
    assert verdict(X, Y, [0, 1, 2], [0, 1], k=2) == (ADMITTED[2], 3)
    assert verdict(X, Y, [0, 1, 2], [0, 1], k=1) == (ERROR, 3)


def test_overlap_task_shared_inputs_need_four_of_eight_values():
    # The user guide's claim (Calibration): f_A, f_B on the three shared inputs of overlap o=3 take 4 values.
    task = make_boolean_task("overlap", overlap=3, m=2)
    assert column_multiplicity(task.data, task.target, [1, 2, 3], [0, 1]) == 4
    assert verdict(task.data, task.target, [1, 2, 3], [0, 1], k=2) == (ADMITTED[0], 4)
    assert verdict(task.data, task.target, [1, 2, 3], [0, 1], k=1) == (ERROR, 4)
    # f_A alone on x0..x3: it is its own 1-bit sub-function.
    assert verdict(task.data, task.target, [0, 1, 2, 3], [0], k=1) == (ADMITTED[2], 2)


def test_xor_task_sub_functions_are_one_bit():
    task = make_boolean_task("input_separable")
    assert verdict(task.data, task.target, [0, 1], [0, 1, 2, 3], k=1) == (ADMITTED[0], 2)
    # A module of x0, x2 is no sub-function: the outputs need both bits of it.
    assert verdict(task.data, task.target, [0, 2], [0, 1, 2, 3], k=1) == (ERROR, 4)


def test_incomplete_table_is_refused():
    X, Y = table(3, lambda x: x[0])
    with pytest.raises(ValueError, match="each of the 2"):
        column_multiplicity(X[:-1], Y[:-1], [0], [0])


def test_bottleneck_and_descriptions():
    assert bottleneck({0: (0, 1, 2, 3), 1: (0, 1), 2: (4, 5, 6), 3: (0, 1)}) == 2
    assert bottleneck({0: (1, 2, 3)}) == 3
    assert bottleneck({1: (3,), 2: (0, 1)}) == 1
    assert parse_description("up 1,2,3 down 0,1") == ({1, 2, 3}, {0, 1})
    assert parse_description("in 0,1,2,3 out 0,1") == ({0, 1, 2, 3}, {0, 1})


def test_modules_sharing_a_description_add_their_bottlenecks():
    import networkx as nx

    from sksculpt.detection import Module

    modules = [Module(0, {0: (0, 1)}, frozenset({0, 1}), frozenset()),
               Module(1, {1: (0,)}, frozenset(), frozenset()),
               Module(2, {1: (1, 2)}, frozenset(), frozenset()),
               Module(3, {2: (0,)}, frozenset(), frozenset({0}))]
    hierarchy = nx.DiGraph([(0, 1), (0, 2), (1, 3), (2, 3)])
    for module in modules:
        hierarchy.add_node(module.id, inputs=set(module.inputs), outputs=set(module.outputs))
    assert description_bottlenecks(modules, hierarchy) == {"in 0,1 down 0": 2, "up 0,1 down 0": 3, "out 0 up 0,1": 1}
