"""Run many trials in parallel through joblib, caching each finished trial on disk."""

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from joblib import Parallel, delayed

from ._selection import add_spurious_paths
from ._trial import sculpt_trials


def trial_path(cache_dir, trial, grid):
    """The cache file of one trial: ``cache_dir / <trial key>.json``."""
    return Path(cache_dir) / f"{trial.key(grid)}.json"


def load_cached(cache_dir, trial, grid):
    """The cached result of a trial (its points' ``spurious_paths`` set), or None when it has not finished yet."""
    path = trial_path(cache_dir, trial, grid)
    return add_spurious_paths(json.loads(path.read_text())) if path.exists() else None


def save_result(cache_dir, trial, grid, result):
    """Write a trial's result atomically, so an interrupted write leaves no partial file."""
    path = trial_path(cache_dir, trial, grid)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(result))
    os.replace(partial, path)


def run_trials(trials, grid, cache_dir, n_jobs=1, progress=None):
    """Results of all trials: cached ones are loaded, the others run in parallel.

    Architectures, not grid points, are the parallel tasks: the trials of one
    task and architecture (their seeds) train as one stacked program, whose
    points share their dense and unit stages. Each trial is saved as soon as it finishes, so an
    interrupted run resumes where it stopped.

    The work goes through :class:`joblib.Parallel`, so the active joblib
    backend decides where it runs: ``with joblib.parallel_config("dask"):``
    sends it to a Dask cluster with no other change.

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
        One :func:`sculpt_grid` result per trial, in the order of ``trials``.
    """
    progress = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    results = {trial: load_cached(cache_dir, trial, grid) for trial in trials}
    pending = [trial for trial in trials if results[trial] is None]
    progress(f"{len(trials) - len(pending)} of {len(trials)} trials cached in {cache_dir}; running {len(pending)}")
    start = time.perf_counter()
    architectures = defaultdict(list)
    for trial in pending:
        architectures[trial.task, trial.width, trial.depth].append(trial)
    outputs = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
        delayed(_run_group)(group, grid) for group in architectures.values()
    )
    finished = ((trial, result) for group in outputs for trial, result in group)
    for done, (trial, result) in enumerate(finished, start=1):
        results[trial] = add_spurious_paths(result)
        save_result(cache_dir, trial, grid, result)
        best = max(point["score"] for point in result["points"])
        progress(
            f"[{done}/{len(pending)}] {trial.key(grid)}: best score {best:.3f}, "
            f"{result['seconds']:.1f} s (elapsed {time.perf_counter() - start:.0f} s)"
        )
    return [results[trial] for trial in trials]


def _run_group(trials, grid):
    """``(trial, result)`` pairs of trials that differ only in seed, sculpted as one program."""
    return list(zip(trials, sculpt_trials(trials, grid), strict=True))
