"""
=================================================
Grid search over the pruning steps on Dask
=================================================

A :class:`~sklearn.model_selection.GridSearchCV` over the pruning steps of
:class:`~sksculpt.SculptingClassifier` runs its fits through joblib. Choosing
joblib's Dask backend sends them to a Dask cluster; nothing else changes.

This example starts a small local cluster; the documentation shows its code
without running it. To use a real one, start a
scheduler and workers on the cluster's machines (``dask scheduler`` on one,
``dask worker tcp://SCHEDULER:8786`` on the others, each with sksculpt
installed) and pass the scheduler's address: ``Client("tcp://SCHEDULER:8786")``.
"""

import warnings

from distributed import Client, LocalCluster
from joblib import parallel_config
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV

from sksculpt import SculptingClassifier, make_hierarchy_scorer
from sksculpt.datasets import make_boolean_task
from sksculpt.model_selection import CompleteTableSplit

# sphinx_gallery_thumbnail_path = "_static/quickstart_modules.png"

# %%
# The input-separable task [4, 2, 4] and a 3 x 2 grid of pruning steps. Fits
# could share a ``memory`` folder (the dense round and each unit stage then
# computed once) only where every worker reaches it, e.g. on a shared file
# system. The repository's benchmark runner avoids the question by running each
# trial's whole grid inside one worker (``python -m benchmarks.paper.run --backend
# dask``, see :ref:`results-dask`).
task = make_boolean_task("input_separable")
classifier = SculptingClassifier(
    (24, 24), lr=0.05, batch_size=8, max_epochs=10, random_state=0
)
param_grid = {"unit_prune_step": [30, 50, 65], "edge_prune_step": [1.5, 2.5]}
search = GridSearchCV(
    classifier, param_grid, scoring=make_hierarchy_scorer(task.graph),
    cv=CompleteTableSplit(), n_jobs=-1,
)

# %%
# Run the search on the cluster: the only change is the joblib backend.
if __name__ == "__main__":
    warnings.simplefilter("ignore", ConvergenceWarning)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster),
        parallel_config(backend="dask"),
    ):
        search.fit(task.data, task.target)
    print("best P_u / P_e:", search.best_params_)
    print("hierarchy match score:", search.best_score_)
    modules = search.best_estimator_.modules_
    print("modules found:", [(sorted(m.inputs), sorted(m.outputs)) for m in modules])
