"""Module detection: the network analysis of Neural Sculpting.

:class:`~sksculpt.ModuleDetector` finds the modules of sculpted connectivity and the
module graph between them; :class:`~sksculpt.detection.Module` is one of its ``modules_``;
:func:`~sksculpt.detection.write_graphml` and :func:`~sksculpt.detection.read_graphml` save and load a module graph;
:func:`~sksculpt.detection.name_modules` adds the names of inputs and outputs to modules and graph.
Each step of the method is a pure function in a private module of this
subpackage, named after its concept (``_reachability``, ``_clustering``,
``_clusterability``, ``_merging``, ...).
"""

from ._cleanup import remove_dead_units
from ._detector import ModuleDetector
from ._graphml import read_graphml, write_graphml
from ._modules import Module
from ._names import name_graph, name_modules

__all__ = [
    "Module",
    "ModuleDetector",
    "name_graph",
    "name_modules",
    "read_graphml",
    "remove_dead_units",
    "write_graphml",
]
