"""The picture of a sculpted network: layers, surviving units and edges, module boxes."""

import numpy as np
from sklearn.utils._param_validation import StrOptions, validate_params

from .._mask_formats import check_layer_sizes, check_masks
from ..pruning import density
from ._fitted import fitted_step, unit_names
from ._matplotlib import NEUTRAL_COLOR, check_axes, import_pyplot, lighten, module_color
from ._network_layout import network_layout
from ._network_text import describe_architecture, fit_lines, group_texts, layer_names, unit_texts
from ._readability import PAGE_WIDTH_INCHES, axes_width_inches, text_scale, text_width

#: Height of a module box above its top layer and below its bottom layer, in layers.
BOX_PADDING = 0.32
#: Where a module's label starts, left of its box's leftmost unit slot (x units).
LABEL_INSET = 0.4
#: Font sizes (points, on a figure at most one page column wide; see
#: :func:`~sksculpt.plotting._readability.text_scale`) of the title, the layer
#: names, the module labels and the names of inputs and outputs.
TITLE_SIZE, LAYER_SIZE, MODULE_SIZE, UNIT_SIZE = 12.0, 10.0, 9.0, 8.0
#: Longest name (points at :data:`UNIT_SIZE`) written upright under its unit;
#: layers with longer names are named by module instead.
LONGEST_UPRIGHT_NAME = 90.0


@validate_params(
    {"title": [str, None], "unit_labels": ["boolean", StrOptions({"auto"})]},
    prefer_skip_nested_validation=True,
)
def plot_modules(estimator, *, masks=None, ax=None, title=None, unit_labels="auto"):
    """Draw a sculpted network with its modules, as the paper's figures do.

    Layers are stacked from the inputs (bottom) to the outputs (top). Every
    unit that belongs to a module is a dot in its module's colour; units the
    detection's clean-up removed are left out. Surviving edges between drawn
    units are lines, in the module's colour inside a module and grey between
    modules. Each module sits in a band of its own, framed by one box in its
    colour over the layers it spans and labelled ``M<id>`` (the node key of
    ``hierarchy_``); where boxes are too narrow for their labels, a label that
    would run into its left neighbour's is left out.

    Parameters
    ----------
    estimator : SculptingClassifier, SculptingClassifierCV, ModuleDetector or Pipeline
        A fitted classifier (its ``masks_`` and ``detector_`` are drawn), a
        fitted detector together with ``masks``, or a fitted Pipeline ending
        in either.
    masks : list of array-like of bool, default=None
        The connectivity to draw, in the ``masks_`` layout; the architecture
        must be the one the detector was fitted on. Required for a
        ``ModuleDetector``, which does not keep the masks; defaults to the
        classifier's ``masks_``.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure sized to the network when None.
    title : str, default=None
        Axes title; None writes the layer sizes in words and the share of
        the weights left, e.g. ``"4 inputs, hidden layers of 24 and 24
        units, 4 outputs; 2.08 % of the weights left"`` (on two lines where
        one is too narrow), and ``""`` leaves it out.
    unit_labels : bool or "auto", default="auto"
        Name the drawn inputs and outputs: by the data's names where the
        classifier has them (a DataFrame's columns and class labels; in a
        Pipeline whose classifier saw no column names, the
        ``get_feature_names_out`` of the steps before it), else ``x<i>`` and
        ``y<j>`` by their column. ``"auto"`` names every drawn unit of a
        layer where the names fit between its dots (across, or else
        upright), and otherwise each module's units of the layer at once, as
        briefly as its width requires: ``"x0–x11"``, ``"97 inputs, x2 to
        x780"``, ``"97 inputs"``. True names every unit, False none.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        If ``estimator`` (or a Pipeline's last step) is neither a classifier
        with ``masks_`` and ``detector_`` nor a detector with ``labels_``.
    ValueError
        If ``masks`` is missing for a detector, malformed, or of another
        architecture than the detector's, or ``unit_labels`` is not one of
        True, False and "auto".
    sklearn.exceptions.NotFittedError
        If ``estimator`` is an unfitted estimator.

    See Also
    --------
    plot_hierarchy : The module graph of the same detection.

    Notes
    -----
    The density in the title is the share of all weights that survive in
    ``masks``, ``sum(mask.sum()) / sum(mask.size)`` over the weight layers
    (``SculptingClassifier.density_``). All edges are drawn as one
    :class:`~matplotlib.collections.LineCollection` and all units as one
    scatter, so networks of hundreds of units draw quickly.

    Examples
    --------
    >>> import numpy as np
    >>> from sksculpt.detection import ModuleDetector
    >>> from sksculpt.plotting import plot_modules
    >>> block = np.ones((2, 2), dtype=bool)
    >>> hidden = np.block([[block, ~block], [~block, block]])
    >>> masks = [hidden, np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=bool)]
    >>> ax = plot_modules(ModuleDetector().fit(masks), masks=masks)
    >>> print(ax.get_title())
    4 inputs, a hidden layer of 4 units, 2 outputs
    50.00 % of the weights left
    """
    plt = import_pyplot("plot_modules")
    check_axes(ax, "plot_modules")
    labels, masks, (input_names, output_names) = _labels_and_masks(estimator, masks, "plot_modules")
    layout = network_layout(masks, labels)
    n_layers = len(labels)
    sizes = [len(layer_labels) for layer_labels in labels]
    if ax is None:
        # Wide enough for the network and for its architecture on one line of the title.
        width = max(0.32 * layout.width + 1.8, text_width(describe_architecture(sizes), TITLE_SIZE) / 72 + 1.3)
        width = float(np.clip(width, 5.0, PAGE_WIDTH_INCHES))
        _, ax = plt.subplots(figsize=(width, 1.1 * n_layers + 1.3), layout="constrained")
    scale = text_scale(ax)
    ax.set_xlim(-1.2, layout.width + 0.2)
    ax.set_ylim(-0.85, n_layers - 1 + 0.85)
    slot_inches = axes_width_inches(ax) / (layout.width + 1.4)

    _draw_edges(ax, masks, labels, layout, slot_inches)
    _draw_boxes(ax, layout, MODULE_SIZE * scale, slot_inches)
    _draw_units(ax, labels, layout, slot_inches)
    if unit_labels is not False:
        for layer, names, prefix, noun in ((0, input_names, "x", "input"), (n_layers - 1, output_names, "y", "output")):
            texts = unit_texts(names, prefix, len(labels[layer]))
            _label_layer(ax, layout, labels[layer], layer, texts, noun, 72 * slot_inches, UNIT_SIZE * scale,
                         every_unit=unit_labels is True, below=layer == 0, named=names is not None)

    ax.set_yticks(range(n_layers), layer_names(n_layers), fontsize=LAYER_SIZE * scale)
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title is None:
        title = fit_lines(
            [describe_architecture(sizes), f"{100 * density(masks):.2f} % of the weights left"],
            72 * axes_width_inches(ax), TITLE_SIZE * scale,
        )
    ax.set_title(title, fontsize=TITLE_SIZE * scale)
    return ax


