"""
====================================================
Finding the structure of your own task without truth
====================================================

A user who sculpts a network to learn a task's structure does not know that
structure, so nothing can score the candidates of a :math:`(P_u, P_e)` grid
against it. :class:`~sksculpt.SculptingClassifierCV` chooses without it: it
sculpts every point of the grid (and, with ``n_seeds``, every point again from
other seeds), detects the modules of each network, and keeps the network whose
structure recurs (the ``"relay_free_vote"`` rule). Only at the end does this example
compare the pick with the function graph it declared.
"""

import matplotlib.pyplot as plt

from sksculpt import SculptingClassifierCV, hierarchy_match_score
from sksculpt.datasets import FunctionGraph
from sksculpt.plotting import plot_hierarchy, plot_modules

# sphinx_gallery_thumbnail_number = 2

# %%
# A task of your own
# ------------------
# Three sub-functions of two inputs each; each is copied to one output and
# negated to another. The search below is never shown this graph.
graph = FunctionGraph(6, name="three_pairs")
graph.add_function("a", "xor", ["x0", "x1"])
graph.add_function("b", "and", ["x2", "x3"])
graph.add_function("c", "or", ["x4", "x5"])
for node in ("a", "b", "c"):
    graph.add_output("identity", node)
    graph.add_output("not", node)
X, Y = graph.truth_table()

# %%
# Sculpt the paper's grid from four seeds, and choose
# ---------------------------------------------------
# 14 values of P_u times 5 of P_e, from ``random_state=0`` and three more
# seeds: 280 networks, trained together.
search = SculptingClassifierCV(
    hidden_layer_sizes=(24, 24), lr=0.05, batch_size=16, max_epochs=10,
    random_state=0,
).fit(X, Y)
print(f"chosen: P_u = {search.unit_prune_step_:g}, "
      f"P_e = {search.edge_prune_step_:g}, "
      f"{search.density_:.2%} of the weights left")
for module in search.modules_:
    inputs, outputs = sorted(module.inputs), sorted(module.outputs)
    print(f"module {module.id}: inputs {inputs}, outputs {outputs}")

# %%
# How often each structure came out
# ---------------------------------
# ``cv_results_`` holds one row per network. Some accurate networks keep a
# path from an input to an output that never changes with it
# (``spurious_paths``): their module graphs show a dependence the task does
# not have, so the rules pass over them. Counting the structures of the
# other accurate networks shows why the pick is trusted.
from collections import Counter

results = search.cv_results_
accurate = results["accurate"]
candidates = accurate & (results["spurious_paths"] == 0)
print(f"{accurate.sum()} accurate networks, {candidates.sum()} without spurious paths")
counts = Counter(results["structure"][candidates])
for structure, count in counts.most_common(3):
    print(f"{count:3d} networks: {structure}")
print(f"chosen: {results['structure'][search.best_index_]}")

# %%
# Only now, the truth
# -------------------
true_graph = graph.to_networkx()
score = hierarchy_match_score(true_graph, search)
print(f"hierarchy match score of the pick: {score:.2f}")
plot_hierarchy(search.best_estimator_, true_graph=true_graph)
plt.show()

# %%
# The picked network, drawn unit by unit, each module in its colour.
plot_modules(search.best_estimator_)
plt.show()
