"""The module graph of a detection, optionally beside the one a task predicts."""

import re

import networkx as nx
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.utils._param_validation import validate_params

from .._graph_formats import (
    SKIP_EDGES,
    module_graph_of,
    module_signatures,
    node_index_sets,
    read_support,
    signature_similarity,
)
from ..detection import name_graph
from ..metrics import expected_module_graph, hierarchy_match_score
from ._fitted import fitted_step, unit_names
from ._graph_layout import describe_indices, describe_names, graph_levels, layered_positions
from ._matplotlib import NEUTRAL_COLOR, check_axes, import_pyplot, lighten, module_color
from ._readability import text_scale

_OUTPUT_NAME = re.compile(r"y\d+")
#: Font size (points) a new figure is sized for, and a character's width and a
#: line's height in font sizes (matplotlib's default font, DejaVu Sans).
FIGURE_FONT_SIZE, CHAR_WIDTH, LINE_HEIGHT = 11.0, 0.6, 1.2
#: Room (inches) left to an axes' title in a new figure, and its least width.
TITLE_HEIGHT, LEAST_AXES_WIDTH = 0.45, 4.2
#: Widest new figure (inches) with two graphs side by side; wider pairs are stacked.
SIDE_BY_SIDE_WIDTH = 10.0
#: Room between the grid of cells and the edges of the axes, in cells.
GRID_MARGIN = 0.1
#: Opacity of an arrow whose edge has support 0 (or NaN); it grows linearly to 1 at support 1.
LEAST_SUPPORT_ALPHA = 0.25
#: Font size (points, on a figure at most one page column wide; see
#: :func:`~sksculpt.plotting._readability.text_scale`) of the titles.
TITLE_SIZE = 12.0
#: Least similarity (mean Jaccard index of what two modules hold, feed and
#: are fed by) at which a detected module is named after the task's module it matches.
LEAST_NAMING_SIMILARITY = 0.5


