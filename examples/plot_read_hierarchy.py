"""
=========================================
Read the hierarchy: nodes, edges, GraphML
=========================================

After fitting, ``hierarchy_`` is a :class:`networkx.DiGraph` with one node per
detected module and one edge wherever sculpted edges run from one module to
another. This example fits the reused-sub-function task, where one
sub-function ``g = f_A(x0..x3)`` feeds two others, ``h1 = g AND x0`` and
``h2 = g AND x2``, and reads the module graph: node attributes, index sets,
edge weights, and export to GraphML.
"""

from pathlib import Path
from tempfile import TemporaryDirectory

import matplotlib.pyplot as plt
import networkx as nx

from sksculpt import SculptingClassifier
from sksculpt.datasets import make_boolean_task
from sksculpt.detection import read_graphml, write_graphml
from sksculpt.plotting import plot_hierarchy, plot_modules

# sphinx_gallery_thumbnail_number = 2

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
# The node key is the module id, as in ``modules_``. The attributes are those
# of the module: ``inputs`` and ``outputs`` are frozensets of column indices,
# ``layers`` the layers the module spans, ``units`` its units per layer.
hierarchy = clf.hierarchy_
print(f"{hierarchy.number_of_nodes()} modules, graph attributes {hierarchy.graph}")
for module, attributes in hierarchy.nodes(data=True):
    print(module, attributes)

# %%
# The index sets are plain sets: combine them as sets.
for module, inputs in hierarchy.nodes(data="inputs"):
    outputs = hierarchy.nodes[module]["outputs"]
    print(f"module {module}: inputs {sorted(inputs)}, outputs {sorted(outputs)}")
held = set().union(*(inputs for _, inputs in hierarchy.nodes(data="inputs")))
print("inputs held by some module:", sorted(held))

# %%
# Edges: which module feeds which
# -------------------------------
# ``weight`` counts the sculpted edges from units of one module to units of
# the other. Here the module of ``g`` feeds both output modules: ``g`` is
# reused.
for source, target, weight in hierarchy.edges(data="weight"):
    print(f"module {source} -> module {target}: {weight} edges")
sources = [module for module, degree in hierarchy.in_degree() if degree == 0]
print("modules no other module feeds:", sources)

# %%
# Export
# ------
# GraphML holds only scalar attributes: ``write_graphml`` stores the index
# sets as text such as ``"0,1"`` and ``read_graphml`` turns them back.
with TemporaryDirectory() as folder:
    path = Path(folder) / "hierarchy.graphml"
    write_graphml(hierarchy, path)
    read_back = read_graphml(path)
print("same nodes and attributes after GraphML:",
      nx.utils.nodes_equal(read_back.nodes(data=True), hierarchy.nodes(data=True)))
print("same edges and weights after GraphML:",
      nx.utils.edges_equal(read_back.edges(data=True), hierarchy.edges(data=True)))

# %%
# Draw it
# -------
plot_hierarchy(clf, true_graph=task.graph)
plt.show()

# %%
# The same modules in the sculpted network: each box of the module graph is
# one coloured box here, holding its units; grey edges join two modules.
plot_modules(clf)
plt.show()
