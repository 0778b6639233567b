"""The picture of a sculpted network: layers, surviving units and edges, module boxes."""

import numpy as np
from sklearn.utils._param_validation import StrOptions, validate_params

from ..detection._validation import check_layer_sizes, check_masks
from ..pruning import density
from ._fitted import fitted_step, unit_names
from ._matplotlib import NEUTRAL_COLOR, check_axes, import_pyplot, lighten, module_color
from ._network_layout import network_layout

#: Height of a module box above its top layer and below its bottom layer, in layers.
BOX_PADDING = 0.32
#: Smallest horizontal room per unit (inches) at which inputs and outputs are named.
MIN_LABELLED_SLOT_INCHES = 0.16


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
    ``hierarchy_``).

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
        Axes title; None writes the architecture and the density, e.g.
        ``"Arch [4, 24, 24, 4]: density 2.08 %"``, and ``""`` leaves it out.
    unit_labels : bool or "auto", default="auto"
        Name the drawn inputs and outputs: by the data's names where the
        classifier has them (a DataFrame's columns, written upright, and
        class labels; in a Pipeline whose classifier saw no column names,
        the ``get_feature_names_out`` of the steps before it), else
        ``x<i>`` and ``y<j>`` by their column. ``"auto"`` names a layer only
        where its dots are far enough apart for the names to be read.

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
    >>> ax.get_title()
    'Arch [4, 4, 2]: density 50.00 %'
    """
    plt = import_pyplot("plot_modules")
    check_axes(ax, "plot_modules")
    labels, masks, (input_names, output_names) = _labels_and_masks(estimator, masks, "plot_modules")
    layout = network_layout(masks, labels)
    n_layers = len(labels)
    if ax is None:
        _, ax = plt.subplots(
            figsize=(float(np.clip(0.32 * layout.width + 1.8, 5.0, 14.0)), 1.1 * n_layers + 1.1),
            layout="constrained",
        )
    ax.set_xlim(-1.2, layout.width + 0.2)
    ax.set_ylim(-0.85, n_layers - 1 + 0.85)
    slot_inches = ax.get_position().width * ax.figure.get_figwidth() / (layout.width + 1.4)

    _draw_edges(ax, masks, labels, layout, slot_inches)
    _draw_boxes(ax, layout)
    _draw_units(ax, labels, layout, slot_inches)
    if unit_labels == "auto":
        unit_labels = slot_inches >= MIN_LABELLED_SLOT_INCHES
    if unit_labels:
        _name_units(ax, layout, 0, _unit_texts(input_names, "x", len(labels[0])), below=True)
        _name_units(ax, layout, n_layers - 1, _unit_texts(output_names, "y", len(labels[-1])), below=False)

    ax.set_yticks(range(n_layers), _layer_names(n_layers))
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title is None:
        sizes = [len(layer_labels) for layer_labels in labels]
        title = f"Arch {sizes}: density {100 * density(masks):.2f} %"
    ax.set_title(title)
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


def _draw_boxes(ax, layout):
    """One rounded box per module, in its colour, around its band and layers."""
    from matplotlib.patches import FancyBboxPatch

    for box in layout.boxes:
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
        ax.text(
            box.left - 0.4,
            box.top + BOX_PADDING - 0.04,
            f"M{box.module}",
            color=color,
            fontsize=7,
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


def _unit_texts(names, prefix, n_units):
    """The text of each unit of a layer: its name, or ``<prefix><index>``."""
    return [f"{prefix}{unit}" for unit in range(n_units)] if names is None else list(names)


def _name_units(ax, layout, layer, texts, below):
    """Write each drawn unit's text next to it, upright where the texts are longer than short indices."""
    offset = -(BOX_PADDING + 0.06) if below else BOX_PADDING + 0.06
    upright = max(len(text) for text in texts) > 4
    for unit in np.flatnonzero(~np.isnan(layout.x[layer])).tolist():
        ax.text(
            layout.x[layer][unit],
            layer + offset,
            texts[unit],
            fontsize=7,
            ha="center",
            va="top" if below else "bottom",
            rotation=90 if upright else 0,
            color="#333333",
        )


def _layer_names(n_layers):
    """Tick labels of the layers, inputs at the bottom."""
    return ["inputs", *(f"hidden {layer}" for layer in range(1, n_layers - 1)), "outputs"]
