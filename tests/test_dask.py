"""Grid searches on a Dask cluster through joblib's Dask backend give the results of the default backend."""

import numpy as np
import pytest
from joblib import parallel_config
from sklearn.model_selection import GridSearchCV

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a local cluster of two worker processes

from sksculpt import SculptingClassifier, make_hierarchy_scorer
from sksculpt.datasets import make_boolean_task
from sksculpt.model_selection import CompleteTableSplit

GRID = {"unit_prune_step": [30, 65], "edge_prune_step": [2.5]}
SMALL_NET = dict(hidden_layer_sizes=(24,), lr=0.05, batch_size=8, max_epochs=15, random_state=0)


@pytest.fixture(scope="module")
def dask_client(tmp_path_factory):
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        local_directory=str(tmp_path_factory.mktemp("dask")),
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def grid_search(task, n_jobs):
    search = GridSearchCV(
        SculptingClassifier(**SMALL_NET), GRID, scoring=make_hierarchy_scorer(task.graph),
        cv=CompleteTableSplit(), n_jobs=n_jobs,
    )
    return search.fit(task.data, task.target)


def test_grid_search_on_dask_equals_the_default_backend(dask_client):
    task = make_boolean_task("input_separable")
    local = grid_search(task, n_jobs=None)
    with parallel_config(backend="dask"):
        remote = grid_search(task, n_jobs=2)
    assert remote.best_params_ == local.best_params_
    np.testing.assert_array_equal(remote.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"])
    for mask, expected in zip(remote.best_estimator_.masks_, local.best_estimator_.masks_):
        np.testing.assert_array_equal(mask, expected)
