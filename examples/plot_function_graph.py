"""
========================================================
Define your own task: a function graph, sculpted, scored
========================================================

:class:`~sksculpt.datasets.FunctionGraph` declares a Boolean task by its
sub-functions. Its complete truth table trains a
:class:`~sksculpt.SculptingClassifier`, and its function graph tells
:func:`~sksculpt.hierarchy_match_score` what a right detection looks like.

The task below has three input-separable sub-functions of two inputs each,
``a``, ``b`` and ``c``, and two sub-functions above them that both reuse
``b``: ``d`` (given by its truth table) and ``e``. Each of ``d`` and ``e``
is copied to one output and negated to another.
"""

import matplotlib.pyplot as plt

from sksculpt import SculptingClassifier, hierarchy_match_score
from sksculpt.datasets import FunctionGraph
from sksculpt.plotting import plot_hierarchy, plot_modules

# sphinx_gallery_thumbnail_number = 2

# %%
# Declare the task
# ----------------
# Operands are declared before the nodes that read them. An op is a gate name
# (``"and"``, ``"or"``, ``"xor"``, ``"not"``, ``"identity"``) or a truth
# table listing the value for each row of operand values in binary counting
# order (``d`` is 1 on ``(a, b)`` = 01 and 10: an XOR).
graph = FunctionGraph(6, name="shared_b")
graph.add_function("a", "xor", ["x0", "x1"])
graph.add_function("b", "and", ["x2", "x3"])
graph.add_function("c", "or", ["x4", "x5"])
graph.add_function("d", [0, 1, 1, 0], ["a", "b"])
graph.add_function("e", "and", ["b", "c"])
for node in ("d", "e"):
    graph.add_output("identity", node)
    graph.add_output("not", node)

print(graph.describe())
print("modularity list:", graph.modularity())

# %%
# Sculpt on the truth table
# -------------------------
X, Y = graph.truth_table()
clf = SculptingClassifier(
    hidden_layer_sizes=(24, 24),
    lr=0.05,
    batch_size=16,
    max_epochs=15,
    unit_prune_step=50,
    edge_prune_step=2.0,
    random_state=0,
).fit(X, Y)
print(f"{len(X)} rows, accuracy {clf.score(X, Y):.2f}, weights left {clf.density_:.2%}")

# %%
# Score the detection
# -------------------
# ``to_networkx`` gives the true function graph. A right detection has a
# module per separable sub-function holding its two inputs, one module for
# ``d`` and its outputs fed by the modules of ``a`` and ``b``, and one for
# ``e`` fed by those of ``b`` and ``c``.
true_graph = graph.to_networkx()
print(f"hierarchy match score: {hierarchy_match_score(true_graph, clf):.2f}")

# %%
# See it
# ------
plot_hierarchy(clf, true_graph=true_graph)
plt.show()

# %%
plot_modules(clf)
plt.show()
