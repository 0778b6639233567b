"""Run independent jobs in parallel through joblib, one JSON result file per job."""

import json
import os
import sys
import time
from pathlib import Path

from joblib import Parallel, delayed


def load_result(cache_dir, key):
    """The cached result of a job, or None when it has not finished yet."""
    path = Path(cache_dir) / f"{key}.json"
    return json.loads(path.read_text()) if path.exists() else None


def save_result(cache_dir, key, result):
    """Write a job's result atomically, so an interrupted write leaves no partial file."""
    path = Path(cache_dir) / f"{key}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(result))
    os.replace(partial, path)


def run_cached(jobs, work, cache_dir, n_jobs=1, describe=str, progress=None):
    """Results of all jobs: cached ones are loaded, the others run in parallel.

    Each result is saved as soon as it is done, so an interrupted run resumes
    where it stopped. The active joblib backend decides where the work runs.

    Parameters
    ----------
    jobs : dict of str to object
        File-name-safe key of each job, and the argument ``work`` takes.
    work : callable
        ``work(argument)`` returns the job's JSON-serialisable result.
    cache_dir : str or path-like
        Folder of the result files; created if needed.
    n_jobs : int, default=1
        Parallel workers, as in joblib.
    describe : callable, default=str
        Maps a result to the text of its progress line.
    progress : callable or None, default=None
        Called with one line of text per finished job; None prints to
        standard error.

    Returns
    -------
    results : list
        One result per job, in the order of ``jobs``.
    """
    progress = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    results = {key: load_result(cache_dir, key) for key in jobs}
    pending = [key for key, result in results.items() if result is None]
    progress(f"{len(jobs) - len(pending)} of {len(jobs)} jobs cached in {cache_dir}; running {len(pending)}")
    start = time.perf_counter()
    outputs = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
        delayed(_keyed)(work, key, jobs[key]) for key in pending
    )
    for done, (key, result) in enumerate(outputs, start=1):
        save_result(cache_dir, key, result)
        results[key] = result
        progress(f"[{done}/{len(pending)}] {key}: {describe(result)} (elapsed {time.perf_counter() - start:.0f} s)")
    return [results[key] for key in jobs]


def _keyed(work, key, argument):
    """``(key, work(argument))``, so unordered parallel results can be told apart."""
    return key, work(argument)
