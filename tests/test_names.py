"""A DataFrame in, names out: modules, module graph, GraphML, search results and pictures."""

import io

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksculpt import SculptingClassifier, SculptingClassifierCV
from sksculpt.detection import ModuleDetector, name_graph, name_modules, read_graphml, write_graphml

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from sksculpt.plotting import plot_hierarchy, plot_modules  # noqa: E402

COLUMNS = ["alcohol", "ash", "hue", "proline"]
CLASSES = np.array(["barolo", "grignolino", "barbera"])
QUICK = dict(
    hidden_layer_sizes=(12,), lr=0.01, batch_size=16, max_epochs=3, input_noise=0.0,
    unit_prune_step=40, edge_prune_step=10, accuracy_threshold=0.9, random_state=0,
)


def frame():
    X, y = make_blobs(n_samples=90, centers=3, n_features=4, cluster_std=1.5, random_state=0)
    return pd.DataFrame(X, columns=COLUMNS), pd.Series(CLASSES[y], name="cultivar")


@pytest.fixture(scope="module")
def fitted():
    return SculptingClassifier(**QUICK).fit(*frame())


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return {text.get_text() for text in ax.texts}


def test_modules_and_hierarchy_carry_the_column_names_and_class_labels(fitted):
    assert list(fitted.feature_names_in_) == COLUMNS
    assert fitted.hierarchy_.graph["input_names"] == COLUMNS
    assert fitted.hierarchy_.graph["output_names"] == sorted(CLASSES)
    for module in fitted.modules_:
        assert module.input_names == tuple(COLUMNS[i] for i in sorted(module.inputs))
        assert module.output_names == tuple(sorted(CLASSES)[j] for j in sorted(module.outputs))
        node = fitted.hierarchy_.nodes[module.id]
        assert (node["input_names"], node["output_names"]) == (module.input_names, module.output_names)
        assert isinstance(node["inputs"], frozenset)  # the integer columns stay
    assert {name for m in fitted.modules_ for name in m.output_names} == set(CLASSES)


def test_graphml_keeps_the_names(fitted):
    file = io.BytesIO()
    write_graphml(fitted, file)
    graph = read_graphml(io.BytesIO(file.getvalue()))
    assert graph.graph["input_names"] == COLUMNS
    for node, data in fitted.hierarchy_.nodes(data=True):
        assert graph.nodes[node]["input_names"] == data["input_names"]
        assert graph.nodes[node]["output_names"] == data["output_names"]


def test_graphml_refuses_names_it_could_not_read_back(fitted):
    graph = fitted.hierarchy_.copy()
    graph.graph["input_names"] = "alcohol"
    with pytest.raises(ValueError, match="'input_names' of the graph"):
        write_graphml(graph, io.BytesIO())


def test_pictures_write_the_names(fitted):
    drawn = texts(plot_modules(fitted, unit_labels=True))
    held_inputs = {COLUMNS[i] for m in fitted.modules_ for i in m.inputs}
    assert held_inputs and held_inputs <= drawn
    assert set(CLASSES) <= drawn
    boxes = " ".join(texts(plot_hierarchy(fitted)))
    assert all(label in boxes for label in CLASSES)
    assert any(name in boxes for name in held_inputs)
    assert "x0" not in boxes and "y0" not in boxes


def test_a_pipeline_lends_its_names_to_the_pictures():
    X, y = frame()
    pipe = make_pipeline(StandardScaler(), SculptingClassifier(**QUICK)).fit(X, y)
    assert not hasattr(pipe[-1], "feature_names_in_")  # the scaler hands on an array
    held_inputs = {COLUMNS[i] for m in pipe[-1].modules_ for i in m.inputs}
    assert held_inputs <= texts(plot_modules(pipe, unit_labels=True))
    boxes = " ".join(texts(plot_hierarchy(pipe)))
    assert any(name in boxes for name in held_inputs)


def test_a_pipeline_with_pandas_output_names_the_modules_themselves():
    X, y = frame()
    pipe = make_pipeline(StandardScaler(), SculptingClassifier(**QUICK)).set_output(transform="pandas").fit(X, y)
    assert pipe[-1].hierarchy_.graph["input_names"] == COLUMNS


def test_arrays_leave_the_inputs_unnamed_but_class_labels_name_the_outputs():
    X, y = frame()
    clf = SculptingClassifier(**QUICK).fit(X.to_numpy(), y.to_numpy())
    assert not hasattr(clf, "feature_names_in_")
    assert "input_names" not in clf.hierarchy_.graph
    assert all(module.input_names is None for module in clf.modules_)
    assert clf.hierarchy_.graph["output_names"] == sorted(CLASSES)


def test_search_results_write_structures_with_names():
    X, y = frame()
    params = {key: value for key, value in QUICK.items() if not key.endswith("prune_step")}
    search = SculptingClassifierCV(**params, unit_prune_steps=[40], edge_prune_steps=[10], n_seeds=2).fit(X, y)
    for structure in search.cv_results_["structure"]:
        assert any(label in structure for label in CLASSES)
    assert all(module.output_names is not None for module in search.modules_)
    assert search.hierarchy_.graph["input_names"] == COLUMNS


def test_name_modules_on_a_detection():
    masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    detector = ModuleDetector().fit(masks)
    modules, graph = name_modules(detector.modules_, detector.hierarchy_, ["age", "dose"], None)
    assert [m.input_names for m in modules] == [("age",), ("dose",)]
    assert all(m.output_names is None for m in modules)
    assert "input_names" not in detector.hierarchy_.nodes[0]  # not modified
    assert name_graph(detector.hierarchy_, None, ["ill", "well"]).nodes[1]["output_names"] == ("well",)
