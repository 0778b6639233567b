"""Every text of every picture is readable where the documentation shows it, whatever the net.

The gallery saves figures at 100 dpi and the page shows an image no wider
than its content column (about 800 CSS pixels in the pydata theme, whose
article is at most 60em wide less its padding), scaled down if it is wider.
A text of ``s`` points is then ``s * 100 / 72 * min(1, 800 / saved width)``
pixels high. The figures are drawn, every text a draw writes is recorded
(titles, tick and axis labels, legend entries, annotations, unit and module
labels), and none may be under 9 pixels, on nets of 4 to 1568 inputs.
"""

from types import SimpleNamespace

import networkx as nx
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt

from sksculpt._records import SculptRecord
from sksculpt.datasets import FunctionGraph
from sksculpt.detection import ModuleDetector
from sksculpt.plotting import plot_hierarchy, plot_input_modules, plot_modules, plot_sculpt_history
from sksculpt.plotting._readability import DOCS_CONTENT_PX, READABLE_PX, SAVE_DPI, text_px

#: Layer sizes of the nets drawn, by number of inputs: the Boolean tasks, a wider
#: tabular net, the 8x8 digit pairs and the Fashion-MNIST pairs of the benchmarks.
ARCHITECTURES = {
    4: (4, 24, 24, 4),
    24: (24, 48, 48, 6),
    128: (128, 128, 128, 20),
    1568: (1568, 392, 392, 20),
}
#: ``(height, width)`` of the inputs read as an image.
IMAGE_SHAPES = {4: (2, 2), 24: (4, 6), 128: (8, 16), 1568: (28, 56)}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def sculpted_masks(sizes, seed=0):
    """Two modules, each reading one half of the inputs, as sculpting leaves a net.

    Every input of a small net survives, about 70 % of the digit pairs' pixels
    and 14 % of Fashion-MNIST's; about a third of every wide hidden layer
    survives. Each surviving unit feeds two of its half's units above and is
    fed by one below, so no unit is stranded.
    """
    rng = np.random.default_rng(seed)
    keep = 1.0 if sizes[0] <= 24 else 0.7 if sizes[0] <= 128 else 0.14
    alive = rng.random(sizes[0]) < keep
    masks = []
    for lower, upper in zip(sizes[:-1], sizes[1:]):
        alive_above = np.ones(upper, dtype=bool)
        if upper != sizes[-1]:
            alive_above[:] = False
            alive_above[rng.choice(upper, max(2, int(upper * (0.35 if upper > 30 else 0.5))), replace=False)] = True
        mask = np.zeros((lower, upper), dtype=bool)
        for half in (0, 1):
            sources = [i for i in np.flatnonzero(alive) if (i < lower // 2) == (half == 0)]
            targets = [j for j in np.flatnonzero(alive_above) if (j < upper // 2) == (half == 0)]
            for source in sources:
                mask[source, rng.choice(targets, min(len(targets), 2), replace=False)] = True
            for target in targets:
                mask[rng.choice(sources), target] = True
        masks.append(mask)
        alive = alive_above
    return masks


@pytest.fixture(scope="module", params=sorted(ARCHITECTURES), ids=lambda n: f"{n}_inputs")
def detected(request):
    masks = sculpted_masks(ARCHITECTURES[request.param])
    return request.param, ModuleDetector().fit(masks), masks


def history(n_steps, seed=0):
    """A fitted classifier's stand-in holding ``n_steps`` records: dense, a third unit, the rest edge pruning."""
    rng = np.random.default_rng(seed)
    records = [SculptRecord("dense", 0.0, 0.99, True, 1000, 50, 1.0)]
    density = 1.0
    for step in range(1, n_steps):
        accuracy = float(rng.uniform(0.9, 1.0)) if step < n_steps - 1 else float("nan")
        tried = 0.93 * density
        density = tried if accuracy > 0.95 else density
        stage = "units" if step <= n_steps // 3 else "edges"
        records.append(SculptRecord(stage, 10.0 * step, accuracy, bool(accuracy > 0.95), 100, 10, tried))
    return SimpleNamespace(sculpt_history_=records, acceptance_threshold_=0.95)


def assert_readable(fig, what):
    heights = text_px(fig)
    assert heights, f"{what}: no text drawn"
    smallest, text = heights[0]
    assert smallest >= READABLE_PX, (
        f"{what}: {text!r} is {smallest:.1f} px high at the docs' width "
        f"({fig.get_figwidth():.1f} inches wide saved at {SAVE_DPI} dpi, shown at most {DOCS_CONTENT_PX} px)"
    )
    return heights


def test_plot_modules_text_is_readable(detected):
    n_inputs, detector, masks = detected
    ax = plot_modules(detector, masks=masks)
    heights = assert_readable(ax.figure, f"plot_modules, {n_inputs} inputs")
    texts = {text for _, text in heights}
    assert {"inputs", "outputs", "M0", "M1"} <= texts
    # The inputs are named: each one where the names fit between the dots, else each module's at once.
    assert any(text.startswith("x") or "input" in text for text in texts)


def test_plot_modules_title_says_the_architecture_in_words(detected):
    n_inputs, detector, masks = detected
    sizes = ARCHITECTURES[n_inputs]
    title = plot_modules(detector, masks=masks).get_title()
    words = f"{sizes[0]:,} inputs, hidden layers of {sizes[1]} and {sizes[2]} units, {sizes[3]} outputs"
    assert title.startswith(words)
    assert title.endswith("% of the weights left")
    assert "Arch" not in title


def test_plot_input_modules_text_is_readable(detected):
    n_inputs, detector, masks = detected
    ax = plot_input_modules(detector, IMAGE_SHAPES[n_inputs], masks=masks)
    assert_readable(ax.figure, f"plot_input_modules, {n_inputs} inputs")


def test_plot_hierarchy_text_is_readable(detected):
    n_inputs, detector, _ = detected
    assert_readable(plot_hierarchy(detector).figure, f"plot_hierarchy, {n_inputs} inputs")


def test_plot_hierarchy_beside_a_task_names_the_modules_after_it():
    task = FunctionGraph(4, name="halves")
    left = task.add_function("left", "xor", ["x0", "x1"])
    right = task.add_function("right", "xor", ["x2", "x3"])
    task.add_output("identity", left)
    task.add_output("identity", right)
    detected = nx.DiGraph()
    detected.add_node(0, inputs=frozenset({2, 3}), outputs=frozenset({1}))
    detected.add_node(1, inputs=frozenset({0, 1}), outputs=frozenset({0}))
    expected_ax, detected_ax = plot_hierarchy(detected, true_graph=task.to_networkx())
    first_lines = {text.get_text().split("\n")[0] for text in detected_ax.texts if text.get_gid()}
    assert first_lines == {"M0 (right)", "M1 (left)"}
    assert_readable(expected_ax.figure, "plot_hierarchy beside its task")


@pytest.mark.parametrize("n_steps", [8, 30, 120])
def test_plot_sculpt_history_text_is_readable(n_steps):
    ax, _ = plot_sculpt_history(history(n_steps))
    heights = assert_readable(ax.figure, f"plot_sculpt_history, {n_steps} steps")
    assert {"dense", "unit pruning", "edge pruning", "accepted"} <= {text for _, text in heights}


def test_stage_names_do_not_overlap():
    ax, _ = plot_sculpt_history(history(120))
    ax.figure.canvas.draw()
    names = [text.get_window_extent() for text in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(names) for b in names[i + 1:])


def test_text_grows_with_a_figure_wider_than_the_page(detected):
    n_inputs, detector, masks = detected
    _, ax = plt.subplots(figsize=(16, 6))
    plot_modules(detector, masks=masks, ax=ax)
    assert_readable(ax.figure, f"plot_modules on a 16-inch figure, {n_inputs} inputs")
