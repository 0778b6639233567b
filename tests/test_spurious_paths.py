"""Paths of a module graph against what a network's decisions depend on: pure functions, and the CV column."""

import numpy as np
import pytest
from graphs import module_graph

from sksculpt import SculptingClassifierCV
from sksculpt.datasets import make_boolean_task
from sksculpt.model_selection import count_spurious_paths, output_dependence, reachable_outputs


def truth_table(n_inputs):
    return ((np.arange(2**n_inputs)[:, None] >> np.arange(n_inputs)[::-1]) & 1).astype(np.float32)


def test_an_input_reaches_the_outputs_of_its_module_and_of_every_module_downstream():
    # inputs 0, 1 -> module 0 -> module 2 (output 0); input 2 -> module 1 (output 1) -> module 2.
    graph = module_graph([((0, 1), ()), ((2,), (1,)), ((), (0,))], [(0, 2), (1, 2)])
    expected = np.array([[1, 0], [1, 0], [1, 1], [0, 0]], dtype=bool)
    np.testing.assert_array_equal(reachable_outputs(graph, 4, 2), expected)


def test_dependence_on_a_truth_table_is_whether_flipping_the_bit_changes_the_output():
    X = truth_table(3)
    # output 0 = x0 XOR x1, output 1 = x2 AND (x0 OR NOT x0), output 2 = NOT x1
    def decide(X):
        return np.column_stack([X[:, 0] != X[:, 1], X[:, 2] * (X[:, 0] + 1 - X[:, 0]), 1 - X[:, 1]])

    expected = np.array([[1, 0, 0], [1, 0, 1], [0, 1, 0]], dtype=bool)
    np.testing.assert_array_equal(output_dependence(decide, X), expected)


def test_dependence_tests_only_the_given_inputs_and_sees_rare_changes():
    X = truth_table(4)
    # AND of all four: flipping one bit changes it on 2 of the 16 rows only.
    def decide(X):
        return X.prod(axis=1, keepdims=True)

    np.testing.assert_array_equal(output_dependence(decide, X, features=[1, 3]).ravel(), [0, 1, 0, 1])


def test_a_continuous_input_takes_quantiles_of_its_column():
    X = np.column_stack([np.linspace(-1, 1, 50), np.zeros(50)]).astype(np.float32)
    seen = []

    def decide(X):
        seen.append(X.copy())
        return (X[:, :1] > 0.9).astype(int)

    dependence = output_dependence(decide, X, max_values=3)
    np.testing.assert_array_equal(dependence.ravel(), [True, False])
    assert [len(probes) for probes in seen] == [3 * len(X), len(X)]  # one call per input; x1 has one value
    np.testing.assert_allclose(np.unique(seen[0][:, 0]), [-1, 0, 1], atol=1e-6)
    np.testing.assert_array_equal(seen[0][:, 1], 0)


def test_spurious_paths_are_connected_pairs_the_decisions_do_not_use():
    reach = np.array([[1, 1], [0, 1], [1, 0]], dtype=bool)
    dependence = np.array([[1, 0], [0, 1], [0, 0]], dtype=bool)
    assert count_spurious_paths(reach, dependence) == 2
    assert count_spurious_paths(dependence, dependence) == 0


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: reachable_outputs(module_graph([((0, 5), (0,))], []), 4, 2),
         r"Module 0 holds inputs \[5\], but n_features=4; pass the sizes of the network"),
        (lambda: reachable_outputs(module_graph([((0,), (3,))], []), 4, 2), r"holds outputs \[3\], but n_outputs=2"),
        (lambda: output_dependence(lambda X: X, truth_table(2)[:, 0]), r"X must be 2-D.*got an array of shape \(4,\)"),
        (lambda: output_dependence(lambda X: X, truth_table(2), features=[2]),
         r"features holds \[2\], but X has 2 columns"),
        (lambda: output_dependence(lambda X: X[:1], truth_table(2)),
         r"decide must return one row of decisions per sample.*for 8 samples it returned an array of shape \(1, 2\)"),
        (lambda: count_spurious_paths(np.ones((2, 2)), np.ones((3, 2))),
         r"reach has shape \(2, 2\) but dependence has shape \(3, 2\)"),
    ],
)
def test_malformed_arguments_are_refused_naming_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_cv_counts_the_spurious_paths_of_each_network():
    task = make_boolean_task("input_separable")
    search = SculptingClassifierCV(
        unit_prune_steps=[30, 65], edge_prune_steps=[1.5, 2.5], n_seeds=2, random_state=0,
    ).fit(task.data, task.target)
    results = search.cv_results_
    X = np.asarray(task.data, dtype=np.float32)
    reach = [reachable_outputs(graph, X.shape[1], task.target.shape[1]) for graph in results["hierarchy"]]
    assert results["spurious_paths"].dtype.kind == "i"
    assert all(0 <= count <= paths.sum() for count, paths in zip(results["spurious_paths"], reach))
    # The chosen network, checked by flipping each input bit of the truth table.
    net = search.best_estimator_
    flips = [net.predict(np.where(np.arange(X.shape[1]) == bit, 1 - X, X)) for bit in range(X.shape[1])]
    dependence = np.array([(net.predict(X) != flipped).any(axis=0) for flipped in flips])
    assert results["spurious_paths"][search.best_index_] == count_spurious_paths(reach[search.best_index_], dependence)