@validate_params({"title": [str, None], "skip_edges": [SKIP_EDGES]}, prefer_skip_nested_validation=True)
def plot_hierarchy(hierarchy, *, true_graph=None, skip_edges="keep", ax=None, title=None):
    """Draw a module graph from the inputs (bottom) to the outputs (top).

    Every module is a box in its colour (the colour :func:`plot_modules` gives
    it) naming the module and the inputs and outputs it holds: by their names
    where the module graph carries them (``input_names`` and
    ``output_names``: a DataFrame's columns, class labels), else as ``x<i>``
    and ``y<j>``. A Pipeline whose classifier saw no column names lends it
    the names of the steps before it (their ``get_feature_names_out``). An
    arrow joins two modules wherever sculpted edges run from one to the
    other; its width grows with, and its label gives, their number.
    Modules sit in rows by level: a module that no other module feeds is on
    the bottom row, any other one a row above the highest module feeding it.

    Where modules and edges carry a ``support`` (the share of networks that
    hold them, as on the ``hierarchy_`` of
    :class:`~sksculpt.SculptingClassifierCV`), each box gets a last line
    such as ``support 0.83`` (``n/a`` for NaN, no network counted), as a
    phylogenetic tree prints clade support, and each arrow its support after
    its edge count, such as ``12 · s 0.83``, drawn the fainter the lower its
    support.

    Boxes and labels are sized to the axes, not in points: each time the
    figure is drawn they take the largest font size at which every box fits
    its place in the grid, so the picture keeps its proportions at any figure
    size. A new figure is sized for labels of 11 points; two graphs go side
    by side, or one above the other where side by side they would be wider
    than 10 inches. Titles are 12 points on a figure up to 8 inches wide
    (800 pixels as saved, the width of a documentation page's column) and
    grow with a wider figure, which a page shows scaled down.

    Parameters
    ----------
    hierarchy : networkx.DiGraph or fitted estimator
        A module graph in the ``hierarchy_`` format, or a fitted
        ``SculptingClassifier``, ``SculptingClassifierCV`` or
        ``ModuleDetector`` (its ``hierarchy_``), or a fitted Pipeline ending
        in one.
    true_graph : networkx.DiGraph, default=None
        The true function graph of the task (``task.graph`` of
        :func:`~sksculpt.datasets.make_boolean_task`). When given, the module
        graph a perfect detection finds
        (:func:`~sksculpt.metrics.expected_module_graph`, its modules named
        after the sub-functions they stand for) is drawn on the left and the
        detected one on the right, titled with their
        :func:`~sksculpt.hierarchy_match_score`. A detected module that
        matches a module of the task (modules matched one to one by the
        inputs and outputs they hold, feed and are fed by; a mean Jaccard
        index of at least 0.5) carries its name too, as ``M4 (d)``.
    ax : matplotlib.axes.Axes or sequence of two Axes, default=None
        Where to draw: one Axes, or two (expected, detected) with
        ``true_graph``. None makes a new figure.
    title : str, default=None
        Title of the detected graph's axes; None writes the number of modules
        (and the match score with ``true_graph``).

    Returns
    -------
    ax : matplotlib.axes.Axes or ndarray of two Axes
        The axes drawn on: one, or ``[expected, detected]`` with ``true_graph``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        If no module graph can be found in ``hierarchy``.
    ValueError
        If the module graph has a self-loop, a module lacks ``inputs`` or
        ``outputs``, a ``support`` is not in [0, 1], ``ax`` does not hold
        one Axes per graph to draw, or ``true_graph`` does not follow the
        true function graph format.
    sklearn.exceptions.NotFittedError
        If ``hierarchy`` is an unfitted estimator.

    See Also
    --------
    plot_modules : The sculpted network the module graph was read from.
    sksculpt.metrics.expected_module_graph : The module graph a task predicts.

    Examples
    --------
    >>> import networkx as nx
    >>> from sksculpt.plotting import plot_hierarchy
    >>> modules = nx.DiGraph()
    >>> modules.add_node(0, inputs={0, 1}, outputs=set())
    >>> modules.add_node(1, inputs=set(), outputs={0})
    >>> modules.add_edge(0, 1, weight=3)
    >>> plot_hierarchy(modules).get_title()
    'Module graph: 2 modules'
    """
    plt = import_pyplot("plot_hierarchy")
    names = None, None
    if not isinstance(hierarchy, nx.Graph):
        step = fitted_step(
            hierarchy, "plot_hierarchy", ("hierarchy_",),
            "a module graph (networkx.DiGraph) or a fitted SculptingClassifier, "
            "SculptingClassifierCV or ModuleDetector",
        )
        names = unit_names(hierarchy, step)
        hierarchy = step
    detected = module_graph_of(hierarchy)
    if names[0] is not None and "input_names" not in detected.graph:
        detected = name_graph(detected, *names)
    graphs = [detected] if true_graph is None else [expected_module_graph(true_graph, skip_edges=skip_edges), detected]
    task_names = {} if true_graph is None else task_module_names(graphs[0], detected)
    grid = _grid_size(graphs)
    axes = _axes_for(plt, ax, graphs, grid, task_names)
    if title is None:
        title = f"Module graph: {detected.number_of_nodes()} modules"
        if true_graph is not None:
            score = hierarchy_match_score(true_graph, detected, skip_edges=skip_edges)
            title = f"Detected: {detected.number_of_nodes()} modules, match score {score:.2f}"
    _draw_module_graph(axes[-1], detected, grid, expected=False, task_names=task_names)
    axes[-1].set_title(title, fontsize=TITLE_SIZE * text_scale(axes[-1]))
    if true_graph is None:
        return axes[0]
    _draw_module_graph(axes[0], graphs[0], grid, expected=True)
    name = true_graph.graph.get("name")
    axes[0].set_title("Expected from the task" + (f" {name!r}" if name else ""),
                      fontsize=TITLE_SIZE * text_scale(axes[0]))
    return axes


