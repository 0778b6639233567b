"""The input layer of a sculpted image network, drawn as an image coloured by module."""

from numbers import Integral

import numpy as np
from sklearn.utils._param_validation import validate_params

from ._matplotlib import check_axes, import_pyplot, module_color
from ._modules import _labels_and_masks
from ._network_text import count_of
from ._readability import PAGE_WIDTH_INCHES, text_scale, text_width

#: Colour of pixels that no module holds (every edge from them was pruned).
REMOVED_COLOR = (0.94, 0.94, 0.94, 1.0)
#: Font sizes (points, on a figure at most one page column wide; see
#: :func:`~sksculpt.plotting._readability.text_scale`) of the title and the legend.
TITLE_SIZE, LEGEND_SIZE = 12.0, 9.0
#: Height (inches) of the image in a new figure: a sixth of an inch per pixel row, within these bounds.
LEAST_IMAGE_HEIGHT, MOST_IMAGE_HEIGHT = 1.6, 4.0


@validate_params(
    {"image_shape": ["array-like"], "title": [str, None]},
    prefer_skip_nested_validation=True,
)
def plot_input_modules(estimator, image_shape, *, masks=None, ax=None, title=None):
    """Draw which module holds each input pixel of an image task.

    The input layer of :func:`plot_modules` as the picture it reads: each
    pixel in the colour of its module (the colours of :func:`plot_modules`
    and :func:`plot_hierarchy`), pixels that lost every edge in light grey.
    On two images side by side, a net that has separated them shows two
    colours split down the middle.

    Parameters
    ----------
    estimator : SculptingClassifier, SculptingClassifierCV, ModuleDetector or Pipeline
        A fitted classifier, a fitted detector together with ``masks``, or a
        fitted Pipeline ending in either.
    image_shape : tuple of int
        ``(height, width)`` of the image, row-major over the input columns:
        input ``i`` is pixel ``(i // width, i % width)``, as in
        :func:`~sksculpt.datasets.load_two_digits` (its ``images_shape``).
    masks : list of array-like of bool, default=None
        As in :func:`plot_modules`.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure when None.
    title : str, default=None
        Axes title; None writes the number of pixels kept and ``""`` leaves it out.

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes drawn on, with a legend naming each module ``M<id>`` and its pixels.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        If ``estimator`` is not one of those above.
    ValueError
        If ``image_shape`` is not two positive integers whose product is the
        number of inputs, or ``masks`` is missing for a detector or malformed.
    sklearn.exceptions.NotFittedError
        If ``estimator`` is an unfitted estimator.

    See Also
    --------
    plot_modules : The whole network with its modules.

    Examples
    --------
    >>> import numpy as np
    >>> from sksculpt.detection import ModuleDetector
    >>> from sksculpt.plotting import plot_input_modules
    >>> block = np.ones((2, 2), dtype=bool)
    >>> hidden = np.block([[block, ~block], [~block, block]])
    >>> masks = [hidden, np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=bool)]
    >>> ax = plot_input_modules(ModuleDetector().fit(masks), (2, 2), masks=masks)
    >>> ax.get_title()
    '4 of 4 pixels kept'
    """
    plt = import_pyplot("plot_input_modules")
    check_axes(ax, "plot_input_modules")
    labels, _, _ = _labels_and_masks(estimator, masks, "plot_input_modules")
    input_labels = labels[0]
    sizes = np.asarray(image_shape, dtype=object)
    shape = tuple(sizes.tolist()) if sizes.ndim == 1 else ()
    if len(shape) != 2 or not all(isinstance(size, Integral) and size > 0 for size in shape) or (
        shape[0] * shape[1] != len(input_labels)
    ):
        raise ValueError(
            f"image_shape must be (height, width) with height * width equal to the {len(input_labels)} "
            f"inputs; got {image_shape!r}."
        )
    modules = np.unique(input_labels[input_labels >= 0])
    colors = np.tile(np.asarray(REMOVED_COLOR), (len(input_labels), 1))
    for module in modules:
        colors[input_labels == module] = module_color(int(module))
    names = [f"M{module}: {count_of(int(np.sum(input_labels == module)), 'pixel')}" for module in modules]
    if title is None:
        title = f"{int(np.sum(input_labels >= 0)):,} of {len(input_labels):,} pixels kept"
    if ax is None:
        _, ax = plt.subplots(figsize=_figure_size(shape, names, title), layout="constrained")
    scale = text_scale(ax)
    ax.imshow(colors.reshape(*shape, 4), interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color=module_color(int(module)), label=name) for module, name in zip(modules, names)],
        loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=LEGEND_SIZE * scale,
    )
    ax.set_title(title, fontsize=TITLE_SIZE * scale)
    return ax


def _figure_size(shape, names, title):
    """Inches of a new figure holding the image, its legend on the right and its title.

    The image gets a sixth of an inch per pixel row (within
    :data:`LEAST_IMAGE_HEIGHT` and :data:`MOST_IMAGE_HEIGHT`), less where the
    figure would be wider than a page column; the figure is at least as wide
    as the title.
    """
    height, width = shape
    legend = max((text_width(name, LEGEND_SIZE) for name in names), default=0.0) / 72 + 0.5
    image_height = float(np.clip(height / 6, LEAST_IMAGE_HEIGHT, MOST_IMAGE_HEIGHT))
    image_width = min(image_height * width / height, PAGE_WIDTH_INCHES - legend - 0.3)
    image_height = image_width * height / width
    figure_width = max(image_width + legend + 0.3, text_width(title, TITLE_SIZE) / 72 + 0.4)
    return min(figure_width, PAGE_WIDTH_INCHES), image_height + 0.6
