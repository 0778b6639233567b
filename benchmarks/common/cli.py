"""Command-line options shared by the benchmark scripts, and the joblib backend their runs use."""

import contextlib
import json

import joblib

from .facts import PAPER_EDGE_STEPS, PAPER_UNIT_STEPS


def add_grid_options(parser, unit_steps=PAPER_UNIT_STEPS, edge_steps=PAPER_EDGE_STEPS):
    """Options --unit-steps and --edge-steps: the P_u x P_e grid of every trial."""
    parser.add_argument("--unit-steps", type=float, nargs="+", default=list(unit_steps), help="P_u grid")
    parser.add_argument("--edge-steps", type=float, nargs="+", default=list(edge_steps), help="P_e grid")


def add_execution_options(parser, cache_dir):
    """Options for where trials run and where their results are kept."""
    parser.add_argument("--n-jobs", type=int, default=1, help="parallel trials (joblib n_jobs)")
    parser.add_argument("--cache-dir", default=cache_dir, help="one result file per trial")
    parser.add_argument("--backend", default="loky", choices=["loky", "threading", "dask"])
    parser.add_argument("--scheduler", default=None,
                        help="with --backend dask: scheduler address; none starts a local cluster")


@contextlib.contextmanager
def parallel_backend(backend, scheduler=None, n_workers=None):
    """Make ``backend`` joblib's active backend; for "dask", connect to (or start) a cluster.

    Parameters
    ----------
    backend : {"loky", "threading", "dask"}
    scheduler : str or None, default=None
        Address of a running Dask scheduler; None starts a local cluster of
        ``n_workers`` single-threaded worker processes.
    n_workers : int or None, default=None
        Workers of the local cluster (None: Dask's default).
    """
    with contextlib.ExitStack() as stack:
        if backend == "dask":
            from distributed import Client, LocalCluster

            if scheduler is None:
                scheduler = stack.enter_context(
                    LocalCluster(n_workers=n_workers, threads_per_worker=1, dashboard_address=None)
                )
            stack.enter_context(Client(scheduler))
        stack.enter_context(joblib.parallel_config(backend=backend))
        yield


@contextlib.contextmanager
def execution(args):
    """The backend of the options of :func:`add_execution_options`; yields the ``n_jobs`` for the runner.

    On Dask every worker of the cluster takes jobs (``n_jobs=-1``); a local
    cluster has ``--n-jobs`` workers.
    """
    with parallel_backend(args.backend, args.scheduler, args.n_jobs if args.n_jobs > 0 else None):
        yield -1 if args.backend == "dask" else args.n_jobs


def add_summary_option(parser):
    """Option --summary: a file the script writes its summary to, as JSON (see :func:`write_summary`)."""
    parser.add_argument("--summary", default=None, help="write the summary as JSON to this file")


def write_summary(path, summary):
    """Write a script's summary as JSON to ``path`` (the --summary option); nothing when ``path`` is None."""
    if path:
        with open(path, "w") as file:
            json.dump(summary, file, indent=1)
