"""
=====================================================
Quick start: sculpt a network and see its two modules
=====================================================

The input-separable Boolean task has two independent sub-functions,
``g1 = XOR(x0, x1)`` and ``g2 = XOR(x2, x3)``, each copied to one output and
negated to another. A sculpted network should split into two modules, one per
sub-function. This script sculpts MLPs on the task's truth table over the
paper's grid of pruning steps, lets :class:`~sksculpt.SculptingClassifierCV`
choose one network without being told the task's structure, prints the
modules it finds and how well they match the task, and saves a picture of the
sculpted network.

Run it from the repository root; the picture goes to the path given as the
first argument (by default ``quickstart_modules.png`` in the current
directory)::

    python examples/plot_quickstart.py
    python examples/plot_quickstart.py docs/_static/quickstart_modules.png
"""

import sys

import matplotlib.pyplot as plt

from sksculpt import SculptingClassifierCV, hierarchy_match_score
from sksculpt.datasets import make_boolean_task
from sksculpt.plotting import plot_hierarchy, plot_modules

# %%
# The task
# --------
# ``make_boolean_task`` returns the complete truth table (``data``, ``target``)
# and the true function graph (``graph``) of one of the paper's tasks.
task = make_boolean_task("input_separable")
print(task.data.shape, task.target.shape)

# %%
# Sculpt
# ------
# Sculpting trains a dense MLP of two hidden layers of 24 units, prunes hidden
# units in steps of P_u percent and then edges in steps of P_e percent,
# retraining after every step and keeping only steps after which every output
# bit is still right; it then detects the modules of what survives. Which
# steps work depends on the task and the seed, so ``fit`` sculpts all 70
# pairs of the paper's grid (trained together, in one program) and keeps the
# network whose structure most of them agree on.
clf = SculptingClassifierCV(
    hidden_layer_sizes=(24, 24),
    lr=0.05,
    batch_size=8,
    max_epochs=10,
    random_state=0,
)
clf.fit(task.data, task.target)
print(f"chosen P_u = {clf.unit_prune_step_:g} %, P_e = {clf.edge_prune_step_:g} %")
accuracy = clf.score(task.data, task.target)
print(f"accuracy {accuracy:.2f}, weights left {clf.density_:.2%}")

# %%
# The modules
# -----------
# Each module holds some input columns and some output columns. A perfect
# detection of this task finds ``{0, 1} -> {0, 1}`` and ``{2, 3} -> {2, 3}``,
# and scores 1.0.
for module in clf.modules_:
    inputs, outputs = sorted(module.inputs), sorted(module.outputs)
    print(f"module {module.id}: inputs {inputs} -> outputs {outputs}")
print(f"hierarchy match score: {hierarchy_match_score(task.graph, clf):.2f}")

# %%
# The sculpted network
# --------------------
# Layers go from the inputs (bottom) to the outputs (top); only units on a
# surviving input-to-output path are drawn, each module in its own colour and
# box.
ax = plot_modules(clf.best_estimator_)
figure_path = sys.argv[1] if len(sys.argv) > 1 else "quickstart_modules.png"
ax.figure.savefig(figure_path, dpi=150)
plt.show()

# %%
# The module graph next to the task's
# -----------------------------------
# On the left, the modules the task's function graph predicts, named after
# its sub-functions; on the right, the detected ones. With no edge between
# them, the two sub-functions are input-separable and not reused.
plot_hierarchy(clf.best_estimator_, true_graph=task.graph)
plt.show()
