"""Hand-made module graphs for the tests."""

import networkx as nx


def module_graph(modules, edges=()):
    """A module graph in the ``hierarchy_`` format; module i holds (inputs, outputs) ``modules[i]``."""
    graph = nx.DiGraph()
    for module, (held_inputs, held_outputs) in enumerate(modules):
        graph.add_node(module, inputs=frozenset(held_inputs), outputs=frozenset(held_outputs))
    graph.add_edges_from(edges, weight=1)
    return graph
