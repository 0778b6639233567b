"""The figures of sksculpt.plotting, drawn headless on known detections and a real fit."""

import subprocess
import sys
import warnings
from types import SimpleNamespace

import networkx as nx
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.text import Annotation
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from sksculpt import SculptingClassifier, SculptingClassifierCV
from sksculpt.datasets import FunctionGraph, make_boolean_task
from sksculpt.detection import ModuleDetector
from sksculpt.metrics import expected_module_graph
from sksculpt.plotting import plot_hierarchy, plot_input_modules, plot_modules, plot_sculpt_history
from sksculpt.plotting._inputs import REMOVED_COLOR
from sksculpt.plotting._matplotlib import module_color


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def two_subnetworks():
    """Inputs {0, 1} -> hidden {0, 1} -> output 0 and {2, 3} -> {2, 3} -> output 1.

    Hidden unit 4 is fed by input 0 but feeds nothing, so the clean-up removes it.
    """
    block = np.ones((2, 2), dtype=bool)
    first = np.zeros((4, 5), dtype=bool)
    first[:, :4] = np.block([[block, ~block], [~block, block]])
    first[0, 4] = True
    second = np.zeros((5, 2), dtype=bool)
    second[[0, 1], 0] = second[[2, 3], 1] = True
    masks = [first, second]
    return masks, ModuleDetector().fit(masks)


@pytest.fixture(scope="module")
def fitted():
    task = make_boolean_task("input_separable")
    clf = SculptingClassifier(
        hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10,
        unit_prune_step=65, edge_prune_step=1.5, random_state=1,
    )
    return task, clf.fit(task.data, task.target)


#: A small, fast fit: enough to draw, not to find the structure.
SMALL_FIT = dict(
    hidden_layer_sizes=(8, 8), max_epochs=2, unit_prune_step=50, edge_prune_step=2, random_state=0
)


