"""
=========================================
Tabular data: wine in a Pipeline, by name
=========================================

Truth tables are the method's home ground; a table of measurements is what
most researchers bring. This example sculpts scikit-learn's wine data (13
chemical measurements of 178 wines from 3 cultivars) as a DataFrame, in a
:class:`~sklearn.pipeline.Pipeline` behind a
:class:`~sklearn.preprocessing.StandardScaler`, with every parameter of
:class:`~sksculpt.SculptingClassifier` at its default, and reads the modules
by the names of the columns and the cultivars.
"""

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksculpt import SculptingClassifier
from sksculpt.plotting import plot_hierarchy, plot_modules, plot_sculpt_history

wine = load_wine(as_frame=True)
X = wine.data
y = wine.target.map(dict(enumerate(["barolo", "grignolino", "barbera"])))
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

# %%
# Fit with the defaults
# ---------------------
# ``set_output(transform="pandas")`` makes the scaler hand on a DataFrame, so
# the classifier sees the column names: its ``feature_names_in_``, and the
# names in its modules, module graph and pictures. (Without it, the plots of
# a Pipeline still take the names from the scaler's ``get_feature_names_out``.)
pipe = make_pipeline(StandardScaler(), SculptingClassifier(random_state=0)).set_output(transform="pandas")
pipe.fit(X_train, y_train)
clf = pipe[-1]
mlp = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(24, 24), max_iter=1000, random_state=0))
mlp.fit(X_train, y_train)
print(f"test accuracy {pipe.score(X_test, y_test):.3f} (MLPClassifier (24, 24): {mlp.score(X_test, y_test):.3f}); "
      f"{100 * clf.density_:.1f} % of the weights left after {clf.n_iter_} epochs")

# %%
# What the defaults chose
# -----------------------
# The data are a sample, not a complete truth table, so no network has to get
# every training example right. A pruning step is accepted unless its
# decisions on the check data are significantly worse than the dense
# network's (a paired test at ``acceptance_alpha=0.5``): there is no single
# accuracy bar, hence the NaN. With fewer than 1,000 samples the check data
# are the training data (a held-out fifth would be 28 wines), and Adam keeps
# the paper's learning rate of 0.05.
print("bar:", clf.acceptance_threshold_, "| steps accepted:",
      sum(record.accepted for record in clf.sculpt_history_), "of", len(clf.sculpt_history_))
history = pd.DataFrame(clf.sculpt_history_)
print(history.groupby("stage")[["accepted"]].sum().T)

# %%
# The modules, by name
# --------------------
# Each module holds integer ``inputs`` and ``outputs`` (column indices, as
# before) and, since the data named them, ``input_names`` and
# ``output_names``.
for module in clf.modules_:
    print(f"M{module.id}: {', '.join(module.input_names) or '-'}  ->  {', '.join(module.output_names) or '-'}")

# %%
# A module that holds an output and reads nothing is the softmax's spare
# output: of three class scores only two differences matter, and pruning can
# leave one class's score a constant, chosen where the other two score low.
# Two classes get a single output for that reason (as
# :class:`~sklearn.neural_network.MLPClassifier` has), so a binary task shows
# no such module.
#
# The pictures write the names too: the measurements under the inputs, the
# cultivars over the outputs, and both in the boxes of the module graph.
fig, ax = plt.subplots(figsize=(8, 5.5), layout="constrained")
plot_modules(pipe, ax=ax)

# %%
plot_hierarchy(pipe)

# %%
# Every step of sculpting: the check accuracy on the training data, and the
# density kept.
plot_sculpt_history(pipe)
plt.show()