def _labels_and_masks(estimator, masks, caller):
    """Module labels of the detection, the checked masks to draw, and the names of the inputs
    and outputs (see :func:`~sksculpt.plotting._fitted.unit_names`)."""
    given = estimator
    estimator = fitted_step(
        estimator, caller, ("detector_", "labels_"),
        "a fitted SculptingClassifier, SculptingClassifierCV or ModuleDetector",
    )
    detector = getattr(estimator, "detector_", estimator)
    if masks is None:
        if not hasattr(estimator, "masks_"):
            raise ValueError(
                f"{type(estimator).__name__} does not keep the connectivity it was fitted on; "
                "pass it as masks=..., e.g. plot_modules(detector, masks=masks)."
            )
        masks = estimator.masks_
    masks = check_masks(masks)
    labels = detector.labels_
    if not isinstance(labels, (list, tuple)) or not all(np.ndim(layer_labels) == 1 for layer_labels in labels):
        raise ValueError(
            f"{type(detector).__name__}.labels_ must be a list of 1-D arrays of module labels, one per layer, as a "
            f"fitted ModuleDetector has; got {type(labels).__name__}."
        )
    check_layer_sizes(masks, [len(layer_labels) for layer_labels in labels], "masks")
    return [np.asarray(layer_labels) for layer_labels in labels], masks, unit_names(given, estimator)


