"""Where each unit of a sculpted network goes in the module picture (numpy only)."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ModuleBox:
    """The rectangle a module occupies in the module picture.

    Parameters
    ----------
    module : int
        Module id.
    left, right : float
        x of the leftmost and rightmost unit slot of the module's band.
    bottom, top : int
        First and last layer the module spans.
    """

    module: int
    left: float
    right: float
    bottom: int
    top: int


@dataclass(frozen=True)
class NetworkLayout:
    """Positions of the units of a sculpted network, grouped by module.

    Parameters
    ----------
    x : list of ndarray of float
        One per layer (inputs first): the x position of every unit, NaN for
        units in no module (removed by the clean-up). Layer ``l`` is drawn at
        height ``l``.
    boxes : tuple of ModuleBox
        One per module, ordered by module id.
    width : float
        Number of unit slots across the widest part of the picture.
    """

    x: list
    boxes: tuple
    width: float


def module_spans(labels):
    """First layer, last layer and widest layer of every module.

    Parameters
    ----------
    labels : list of ndarray of int
        Module of each unit per layer (inputs first), -1 for units in no module.

    Returns
    -------
    spans : dict of int to tuple of int
        Module id to ``(bottom, top, width)``: the first and last layer holding
        its units and the largest number of its units in one layer.

    Examples
    --------
    >>> import numpy as np
    >>> module_spans([np.array([0, 0, 1]), np.array([0, -1, 1]), np.array([1])])
    {0: (0, 1, 2), 1: (0, 2, 1)}
    """
    counts = {}
    for layer, layer_labels in enumerate(labels):
        modules, sizes = np.unique(layer_labels[layer_labels >= 0], return_counts=True)
        for module, size in zip(modules.tolist(), sizes.tolist()):
            counts.setdefault(module, {})[layer] = size
    return {
        module: (min(per_layer), max(per_layer), max(per_layer.values()))
        for module, per_layer in sorted(counts.items())
    }


def pack_bands(spans, n_layers, gap=1.0):
    """Give every module a horizontal band that no other module shares on its layers.

    Modules are placed in id order, each as far left as the modules already
    placed on its layers allow (a skyline per layer), so that modules on
    disjoint layers can stack above one another.

    Parameters
    ----------
    spans : dict of int to tuple of int
        Module id to ``(bottom, top, width)`` (:func:`module_spans`).
    n_layers : int
        Number of layers of units.
    gap : float, default=1.0
        Free slots between neighbouring bands.

    Returns
    -------
    left : dict of int to float
        Module id to the x of the first slot of its band.
    width : float
        Number of slots across the widest layer, gaps included.

    Examples
    --------
    >>> pack_bands({0: (0, 1, 2), 1: (0, 2, 1), 2: (2, 2, 3)}, n_layers=3)
    ({0: 0.0, 1: 3.0, 2: 5.0}, 8.0)
    """
    frontier = np.zeros(n_layers)
    left = {}
    for module, (bottom, top, width) in spans.items():
        left[module] = float(frontier[bottom : top + 1].max())
        frontier[bottom : top + 1] = left[module] + width + gap
    return left, float(frontier.max() - gap) if spans else 0.0


def network_layout(masks, labels, gap=1.0):
    """Place the units of a sculpted network, each module in a band of its own.

    Layer ``l`` is drawn at height ``l``. Each module gets a band as wide as its
    widest layer (:func:`pack_bands`); in every layer its units are centred in
    the band. Inputs keep their column order; the units of every higher layer
    are ordered by the mean x of the units feeding them (the barycentre
    heuristic, which removes most edge crossings), ties by index.

    Parameters
    ----------
    masks : list of ndarray of bool
        Sculpted connectivity, ``masks[l]`` of shape ``(n_units[l], n_units[l + 1])``.
    labels : list of ndarray of int
        Module of each unit per layer (``ModuleDetector.labels_``), -1 for units
        in no module.
    gap : float, default=1.0
        Free slots between neighbouring bands.

    Returns
    -------
    layout : NetworkLayout
        Unit positions, module boxes and the width of the picture.

    Examples
    --------
    >>> import numpy as np
    >>> masks = [np.eye(2, dtype=bool), np.eye(2, dtype=bool)]
    >>> layout = network_layout(masks, [np.array([0, 1])] * 3)
    >>> layout.x[2].tolist(), layout.width
    ([0.0, 2.0], 3.0)
    """
    spans = module_spans(labels)
    left, width = pack_bands(spans, len(labels), gap)
    x = []
    for layer, layer_labels in enumerate(labels):
        if layer == 0:
            pull = np.arange(len(layer_labels), dtype=float)
        else:
            pull = _barycentres(masks[layer - 1], x[layer - 1])
        positions = np.full(len(layer_labels), np.nan)
        for module in np.unique(layer_labels[layer_labels >= 0]).tolist():
            units = np.flatnonzero(layer_labels == module)
            units = units[np.lexsort((units, np.nan_to_num(pull[units], nan=np.inf)))]
            offset = left[module] + (spans[module][2] - len(units)) / 2
            positions[units] = offset + np.arange(len(units))
        x.append(positions)
    boxes = tuple(
        ModuleBox(module, left[module], left[module] + band - 1, bottom, top)
        for module, (bottom, top, band) in spans.items()
    )
    return NetworkLayout(x=x, boxes=boxes, width=width)


def _barycentres(mask, x_below):
    """Mean x of the placed units feeding each unit of the layer above (NaN if none)."""
    feeds = mask & ~np.isnan(x_below)[:, np.newaxis]
    n_feeding = feeds.sum(axis=0)
    total = np.nan_to_num(x_below) @ feeds
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n_feeding > 0, total / n_feeding, np.nan)