def task_module_names(expected, detected):
    """Name detected modules after the modules of the task they stand for.

    Modules are matched one to one (the assignment of greatest total
    similarity), the similarity of two modules being the mean Jaccard index
    of the inputs they hold, the outputs they hold, the inputs upstream of
    them and the outputs downstream of them. A detected module matched with
    a similarity of at least :data:`LEAST_NAMING_SIMILARITY` gets the name of
    its expected module: the sub-functions it stands for.

    Parameters
    ----------
    expected : networkx.DiGraph
        :func:`~sksculpt.metrics.expected_module_graph` of the task.
    detected : networkx.DiGraph
        A detected module graph.

    Returns
    -------
    names : dict
        Detected module to name, for the modules matched well enough.
    """
    expected_modules, detected_modules = list(expected), list(detected)
    named = [module for module in expected_modules if _task_name(expected.nodes[module])]
    if not named or not detected_modules:
        return {}
    expected_held, detected_held = _signatures(expected), _signatures(detected)
    similarity = np.array([
        [signature_similarity(expected_held[e], detected_held[d]) for d in detected_modules] for e in named
    ])
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    return {
        detected_modules[column]: _task_name(expected.nodes[named[row]])
        for row, column in zip(rows, columns)
        if similarity[row, column] >= LEAST_NAMING_SIMILARITY
    }


def _signatures(graph):
    """:func:`~sksculpt._graph_formats.module_signatures` of a module graph, its index sets read from its nodes."""
    return module_signatures(graph, {node: node_index_sets(node, data) for node, data in graph.nodes(data=True)})


def _task_name(data):
    """The sub-functions an expected module stands for (its members other than outputs), or ``""``."""
    return ", ".join(name for name in data.get("members", ()) if not _OUTPUT_NAME.fullmatch(name))


def _grid_size(graphs):
    """Columns (modules on the widest level) and rows (levels) of a grid holding every graph."""
    columns = max(_widest_level(graph) for graph in graphs)
    rows = 1 + max(max(graph_levels(graph).values(), default=0) for graph in graphs)
    return columns, rows


def _axes_for(plt, ax, graphs, grid, task_names):
    """One Axes per graph: those given, or a new figure sized to the graphs' labels."""
    if ax is None:
        from ._fitted_boxes import BOX_PAD, CELL_SHARE

        boxes = [
            _module_text(node, data, task_names.get(node) if graph is graphs[-1] else None).split("\n")
            for graph in graphs
            for node, data in graph.nodes(data=True)
        ] or [[""]]
        # Box width and height in font sizes, then the cell (inches) that fits them.
        box = (
            max(len(line) for lines in boxes for line in lines) * CHAR_WIDTH + 2 * BOX_PAD,
            max(len(lines) for lines in boxes) * LINE_HEIGHT + 2 * BOX_PAD,
        )
        cell = [FIGURE_FONT_SIZE / 72 * size / share for size, share in zip(box, CELL_SHARE)]
        width = max(LEAST_AXES_WIDTH, cell[0] * (grid[0] + 2 * GRID_MARGIN))
        height = cell[1] * (grid[1] + 2 * GRID_MARGIN) + TITLE_HEIGHT
        stacked = len(graphs) * width > SIDE_BY_SIDE_WIDTH
        shape = (len(graphs), 1) if stacked else (1, len(graphs))
        _, axes = plt.subplots(
            *shape,
            figsize=(width * shape[1], height * shape[0]),
            layout="constrained",
            squeeze=False,
        )
        return axes.ravel()
    axes = np.atleast_1d(np.asarray(ax, dtype=object))
    if len(axes) != len(graphs):
        wanted = "two Axes (expected, detected)" if len(graphs) == 2 else "one Axes"
        raise ValueError(
            f"ax holds {len(axes)} Axes but {len(graphs)} graph(s) are drawn; pass {wanted}, "
            "or ax=None for a new figure."
        )
    for one_ax in axes:
        check_axes(one_ax, "plot_hierarchy")
    return axes


def _widest_level(graph):
    """Most modules on one level of a module graph (at least 1)."""
    levels = list(graph_levels(graph).values())
    return max(np.bincount(levels)) if levels else 1


def _module_text(node, data, task_name=None):
    """Box text: the module's name, the inputs and outputs it holds, then its support.

    A detected module is named ``M<id>``, followed by ``task_name`` (the
    task's module it matches) where given; a module of an expected graph by
    the sub-functions it stands for (its ``members`` other than outputs).
    """
    if "members" in data:
        lines = [_task_name(data)]
    else:
        lines = [f"M{node}" if task_name is None else f"M{node} ({task_name})"]
    inputs, outputs = node_index_sets(node, data)
    if inputs:
        lines.append("in " + _describe(inputs, data.get("input_names"), "x", "inputs"))
    if outputs:
        lines.append("out " + _describe(outputs, data.get("output_names"), "y", "outputs"))
    support = _support(f"module {node!r}", data)
    if support is not None:
        lines.append(f"support {_format_support(support)}")
    return "\n".join(line for line in lines if line)