def _draw_edges(ax, masks, labels, layout, slot_inches):
    """Draw all surviving edges between drawn units as one LineCollection.

    An edge inside a module takes the module's colour, one between modules grey.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_rgba

    neutral = to_rgba(NEUTRAL_COLOR)
    segments, colors = [], []
    for layer, mask in enumerate(masks):
        lower, upper = labels[layer], labels[layer + 1]
        sources, targets = np.nonzero(mask & (lower >= 0)[:, np.newaxis] & (upper >= 0))
        starts = np.column_stack([layout.x[layer][sources], np.full(len(sources), layer)])
        ends = np.column_stack([layout.x[layer + 1][targets], np.full(len(targets), layer + 1)])
        segments.append(np.stack([starts, ends], axis=1))
        same_module = lower[sources] == upper[targets]
        colors.extend(
            module_color(module) if inside else neutral
            for module, inside in zip(lower[sources].tolist(), same_module.tolist())
        )
    segments = np.concatenate(segments)
    width = float(np.clip(3.0 * slot_inches, 0.25, 1.4))
    alpha = float(np.clip(12.0 / np.sqrt(max(len(segments), 1)), 0.25, 0.85))
    ax.add_collection(
        LineCollection(
            segments, colors=colors, linewidths=width, alpha=alpha, zorder=2, gid="edges"
        ),
        autolim=False,
    )


def module_labels_drawn(boxes, label_widths):
    """Which module boxes get their label: each unless it would run into the last label drawn at its height.

    A label is written at its box's top left corner. Labels of boxes whose tops
    are at the same layer share a row; going left to right, a label that would
    start before the previous label of its row ends is left out, as crowded
    tick labels are (the box keeps its colour and its module id as ``gid``).

    Parameters
    ----------
    boxes : sequence of ModuleBox
        The module boxes of a :class:`NetworkLayout`.
    label_widths : sequence of float
        Width of each box's label, in the layout's x units.

    Returns
    -------
    drawn : list of bool
        One per box, in the boxes' order.

    Examples
    --------
    >>> from sksculpt.plotting._network_layout import ModuleBox
    >>> boxes = [ModuleBox(0, 0, 9, 0, 0), ModuleBox(1, 11, 11, 0, 0), ModuleBox(2, 13, 13, 0, 0),
    ...          ModuleBox(3, 15, 15, 1, 1)]
    >>> module_labels_drawn(boxes, [2.5, 2.5, 2.5, 2.5])
    [True, True, False, True]
    """
    drawn = [False] * len(boxes)
    row_end = {}
    for index in sorted(range(len(boxes)), key=lambda index: (boxes[index].top, boxes[index].left)):
        box = boxes[index]
        start = box.left - LABEL_INSET
        if start >= row_end.get(box.top, -np.inf):
            drawn[index] = True
            row_end[box.top] = start + label_widths[index]
    return drawn


def _draw_boxes(ax, layout, size, slot_inches):
    """One rounded box per module, in its colour, around its band and layers, labelled at ``size`` points.

    A label that would overlap the one before it is left out (:func:`module_labels_drawn`).
    """
    from matplotlib.patches import FancyBboxPatch

    label_widths = [
        text_width(f"M{box.module}", size, weight="bold") / 72 / slot_inches + 0.15 for box in layout.boxes
    ]
    for box, labelled in zip(layout.boxes, module_labels_drawn(layout.boxes, label_widths)):
        color = module_color(box.module)
        bottom = box.bottom - BOX_PADDING
        ax.add_patch(
            FancyBboxPatch(
                (box.left - 0.45, bottom),
                box.right - box.left + 0.9,
                box.top - box.bottom + 2 * BOX_PADDING,
                boxstyle="round,pad=0,rounding_size=0.15",
                facecolor=lighten(color, 0.86),
                edgecolor=color,
                linewidth=1.3,
                zorder=1,
                gid=f"module {box.module}",
            )
        )
        if not labelled:
            continue
        ax.text(
            box.left - LABEL_INSET,
            box.top + BOX_PADDING - 0.04,
            f"M{box.module}",
            color=color,
            fontsize=size,
            fontweight="bold",
            ha="left",
            va="top",
            zorder=4,
        )


def _draw_units(ax, labels, layout, slot_inches):
    """Draw every unit that belongs to a module as one scatter, in module colours."""
    alive = [np.flatnonzero(layer_labels >= 0) for layer_labels in labels]
    dot_points = float(np.clip(0.55 * 72 * slot_inches, 2.0, 11.0))
    ax.scatter(
        np.concatenate([layout.x[layer][units] for layer, units in enumerate(alive)]),
        np.concatenate([np.full(len(units), layer) for layer, units in enumerate(alive)]),
        s=dot_points**2,
        c=[module_color(label) for layer in labels for label in layer[layer >= 0]],
        edgecolors="white",
        linewidths=min(0.8, dot_points / 10),
        zorder=3,
        gid="units",
    )


def _label_layer(ax, layout, layer_labels, layer, texts, noun, slot_points, size, every_unit, below, named):
    """Name the drawn units of the input or output layer, each unit or each module's units.

    Every drawn unit gets its text where the texts fit the room between
    neighbouring units, across or else upright (or ``every_unit``); otherwise
    each module gets one text under (or over) its units of the layer,
    naming them as briefly as its band requires (:func:`group_texts`).
    """
    drawn = np.flatnonzero(~np.isnan(layout.x[layer]))
    if len(drawn) == 0:
        return
    widest = max(text_width(texts[unit], size) for unit in drawn.tolist())
    across = widest + 0.3 * size <= slot_points
    upright = not across and 1.3 * size <= slot_points and widest <= LONGEST_UPRIGHT_NAME * size / UNIT_SIZE
    offset = -(BOX_PADDING + 0.06) if below else BOX_PADDING + 0.06
    style = {"fontsize": size, "ha": "center", "va": "top" if below else "bottom", "color": "#333333"}
    if across or upright or every_unit:
        for unit in drawn.tolist():
            ax.text(layout.x[layer][unit], layer + offset, texts[unit], rotation=0 if across else 90, **style)
        return
    bands = {box.module: box for box in layout.boxes}
    for module in np.unique(layer_labels[drawn]).tolist():
        units = drawn[layer_labels[drawn] == module]
        x = layout.x[layer][units]
        # The module's band, with its box's margins; no other module's band shares the layer.
        room = (bands[module].right - bands[module].left + 0.9) * slot_points
        candidates = group_texts([texts[unit] for unit in units.tolist()], units.tolist(), noun, named)
        fitting = [text for text in candidates if text_width(text, size) <= room]
        if fitting:
            ax.text((x.min() + x.max()) / 2, layer + offset, fitting[0], **style)
