"""Tasks with a known hierarchically modular structure.

Boolean tasks come as complete truth tables with their true function graph;
digit-image tasks put two digits side by side. Every task's ``graph`` is a
:class:`networkx.DiGraph` in sksculpt's true-graph format (see
:meth:`FunctionGraph.to_networkx`).
"""

from ._boolean import make_boolean_task
from ._digits import load_two_digits
from ._function_graph import FunctionGraph
from ._idx import read_idx
from ._random import make_random_hierarchical_task

__all__ = [
    "FunctionGraph",
    "load_two_digits",
    "make_boolean_task",
    "make_random_hierarchical_task",
    "read_idx",
]
