"""The paper-protocol runner on a Dask cluster gives the results of the default backend."""

import pytest
from joblib import parallel_config

distributed = pytest.importorskip("distributed")

from benchmarks.common.grid import Grid
from benchmarks.paper.protocol import Trial
from benchmarks.paper.runner import run_trials

pytestmark = pytest.mark.slow  # a local cluster of two worker processes


@pytest.fixture(scope="module")
def dask_client(tmp_path_factory):
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        local_directory=str(tmp_path_factory.mktemp("dask")),
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def test_paper_runner_on_dask_equals_the_default_backend(dask_client, tmp_path):
    trials = [Trial("input_separable", 24, 1, seed) for seed in (0, 1)]
    grid = Grid(unit_steps=(65.0,), edge_steps=(2.5,))
    local = run_trials(trials, grid, tmp_path / "local", progress=lambda line: None)
    with parallel_config(backend="dask"):
        remote = run_trials(trials, grid, tmp_path / "dask", n_jobs=-1, progress=lambda line: None)
    for mine, theirs in zip(remote, local):
        assert mine["trial"] == theirs["trial"]
        assert [{**p, "seconds": 0} for p in mine["points"]] == [{**p, "seconds": 0} for p in theirs["points"]]