def _describe(indices, names, prefix, noun):
    """The held columns by their names where the module has them, else by their indices."""
    return describe_indices(indices, prefix, noun) if names is None else describe_names(list(names), noun)


def _support(owner, data):
    """The ``support`` of a module or an edge, or None where it has none."""
    return None if data.get("support") is None else read_support(owner, data["support"])


def _edge_label(weight, support, expected):
    """Text on an arrow: its number of sculpted edges (not for an expected graph), then its support."""
    parts = [] if expected else [str(weight)]
    if support is not None:
        parts.append(f"s {_format_support(support)}")
    return " · ".join(parts)


def _format_support(support):
    """A support as printed: two decimals, or ``n/a`` for NaN (no network counted)."""
    return "n/a" if np.isnan(support) else f"{support:.2f}"


def _draw_module_graph(ax, graph, grid, expected, task_names=None):
    """Draw one module graph on ``ax``: boxes for modules, arrows for edges.

    A detected graph has its modules in their colours and its edges weighted
    by their number of sculpted edges; an expected one (from a true function
    graph) is grey, with plain edges, since its weights count operands only.
    Edges with a ``support`` are labelled with it and drawn with an opacity
    that grows with it.
    The axes show a grid of ``grid`` = (columns, rows) unit cells, so that
    graphs drawn side by side get cells, and labels, of one size.
    """
    from ._fitted_boxes import BOX_PAD, FittedBoxes

    levels = graph_levels(graph)

    def tie_break(node):
        inputs, outputs = node_index_sets(node, graph.nodes[node])
        return min(inputs, default=np.inf), min(outputs, default=np.inf), str(node)

    positions = layered_positions(graph, levels, tie_break)
    boxes = {}
    for node, data in graph.nodes(data=True):
        colored = not expected and isinstance(node, (int, np.integer))
        color = module_color(node) if colored else NEUTRAL_COLOR
        boxes[node] = ax.text(
            *positions[node],
            _module_text(node, data, (task_names or {}).get(node)),
            ha="center",
            va="center",
            fontsize=FIGURE_FONT_SIZE,
            zorder=3,
            bbox={
                "boxstyle": f"round,pad={BOX_PAD}",
                "facecolor": lighten(color, 0.75),
                "edgecolor": color,
            },
            gid=f"module {node}",
        )
    # Arrows are added after the boxes, so the boxes they are clipped to are drawn first.
    arrows, weight_labels = [], []
    heaviest = max((weight for *_, weight in graph.edges(data="weight", default=1)), default=1)
    for source, target, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        support = _support(f"edge {source!r} -> {target!r}", data)
        arrowprops = {
            "arrowstyle": "-|>,head_length=0.5,head_width=0.25",
            "color": "#444444",
            "patchA": boxes[source].get_bbox_patch(),
            "patchB": boxes[target].get_bbox_patch(),
            "connectionstyle": "arc3,rad=0.08",
        }
        if support is not None:
            arrowprops["alpha"] = LEAST_SUPPORT_ALPHA + (1 - LEAST_SUPPORT_ALPHA) * np.nan_to_num(support)
        arrow = ax.annotate(
            "", xy=positions[target], xytext=positions[source], arrowprops=arrowprops, zorder=3
        )
        arrows.append((arrow, 1.4 if expected else 0.6 + 2.4 * weight / heaviest))
        label = _edge_label(weight, support, expected)
        if label:
            weight_labels.append(
                ax.text(
                    *np.mean([positions[source], positions[target]], axis=0),
                    label,
                    ha="center",
                    va="center",
                    zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                )
            )
    columns, rows = grid
    ax.set_xlim(-columns / 2 - GRID_MARGIN, columns / 2 + GRID_MARGIN)
    ax.set_ylim(-0.5 - GRID_MARGIN, rows - 0.5 + GRID_MARGIN)
    ax.set_axis_off()
    fitted = FittedBoxes(list(boxes.values()), weight_labels, arrows)
    ax.add_artist(fitted)
    fitted.fit()
