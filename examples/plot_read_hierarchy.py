"""
=========================================
Read the hierarchy: nodes, edges, GraphML
=========================================

After fitting, ``hierarchy_`` is a :class:`networkx.DiGraph` with one node per
detected module and one edge wherever sculpted edges run from one module to
another. This example fits the reused-sub-function task, where one
sub-function ``g = f_A(x0..x3)`` feeds two others, ``h1 = g AND x0`` and
``h2 = g AND x2``, and reads the module graph: node attributes, index sets,
edge weights, and export to GraphML and JSON.
"""

import json
from pathlib import Path
from tempfile import TemporaryDirectory

import matplotlib.pyplot as plt
import networkx as nx

from sksculpt import SculptingClassifier
from sksculpt.datasets import make_boolean_task
from sksculpt.detection import parse_index_set
from sksculpt.plotting import plot_hierarchy

task = make_boolean_task("reused", m=4)
clf = SculptingClassifier(
    hidden_layer_sizes=(24, 24),
    lr=0.1,
    batch_size=8,
    max_epochs=30,
    unit_prune_step=50,
    edge_prune_step=1.0,
    random_state=0,
).fit(task.data, task.target)

# %%
# Nodes and their attributes
# --------------------------
# The node key is the module id, as in ``modules_``. Attributes are scalars,
# so that any graph format can store them: ``inputs`` and ``outputs`` are
# comma-separated column indices, ``layers`` the layers the module spans,
# ``units`` its units per layer as ``"layer:i,j;layer:k"``.
hierarchy = clf.hierarchy_
print(f"{hierarchy.number_of_nodes()} modules, graph attributes {hierarchy.graph}")
for module, attributes in hierarchy.nodes(data=True):
    print(module, attributes)

# %%
# ``parse_index_set`` turns an index string back into a set of columns.
for module, inputs in hierarchy.nodes(data="inputs"):
    outputs = parse_index_set(hierarchy.nodes[module]["outputs"])
    print(f"module {module}: inputs {sorted(parse_index_set(inputs))}, outputs {sorted(outputs)}")

# %%
# Edges: which module feeds which
# -------------------------------
# ``weight`` counts the sculpted edges from units of one module to units of
# the other. Here the module of ``g`` feeds both output modules: ``g`` is
# reused.
for source, target, weight in hierarchy.edges(data="weight"):
    print(f"module {source} -> module {target}: {weight} edges")
print("modules no other module feeds:", [m for m, degree in hierarchy.in_degree() if degree == 0])

# %%
# Export
# ------
# GraphML and networkx's node-link JSON store the nodes, edges and their
# attributes unchanged (``read_graphml`` reads node keys as text unless told
# their type).
with TemporaryDirectory() as folder:
    path = Path(folder) / "hierarchy.graphml"
    nx.write_graphml(hierarchy, path)
    read_back = nx.read_graphml(path, node_type=int)
print("same nodes and attributes after GraphML:",
      nx.utils.nodes_equal(read_back.nodes(data=True), hierarchy.nodes(data=True)))
print("same edges and weights after GraphML:",
      nx.utils.edges_equal(read_back.edges(data=True), hierarchy.edges(data=True)))
print(json.dumps(nx.node_link_data(hierarchy, edges="edges"))[:160], "...")

# %%
# Draw it
# -------
plot_hierarchy(clf, true_graph=task.graph)
plt.show()
