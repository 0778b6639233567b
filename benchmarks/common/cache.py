"""The one cache of the benchmarks: one JSON result file per job, its key, and the runner that fills it."""

import hashlib
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from joblib import Parallel, delayed


def cache_key(label, configuration):
    """The file-name-safe key of a job: a readable label and a digest of everything its result depends on.

    Two jobs with the same label and another configuration get different
    keys, so a cached result is never mistaken for another configuration's.

    Parameters
    ----------
    label : str
        File-name-safe; names the job for a reader.
    configuration : dict
        JSON-serialisable; the settings the result depends on.

    Returns
    -------
    key : str
        ``<label>_<10 hex digits>``.

    Examples
    --------
    >>> cache_key("single_w24_d1_s0", dict(lr=0.1))
    'single_w24_d1_s0_f086a301fa'
    """
    digest = hashlib.sha1(json.dumps(configuration, sort_keys=True).encode()).hexdigest()[:10]
    return f"{label}_{digest}"


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


def run_cached(jobs, work, cache_dir, n_jobs=1, describe=str, progress=None, batch=None, noun="jobs",
               former_keys=None):
    """Results of all jobs: cached ones are loaded, the others run in parallel.

    Each result is saved as soon as it is done, so an interrupted run resumes
    where it stopped. The work goes through :class:`joblib.Parallel`, so the
    active joblib backend decides where it runs: ``with
    joblib.parallel_config("dask"):`` sends it to a Dask cluster.

    Parameters
    ----------
    jobs : dict of str to object
        Key of each job (see :func:`cache_key`), and the argument ``work`` takes.
    work : callable
        ``work(argument)`` returns the job's JSON-serialisable result; with
        ``batch``, ``work(arguments)`` returns the results of a list of arguments.
    cache_dir : str or path-like
        Folder of the result files; created if needed.
    n_jobs : int, default=1
        Parallel workers, as in joblib (-1: all cores).
    describe : callable, default=str
        Maps a result to the text of its progress line.
    progress : callable or None, default=None
        Called with one line of text per finished job; None prints to
        standard error.
    batch : callable or None, default=None
        Maps an argument to its batch: the pending jobs of one batch are one
        parallel task, one call of ``work``. None: every job is its own task.
    noun : str, default="jobs"
        What the jobs are, in the first progress line.
    former_keys : dict of str to str or None, default=None
        Key under which a job's result may have been cached before its key
        took its present form; read when no file has the present key.

    Returns
    -------
    results : list
        One result per job, in the order of ``jobs``.
    """
    progress = progress or (lambda line: print(line, file=sys.stderr, flush=True))
    former_keys = former_keys or {}
    results = {}
    for key in jobs:
        results[key] = load_result(cache_dir, key)
        if results[key] is None and key in former_keys:
            results[key] = load_result(cache_dir, former_keys[key])
    pending = [key for key, result in results.items() if result is None]
    progress(f"{len(jobs) - len(pending)} of {len(jobs)} {noun} cached in {cache_dir}; running {len(pending)}")
    batches = defaultdict(list)
    for key in pending:
        batches[key if batch is None else batch(jobs[key])].append(key)
    start = time.perf_counter()
    outputs = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
        delayed(_run_batch)(work, keys, [jobs[key] for key in keys], batch is not None) for keys in batches.values()
    )
    finished = ((key, result) for output in outputs for key, result in output)
    for done, (key, result) in enumerate(finished, start=1):
        save_result(cache_dir, key, result)
        results[key] = result
        progress(f"[{done}/{len(pending)}] {key}: {describe(result)} (elapsed {time.perf_counter() - start:.0f} s)")
    return [results[key] for key in jobs]


def _run_batch(work, keys, arguments, together):
    """``(key, result)`` pairs of one parallel task, so unordered parallel results can be told apart."""
    results = work(arguments) if together else [work(argument) for argument in arguments]
    return list(zip(keys, results, strict=True))