@pytest.fixture(scope="module")
def fitted_kinds():
    """Every kind of fitted object the plots accept, fitted on the input-separable task."""
    X, y = make_boolean_task("input_separable", return_X_y=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a fit this small misses the accuracy bar, and says so
        classifier = SculptingClassifier(**SMALL_FIT).fit(X, y)
        pipeline = make_pipeline(FunctionTransformer(), SculptingClassifier(**SMALL_FIT)).fit(X, y)
        search = SculptingClassifierCV(
            hidden_layer_sizes=(8, 8), max_epochs=2, unit_prune_steps=[50], edge_prune_steps=[2],
            n_seeds=1, random_state=0,
        ).fit(X, y)
    return {
        "classifier": (classifier, {}),
        "pipeline": (pipeline, {}),
        "search": (search, {}),
        "detector": (classifier.detector_, {"masks": classifier.masks_}),
    }


def gid_artists(artists, prefix):
    return [artist for artist in artists if (artist.get_gid() or "").startswith(prefix)]


def unit_dots(ax):
    (dots,) = gid_artists(ax.collections, "units")
    assert isinstance(dots, PathCollection)
    return dots


def test_plot_modules_draws_each_surviving_unit_edge_and_module(two_subnetworks, tmp_path):
    masks, detector = two_subnetworks
    ax = plot_modules(detector, masks=masks)

    dots = unit_dots(ax)
    assert len(dots.get_offsets()) == 4 + 4 + 2  # the removed hidden unit 4 is left out
    (edges,) = gid_artists(ax.collections, "edges")
    assert isinstance(edges, LineCollection) and len(edges.get_segments()) == 8 + 4
    boxes = gid_artists(ax.patches, "module")
    assert sorted(box.get_gid() for box in boxes) == ["module 0", "module 1"]
    # 13 of 30 weights; on two lines where one does not fit the axes
    assert ax.get_title().replace("\n", "; ") == (
        "4 inputs, a hidden layer of 5 units, 2 outputs; 43.33 % of the weights left"
    )

    extents = sorted((box.get_x(), box.get_x() + box.get_width()) for box in boxes)
    assert extents[0][1] < extents[1][0]  # side by side, not overlapping
    colors = dots.get_facecolors()
    assert len({tuple(color) for color in colors}) == 2

    path = tmp_path / "modules.png"
    ax.figure.savefig(path)
    assert plt.imread(path).shape[2] in (3, 4)


def test_plot_modules_stacks_layers_from_inputs_to_outputs(two_subnetworks):
    masks, detector = two_subnetworks
    ax = plot_modules(detector, masks=masks, unit_labels=True)
    heights = unit_dots(ax).get_offsets()[:, 1]
    assert heights.tolist() == [0] * 4 + [1] * 4 + [2] * 2
    names = {text.get_text(): text.get_position()[1] for text in ax.texts}
    assert {"x0", "x3", "y0", "y1"} <= set(names)
    assert names["x0"] < 0 and names["y0"] > 2  # inputs named below, outputs above
    assert [label.get_text() for label in ax.get_yticklabels()] == ["inputs", "hidden 1", "outputs"]


def test_plot_modules_on_given_axes_with_title_and_without_names(two_subnetworks):
    masks, detector = two_subnetworks
    _, ax = plt.subplots()
    assert plot_modules(detector, masks=masks, ax=ax, title="mine", unit_labels=False) is ax
    assert ax.get_title() == "mine"
    assert not [text for text in ax.texts if text.get_text().startswith(("x", "y"))]


def test_plot_modules_on_a_fitted_classifier(fitted):
    _, clf = fitted
    ax = plot_modules(clf)
    n_units = sum(int((labels >= 0).sum()) for labels in clf.detector_.labels_)
    assert len(unit_dots(ax).get_offsets()) == n_units
    assert len(gid_artists(ax.patches, "module")) == len(clf.modules_)
    assert ax.get_title().replace("\n", "; ") == (
        f"4 inputs, hidden layers of 24 and 24 units, 4 outputs; {100 * clf.density_:.2f} % of the weights left"
    )


def test_plot_modules_module_labels_never_overlap_on_many_narrow_modules():
    # 30 one-input modules side by side: their labels cannot all fit, the ones written must not touch
    n = 30
    masks = [np.eye(n, dtype=bool), np.eye(n, dtype=bool)]
    detector = ModuleDetector().fit(masks)
    _, ax = plt.subplots(figsize=(5, 3))
    plot_modules(detector, masks=masks, ax=ax, unit_labels=False)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [text for text in ax.texts if text.get_text().startswith("M")]
    assert 1 < len(labels) < len(gid_artists(ax.patches, "module")) == n
    extents = sorted(
        (label.get_window_extent(renderer).x0, label.get_window_extent(renderer).x1) for label in labels
    )
    assert all(left[1] <= right[0] for left, right in zip(extents, extents[1:]))
    # each label written is its own box's, at the box's left edge
    for label in labels:
        (box,) = [patch for patch in ax.patches if patch.get_gid() == f"module {label.get_text()[1:]}"]
        assert box.get_x() <= label.get_position()[0] <= box.get_x() + box.get_width()


def test_plots_draw_on_axes_of_a_subfigure(two_subnetworks, fitted):
    # subfigures lay out a net above its image; the plots size text and boxes from the subfigure
    masks, detector = two_subnetworks
    figure = plt.figure(figsize=(8, 9), layout="constrained")
    upper, middle, lower = figure.subfigures(3, 1)
    net_ax = plot_modules(detector, masks=masks, ax=upper.subplots())
    image_ax = plot_input_modules(detector, (2, 2), masks=masks, ax=middle.subplots())
    _, clf = fitted
    history_ax, _ = plot_sculpt_history(clf, ax=lower.subplots())
    figure.canvas.draw()
    assert net_ax.get_title().startswith("4 inputs") and image_ax.get_legend() is not None
    assert history_ax.get_lines()


def test_plot_modules_rejects_what_it_cannot_draw(two_subnetworks):
    masks, detector = two_subnetworks
    with pytest.raises(ValueError, match="masks="):
        plot_modules(detector)
    with pytest.raises(ValueError, match="layer sizes"):
        plot_modules(detector, masks=[np.ones((4, 3), bool), np.ones((3, 2), bool)])
    with pytest.raises(TypeError, match="SculptingClassifierCV or ModuleDetector .*got list"):
        plot_modules(masks)
    with pytest.raises(NotFittedError):
        plot_modules(SculptingClassifier())
    with pytest.raises(ValueError, match="unit_labels"):
        plot_modules(detector, masks=masks, unit_labels="yes")


def test_plot_hierarchy_draws_a_box_per_module_and_an_arrow_per_edge(tmp_path):
    graph = nx.DiGraph(n_inputs=4, n_outputs=2)
    graph.add_node(0, inputs={0, 1}, outputs=set())
    graph.add_node(1, inputs={2, 3}, outputs=set())
    graph.add_node(2, inputs=set(), outputs={0, 1})
    graph.add_edge(0, 2, weight=4)
    graph.add_edge(1, 2, weight=1)
    ax = plot_hierarchy(graph)

    boxes = {box.get_gid(): box for box in gid_artists(ax.texts, "module")}
    assert sorted(boxes) == ["module 0", "module 1", "module 2"]
    assert boxes["module 0"].get_text() == "M0\nin x0–x1"
    assert boxes["module 2"].get_text() == "M2\nout y0–y1"
    assert boxes["module 2"].get_position()[1] > boxes["module 0"].get_position()[1]
    arrows = [text for text in ax.texts if isinstance(text, Annotation)]
    widths = sorted(arrow.arrow_patch.get_linewidth() for arrow in arrows)
    assert len(arrows) == 2 and widths[0] < widths[1]
    assert ax.get_title() == "Module graph: 3 modules"
    ax.figure.savefig(tmp_path / "hierarchy.png")


def test_plot_hierarchy_beside_the_true_graph_of_a_task(fitted, tmp_path):
    task, clf = fitted
    expected_ax, detected_ax = plot_hierarchy(clf, true_graph=task.graph)
    assert expected_ax.get_title() == "Expected from the task 'input_separable'"
    assert detected_ax.get_title() == f"Detected: {len(clf.modules_)} modules, match score 1.00"
    expected_text = sorted(box.get_text() for box in gid_artists(expected_ax.texts, "module"))
    assert expected_text == ["g1\nin x0–x1\nout y0–y1", "g2\nin x2–x3\nout y2–y3"]
    expected_ax.figure.savefig(tmp_path / "side_by_side.png")

    with pytest.raises(ValueError, match="two Axes"):
        plot_hierarchy(clf, true_graph=task.graph, ax=detected_ax)


def test_plot_hierarchy_draws_the_reading_without_skip_edges():
    task = make_boolean_task("depth", m=4)
    expected = expected_module_graph(task.graph, skip_edges="drop")
    expected_ax, detected_ax = plot_hierarchy(expected, true_graph=task.graph, skip_edges="drop")
    assert detected_ax.get_title() == "Detected: 5 modules, match score 1.00"
    arrows = [text for text in expected_ax.texts if isinstance(text, Annotation)]
    assert len(arrows) == expected.number_of_edges() == 4
    _, detected_ax = plot_hierarchy(expected, true_graph=task.graph)
    assert detected_ax.get_title() != "Detected: 5 modules, match score 1.00"


#: Width (pixels) of the documentation's text column, where a figure is shown
#: scaled down to it, and the least height (pixels) of a readable label there.
DOCS_COLUMN_PX, READABLE_PX = 620, 9


def module_graph_of_width(n_modules):
    """``n_modules`` input modules of two inputs each, all feeding one output module."""
    graph = nx.DiGraph(n_inputs=2 * n_modules, n_outputs=2)
    graph.add_node(n_modules, inputs=frozenset(), outputs=frozenset({0, 1}))
    for module in range(n_modules):
        graph.add_node(module, inputs=frozenset({2 * module, 2 * module + 1}), outputs=frozenset())
        graph.add_edge(module, n_modules, weight=module + 1)
    return graph


def wide_true_graph(n_functions):
    """A true function graph of ``n_functions`` separable XORs, each copied to an output."""
    graph = FunctionGraph(2 * n_functions, name="wide")
    for index in range(n_functions):
        operands = [f"x{2 * index}", f"x{2 * index + 1}"]
        graph.add_output("identity", graph.add_function(f"g{index}", "xor", operands))
    return graph.to_networkx()


def weight_label_sizes(ax):
    return sorted(text.get_fontsize() for text in ax.texts if text.get_text().isdigit())


def arrow_widths(ax):
    arrows = [text for text in ax.texts if isinstance(text, Annotation)]
    return sorted(arrow.arrow_patch.get_linewidth() for arrow in arrows)


def drawn_boxes(ax):
    ax.figure.canvas.draw()
    return gid_artists(ax.texts, "module")


# Up to 8 modules on a level: 9 or more boxes side by side cannot all hold a
# readable label in 620 pixels (the figure grows wider and is shown scaled down).
@pytest.mark.parametrize("n_modules", [1, 3, 6, 8])
def test_plot_hierarchy_labels_are_readable_at_the_width_the_docs_show(n_modules):
    ax = plot_hierarchy(module_graph_of_width(n_modules))
    boxes = drawn_boxes(ax)
    # sphinx-gallery saves figures at 100 dpi; the page shrinks wider ones to the column.
    shown_inches = max(ax.figure.get_figwidth(), DOCS_COLUMN_PX / 100)
    for box in boxes:
        shown_px = box.get_fontsize() / 72 * DOCS_COLUMN_PX / shown_inches
        assert shown_px >= READABLE_PX, (n_modules, box.get_fontsize(), shown_inches)
    frames = [box.get_bbox_patch().get_window_extent() for box in boxes]
    assert not any(a.overlaps(b) for i, a in enumerate(frames) for b in frames[i + 1:])


def test_plot_hierarchy_labels_scale_with_the_figure():
    _, ax = plt.subplots(figsize=(6, 3))
    plot_hierarchy(module_graph_of_width(3), ax=ax)
    (size,) = {box.get_fontsize() for box in drawn_boxes(ax)}
    weights = weight_label_sizes(ax)
    arrows = arrow_widths(ax)
    ax.figure.set_size_inches(2 * ax.figure.get_size_inches())
    (doubled,) = {box.get_fontsize() for box in drawn_boxes(ax)}
    assert doubled == pytest.approx(2 * size, rel=0.05)
    assert weight_label_sizes(ax) == pytest.approx([2 * weight for weight in weights], rel=0.05)
    assert arrow_widths(ax) == pytest.approx([2 * width for width in arrows], rel=0.05)


def test_plot_hierarchy_stacks_two_wide_graphs(fitted):
    task, clf = fitted
    side_by_side = plot_hierarchy(clf, true_graph=task.graph)
    assert side_by_side[0].get_position().y0 == pytest.approx(side_by_side[1].get_position().y0)
    detected = nx.DiGraph(n_inputs=12, n_outputs=6)
    for module in range(6):
        detected.add_node(module, inputs=frozenset({2 * module, 2 * module + 1}), outputs=frozenset({module}))
    expected_ax, detected_ax = plot_hierarchy(detected, true_graph=wide_true_graph(6))
    assert detected_ax.get_title() == "Detected: 6 modules, match score 1.00"
    assert expected_ax.get_position().y0 > detected_ax.get_position().y0
    assert expected_ax.figure.get_figwidth() <= 10


def test_plot_sculpt_history_marks_every_step(fitted, tmp_path):
    _, clf = fitted
    records = clf.sculpt_history_
    ax, density_ax = plot_sculpt_history(clf)

    offsets = {
        collection.get_label(): collection.get_offsets()
        for collection in ax.collections if isinstance(collection, PathCollection)
    }
    n_accepted = sum(record.accepted for record in records)
    assert len(offsets["accepted"]) == n_accepted
    assert len(offsets["rejected"]) == len(records) - n_accepted
    assert {text.get_text() for text in ax.texts} == {"dense", "unit pruning", "edge pruning"}
    (kept,) = density_ax.get_lines()
    assert kept.get_ydata()[0] == pytest.approx(100 * records[0].density)
    assert kept.get_ydata()[-1] == pytest.approx(100 * clf.density_)
    assert density_ax.get_yscale() == "log"
    assert ax.get_title().startswith(f"Sculpting: {n_accepted} of {len(records)} steps accepted")
    ax.figure.savefig(tmp_path / "history.png")


def test_plot_sculpt_history_needs_a_fitted_classifier(two_subnetworks):
    _, detector = two_subnetworks
    with pytest.raises(TypeError, match=r"\(anything with sculpt_history_\).*got ModuleDetector"):
        plot_sculpt_history(detector)
    with pytest.raises(NotFittedError):
        plot_sculpt_history(SculptingClassifier())


@pytest.mark.parametrize("plot", [plot_modules, plot_hierarchy, plot_sculpt_history])
def test_missing_matplotlib_raises_an_import_error_naming_the_fix(plot, monkeypatch, fitted):
    _, clf = fitted
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r'pip install "sksculpt\[plot\]"') as caught:
        plot(clf)
    assert plot.__name__ in str(caught.value)


