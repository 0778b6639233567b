"""Modules of a sculpted network and the module graph (hierarchy)."""

from dataclasses import dataclass, field

import networkx as nx
import numpy as np


@dataclass(frozen=True)
class Module:
    """A module found by module detection: a group of units spanning layers.

    Parameters
    ----------
    id : int
        Module id, its node key in ``hierarchy_``.
    units : dict of int to tuple of int
        Layer index (0 = inputs) to the sorted unit indices the module holds there;
        only the layers it spans appear.
    inputs : frozenset of int
        Input columns held (its units of layer 0).
    outputs : frozenset of int
        Output columns held (its units of the output layer).
    support : float or None, default=None
        Share of a search's independent runs that find the same module (see
        :func:`~sksculpt.model_selection.structure_support`); set on the
        ``modules_`` of :class:`~sksculpt.SculptingClassifierCV`, None
        elsewhere. Not compared: a module is the same with or without it.
    input_names, output_names : tuple of str or None, default=None
        The names of the inputs and outputs held, in column order, where the
        data named them (a DataFrame's columns, class labels; see
        :func:`~sksculpt.detection.name_modules`); None where they did not.
        Not compared.
    """

    id: int
    units: dict = field(hash=False)
    inputs: frozenset
    outputs: frozenset
    support: float | None = field(default=None, compare=False)
    input_names: tuple | None = field(default=None, compare=False)
    output_names: tuple | None = field(default=None, compare=False)

    @property
    def layers(self):
        """Sorted tuple of the layers the module spans."""
        return tuple(sorted(self.units))

    @property
    def n_units(self):
        """Number of units held, over all layers."""
        return sum(len(indices) for indices in self.units.values())


def modules_from_labels(labels):
    """Collect the modules described by per-layer module labels.

    Parameters
    ----------
    labels : list of ndarray of int
        Module of each unit per layer (inputs first, outputs last), -1 for units
        in no module; ids run ``0 .. n_modules - 1``.

    Returns
    -------
    modules : list of Module
        Ordered by id.

    Examples
    --------
    >>> import numpy as np
    >>> modules_from_labels([np.array([0, -1]), np.array([0])])[0].units
    {0: (0,), 1: (0,)}
    """
    n_modules = max(int(layer_labels.max()) for layer_labels in labels) + 1
    units = [{} for _ in range(n_modules)]
    for layer, layer_labels in enumerate(labels):
        for module in np.unique(layer_labels[layer_labels >= 0]):
            held = np.flatnonzero(layer_labels == module)
            units[module][layer] = tuple(int(index) for index in held)
    output_layer = len(labels) - 1
    return [
        Module(
            id=module,
            units=held,
            inputs=frozenset(held.get(0, ())),
            outputs=frozenset(held.get(output_layer, ())),
        )
        for module, held in enumerate(units)
    ]


def hierarchy_graph(modules, edge_counts, n_inputs, n_outputs):
    """The module graph: a node per module, an edge where sculpted edges run.

    Parameters
    ----------
    modules : list of Module
        Ordered by id.
    edge_counts : ndarray of shape (n_modules, n_modules), int
        ``edge_counts[a, b]`` = surviving edges from units of module ``a`` to units
        of module ``b`` (``ModuleDetector.transform``).
    n_inputs, n_outputs : int
        Numbers of input features and outputs of the network.

    Returns
    -------
    graph : networkx.DiGraph
        Node key = module id, with the attributes of its :class:`Module`:
        ``inputs`` and ``outputs`` (frozensets of column indices), ``layers``
        (sorted tuple of layer indices), ``units`` (dict of layer to sorted
        tuple of unit indices) and ``n_units``. One edge per ordered pair of
        distinct modules joined by edges, with integer ``weight`` = their
        number. Graph attributes ``n_inputs`` and ``n_outputs``.
        :func:`write_graphml` saves it.
    """
    graph = nx.DiGraph(n_inputs=int(n_inputs), n_outputs=int(n_outputs))
    for module in modules:
        graph.add_node(
            module.id,
            inputs=module.inputs,
            outputs=module.outputs,
            layers=module.layers,
            units=dict(module.units),
            n_units=module.n_units,
        )
    for source, target in zip(*np.nonzero(edge_counts)):
        if source != target:
            graph.add_edge(int(source), int(target), weight=int(edge_counts[source, target]))
    return graph
