"""Two classes: one output unit, the probability of the second class, as MLPClassifier has."""

import networkx as nx
import numpy as np
import pytest
from sklearn.datasets import make_blobs

from sksculpt import SculptingClassifier, SculptingClassifierCV

QUICK = dict(
    hidden_layer_sizes=(12, 12), lr=0.01, batch_size=16, max_epochs=3, input_noise=0.0,
    unit_prune_step=40, edge_prune_step=10, accuracy_threshold=0.95, random_state=0,
)


def two_classes():
    X, y = make_blobs(n_samples=80, centers=2, n_features=4, cluster_std=1.0, random_state=0)
    return X.astype(np.float32), np.array(["ham", "spam"])[y]


@pytest.fixture(scope="module")
def fitted():
    return SculptingClassifier(**QUICK).fit(*two_classes())


def test_two_classes_get_one_output_named_after_the_second(fitted):
    assert fitted.n_outputs_ == 1 and fitted.masks_[-1].shape[1] == 1
    assert list(fitted.classes_) == ["ham", "spam"]
    assert fitted.hierarchy_.graph["output_names"] == ["spam"]
    assert [m.output_names for m in fitted.modules_ if m.outputs] == [("spam",)]


def test_no_module_of_the_graph_holds_an_output_that_reads_nothing(fitted):
    graph = fitted.hierarchy_
    for node, data in graph.nodes(data=True):
        if data["outputs"]:
            feeding = {node} | nx.ancestors(graph, node)
            assert any(graph.nodes[module]["inputs"] for module in feeding)


def test_both_classes_probabilities_and_labels_are_predicted(fitted):
    X, y = two_classes()
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-6)
    np.testing.assert_array_equal(fitted.predict(X), fitted.classes_[proba.argmax(axis=1)])
    assert fitted.score(X, y) >= 0.95


def test_a_search_on_two_classes_reads_the_one_output():
    params = {key: value for key, value in QUICK.items() if not key.endswith("prune_step")}
    search = SculptingClassifierCV(**params, unit_prune_steps=[40], edge_prune_steps=[10], n_seeds=2)
    search.fit(*two_classes())
    assert search.n_outputs_ == 1
    assert all("spam" in structure for structure in search.cv_results_["structure"])
