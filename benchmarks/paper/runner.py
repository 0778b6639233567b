"""Run many trials of the protocol in parallel through joblib, caching each finished trial on disk."""

from functools import partial

from ..common.cache import load_result, run_cached
from ..common.cli import execution
from ..common.selection import add_spurious_paths
from .trial import sculpt_trials


def load_cached(cache_dir, trial, grid):
    """The cached result of a trial (its points' ``spurious_paths`` set), or None when it has not finished yet."""
    result = load_result(cache_dir, trial.key(grid))
    return None if result is None else add_spurious_paths(result)


def describe(result):
    """Progress text of a finished trial."""
    return f"best score {max(point['score'] for point in result['points']):.3f}, {result['seconds']:.1f} s"


def architecture(trial):
    """Trials with the same task and architecture: their seeds train as one stacked program."""
    return trial.task, trial.width, trial.depth


def run_trials(trials, grid, cache_dir, n_jobs=1, progress=None):
    """Results of all trials: cached ones are loaded, the others run in parallel.

    Architectures, not grid points, are the parallel tasks: the trials of one
    task and architecture (their seeds) train as one stacked program, whose
    points share their dense and unit stages. Each trial is saved as soon as it
    finishes, so an interrupted run resumes where it stopped (see
    :func:`~benchmarks.common.cache.run_cached`, which also says how to send
    the work to a Dask cluster).

    Parameters
    ----------
    trials : list of Trial
    grid : Grid
    cache_dir : str or path-like
        Folder of the per-trial result files; created if needed.
    n_jobs : int, default=1
        Parallel workers, as in joblib (-1: all cores).
    progress : callable or None, default=None
        Called with one line of text per trial as it is loaded or finished;
        None prints to standard error.

    Returns
    -------
    results : list of dict
        One :func:`~benchmarks.paper.trial.sculpt_trials` result per trial, in the order of ``trials``.
    """
    results = run_cached(
        {trial.key(grid): trial for trial in trials}, partial(sculpt_trials, grid=grid), cache_dir, n_jobs=n_jobs,
        describe=describe, progress=progress, batch=architecture, noun="trials",
    )
    return [add_spurious_paths(result) for result in results]


def run_protocol(trials, grid, args):
    """:func:`run_trials` with a script's execution options (:func:`~benchmarks.common.cli.add_execution_options`)."""
    with execution(args) as n_jobs:
        return run_trials(trials, grid, args.cache_dir, n_jobs=n_jobs)