def test_the_package_imports_without_matplotlib():
    blocked = "import sys; sys.modules['matplotlib'] = None; import sksculpt.plotting"
    run = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr


def test_input_modules_colour_each_pixel_by_its_module(two_subnetworks):
    masks, detector = two_subnetworks
    # A 2x2 image: pixels 0 and 1 (top row) feed one module, 2 and 3 (bottom row) the other.
    ax = plot_input_modules(detector, (2, 2), masks=masks)
    image = ax.get_images()[0].get_array()
    labels = detector.labels_[0]
    for pixel, module in enumerate(labels):
        np.testing.assert_allclose(image[pixel // 2, pixel % 2], module_color(int(module)))
    assert image[0, 0].tolist() != image[1, 0].tolist()
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [f"M{module}: 2 pixels" for module in sorted(set(labels.tolist()))]
    assert ax.get_title() == "4 of 4 pixels kept"


def test_input_modules_leave_removed_pixels_grey(two_subnetworks):
    masks, detector = two_subnetworks
    masks = [mask.copy() for mask in masks]
    masks[0][3] = False  # pixel 3 loses its edges
    detector = ModuleDetector().fit(masks)
    ax = plot_input_modules(detector, (1, 4), masks=masks, title="")
    np.testing.assert_allclose(ax.get_images()[0].get_array()[0, 3], REMOVED_COLOR)
    assert ax.get_title() == ""


@pytest.mark.parametrize("shape", [(3, 2), (4,), (2, 2.0), (-2, -2), (2, 2, 1), [[2, 2]]])
def test_input_modules_reject_a_shape_that_is_not_the_inputs(two_subnetworks, shape):
    masks, detector = two_subnetworks
    with pytest.raises(ValueError, match="image_shape must be"):
        plot_input_modules(detector, shape, masks=masks)


@pytest.mark.parametrize(
    "history, error, message",
    [
        ([], ValueError, "sculpt_history_ is empty, so there is no step to draw"),
        ([1, 2], TypeError, r"sculpt_history_\[0\] \(int\) lacks stage, accuracy, accepted, density"),
        (None, TypeError, "sculpt_history_ must be a list of SculptRecord"),
    ],
)
def test_plot_sculpt_history_refuses_a_malformed_history(history, error, message):
    with pytest.raises(error, match=message):
        plot_sculpt_history(SimpleNamespace(sculpt_history_=history))
    assert not plt.get_fignums()


def test_plot_hierarchy_refuses_nodes_without_held_columns():
    with pytest.raises(ValueError, match="Module 0 has no 'inputs' attribute"):
        plot_hierarchy(nx.DiGraph([(0, 1)]))
    assert not plt.get_fignums()


def test_plot_hierarchy_refuses_a_self_loop():
    graph = nx.DiGraph([(0, 0)])
    nx.set_node_attributes(graph, frozenset({0}), "inputs")
    nx.set_node_attributes(graph, frozenset(), "outputs")
    with pytest.raises(ValueError, match="an edge from module 0 to itself"):
        plot_hierarchy(graph)
    assert not plt.get_fignums()


def test_plot_hierarchy_draws_a_module_graph_with_a_cycle():
    # a detected module graph can have one: a module spanning the layers on both sides of another
    graph = nx.DiGraph()
    graph.add_node(0, inputs=frozenset({0, 1}), outputs=frozenset({0}))
    graph.add_node(1, inputs=frozenset(), outputs=frozenset())
    graph.add_edge(0, 1, weight=24)
    graph.add_edge(1, 0, weight=23)
    ax = plot_hierarchy(graph)
    assert sorted(box.get_gid() for box in gid_artists(ax.texts, "module")) == ["module 0", "module 1"]
    assert len([text for text in ax.texts if isinstance(text, Annotation)]) == 2
    ax.figure.canvas.draw()


def chain_of_modules(node_support=None, edge_support=None):
    """Module 0 (inputs x0, x1) feeds module 1 (output y0) by 12 edges, with the supports given."""
    graph = nx.DiGraph(n_inputs=2, n_outputs=1)
    graph.add_node(0, inputs=frozenset({0, 1}), outputs=frozenset())
    graph.add_node(1, inputs=frozenset(), outputs=frozenset({0}))
    graph.add_edge(0, 1, weight=12)
    if node_support is not None:
        nx.set_node_attributes(graph, dict(zip(graph, node_support)), "support")
    if edge_support is not None:
        graph.edges[0, 1]["support"] = edge_support
    return graph


def drawing(ax):
    """The texts on a module graph's axes and the opacity of its arrows."""
    arrows = [text for text in ax.texts if isinstance(text, Annotation)]
    texts = [text.get_text() for text in ax.texts if not isinstance(text, Annotation)]
    return texts, [arrow.arrow_patch.get_alpha() for arrow in arrows]


def test_plot_hierarchy_prints_the_support_of_modules_and_edges(tmp_path):
    ax = plot_hierarchy(chain_of_modules(node_support=(0.83, 1.0), edge_support=0.5))
    texts, alphas = drawing(ax)
    assert texts == ["M0\nin x0–x1\nsupport 0.83", "M1\nout y0\nsupport 1.00", "12 · s 0.50"]
    assert alphas == [pytest.approx(0.625)]
    ax.figure.savefig(tmp_path / "support.png")


def test_plot_hierarchy_prints_an_unknown_support_as_n_a_and_fades_its_arrow():
    graph = chain_of_modules(node_support=(float("nan"), 0.0), edge_support=float("nan"))
    texts, alphas = drawing(plot_hierarchy(graph))
    assert texts == ["M0\nin x0–x1\nsupport n/a", "M1\nout y0\nsupport 0.00", "12 · s n/a"]
    assert alphas == [pytest.approx(0.25)]


def test_plot_hierarchy_without_support_is_drawn_as_before():
    plain = drawing(plot_hierarchy(chain_of_modules()))
    assert plain == (["M0\nin x0–x1", "M1\nout y0", "12"], [None])
    assert drawing(plot_hierarchy(chain_of_modules(node_support=(None, None), edge_support=None))) == plain


def test_plot_hierarchy_refuses_a_support_outside_zero_to_one():
    with pytest.raises(ValueError, match=r"'support' of edge 0 -> 1 must be a number in \[0, 1\]"):
        plot_hierarchy(chain_of_modules(edge_support=1.2))


def final_step(estimator):
    return estimator[-1] if hasattr(estimator, "steps") else estimator


@pytest.mark.parametrize("kind", ["classifier", "pipeline", "search", "detector"])
def test_modules_hierarchy_and_input_plots_draw_every_kind_of_fitted_object(fitted_kinds, kind):
    estimator, masks = fitted_kinds[kind]
    final = final_step(estimator)
    labels = getattr(final, "detector_", final).labels_
    n_units = sum(int((layer_labels >= 0).sum()) for layer_labels in labels)
    assert len(unit_dots(plot_modules(estimator, **masks)).get_offsets()) == n_units
    n_modules = final.hierarchy_.number_of_nodes()
    assert plot_hierarchy(estimator).get_title() == f"Module graph: {n_modules} modules"
    image = plot_input_modules(estimator, (2, 2), **masks).get_images()[0].get_array()
    pixels = [module_color(int(label)) if label >= 0 else REMOVED_COLOR for label in labels[0]]
    np.testing.assert_allclose(image.reshape(4, 4), pixels)


@pytest.mark.parametrize("kind", ["classifier", "pipeline", "search"])
def test_plot_sculpt_history_draws_every_kind_of_fitted_classifier(fitted_kinds, kind):
    estimator, _ = fitted_kinds[kind]
    records = final_step(estimator).sculpt_history_
    ax, density_ax = plot_sculpt_history(estimator)
    assert ax.get_xlim() == (-0.5, len(records) - 0.5)
    assert len(density_ax.get_lines()[0].get_xdata()) == len(records)


PLOTS = {
    "plot_modules": plot_modules,
    "plot_hierarchy": plot_hierarchy,
    "plot_sculpt_history": plot_sculpt_history,
    "plot_input_modules": lambda estimator: plot_input_modules(estimator, (2, 2)),
}


@pytest.mark.parametrize("name", PLOTS)
def test_every_plot_refuses_an_unfitted_pipeline_and_one_ending_in_another_estimator(name):
    X, y = make_boolean_task("input_separable", return_X_y=True)
    with pytest.raises(NotFittedError):
        PLOTS[name](make_pipeline(FunctionTransformer(), SculptingClassifier()))
    other = make_pipeline(FunctionTransformer(), LogisticRegression()).fit(X, y[:, 0])
    with pytest.raises(TypeError, match=f"{name} draws .*got a Pipeline ending in LogisticRegression"):
        PLOTS[name](other)


def test_plot_modules_names_malformed_labels():
    masks = [np.ones((2, 2), dtype=bool), np.ones((2, 2), dtype=bool)]
    with pytest.raises(ValueError, match=r"labels_ must be a list of 1-D arrays"):
        plot_modules(type("Detection", (), {"labels_": 3})(), masks=masks)
