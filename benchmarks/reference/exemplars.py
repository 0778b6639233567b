"""Refit the poster's 16 exemplar nets at their own settings with several seeds.

Each exemplar of :data:`~benchmarks._reference_report.POSTER_EXEMPLARS` is a row of
``data/reference_trials.csv``: its task, architecture, lr, batch size, epochs per
round, detection step size and the authors' P_u / P_e. Here the row is sculpted
again with each of ``--seeds`` in place of its seed (everything else unchanged),
and per exemplar the script prints, per seed, the hierarchy match score, the
density and the detected structure (:func:`~benchmarks._reference_report.structure_of`),
and whether some seed scores 1.0. With ``--reference-results`` (the ``results/``
folder of a copy of the reference repository) the structure of the authors' own
net of the exemplar is printed beside them, and the seeds whose net shows that
same structure are counted.

Fits are cached one file per (row, seed) under ``<cache-dir>/picked``, the cache of
``python -m benchmarks.reference --mode picked``: a fit at a seed the authors ran
with the same pick is the same fit there.

    python -m benchmarks.exemplars --reference-results ../Neural-Sculpting/results

``--reading paper`` scores the depth exemplars as the reference's depth figure
counts them (:mod:`benchmarks._readings`).
"""

import argparse
import dataclasses
import json
import time

from ._cache import run_cached
from ._readings import READINGS, rescore
from ._reference import read_reference_rows
from ._reference_masks import detect_authors_net
from ._reference_report import POSTER_EXEMPLARS, structure_of
from ._reference_trial import fit_picked
from .reference import describe_picked

#: The seeds of the reference's trials.
SEEDS = (0, 1, 2, 5)


def exemplar_row(rows, exemplar):
    """The one row of ``rows`` with the exemplar's task, architecture, seed and P_u / P_e.

    Raises
    ------
    ValueError
        If no row or more than one matches.
    """
    matches = [
        row for row in rows
        if (row.trial.task, row.trial.hidden_layer_sizes, row.trial.seed, row.unit_prune_step,
            row.edge_prune_step) == (exemplar.task, exemplar.hidden_layer_sizes, exemplar.seed,
                                     exemplar.unit_prune_step, exemplar.edge_prune_step)
    ]
    if len(matches) != 1:
        raise ValueError(f"{len(matches)} rows match the exemplar {exemplar}; expected 1.")
    return matches[0]


def reseeded(row, seed):
    """The row with its trial's seed replaced (settings and pick unchanged)."""
    return dataclasses.replace(row, trial=dataclasses.replace(row.trial, seed=seed))


def summarise_seeds(exemplar, results, authors=None):
    """Per-seed scores and structures of one exemplar, and the seeds that match.

    Parameters
    ----------
    exemplar : PosterExemplar
    results : sequence of dict
        :func:`~benchmarks._reference_trial.fit_picked` results of the exemplar's
        row, one per seed.
    authors : dict or None, default=None
        :func:`~benchmarks._reference_masks.detect_authors_net` result of the
        exemplar's row; None when the authors' nets are not at hand.

    Returns
    -------
    summary : dict
        JSON-serialisable: ``figure``, ``task``, ``hidden_layer_sizes``,
        ``seed`` (the exemplar's), ``pick`` (``"P_u / P_e"``), ``seeds`` (one
        dict per result: ``seed``, ``score``, ``density``, ``structure``,
        ``authors_structure`` (True / False, None without ``authors``)),
        ``exact`` (seeds scoring 1.0), ``authors_score`` and
        ``authors_structure`` (None without ``authors``) and ``like_authors``
        (seeds whose structure is the authors' net's; None without ``authors``).
    """
    reference = structure_of(authors) if authors is not None else None
    seeds = []
    for result in results:
        structure = structure_of(result)
        seeds.append(dict(
            seed=result["trial"]["seed"],
            score=result["point"]["score"],
            density=result["point"]["density"],
            structure=structure,
            authors_structure=None if reference is None else structure == reference,
        ))
    return dict(
        figure=exemplar.figure,
        task=exemplar.task,
        hidden_layer_sizes=list(exemplar.hidden_layer_sizes),
        seed=exemplar.seed,
        pick=f"{exemplar.unit_prune_step:g} / {exemplar.edge_prune_step:g}",
        seeds=seeds,
        exact=[entry["seed"] for entry in seeds if entry["score"] == 1.0],
        authors_score=None if authors is None else authors["point"]["score"],
        authors_structure=reference,
        like_authors=None if reference is None else [entry["seed"] for entry in seeds if entry["authors_structure"]],
    )


def _seed_list(seeds):
    return ", ".join(map(str, seeds)) if seeds else "none"


def seeds_table(summaries):
    """The summaries of :func:`summarise_seeds` as a Markdown table, one row per exemplar."""
    with_authors = any(summary["authors_structure"] is not None for summary in summaries)
    seed_names = [entry["seed"] for entry in summaries[0]["seeds"]] if summaries else []
    header = ["figure", "task", "architecture", "P_u / P_e", *(f"seed {seed}" for seed in seed_names),
              "seeds scoring 1.0"]
    if with_authors:
        header += ["authors' net: score", "seeds with the authors' net's structure"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for summary in summaries:
        cells = [summary["figure"], summary["task"], str(summary["hidden_layer_sizes"]), summary["pick"]]
        cells += [f"{entry['score']:.3f} ({100 * entry['density']:.2f} %)" + ("*" if entry["seed"] == summary["seed"]
                                                                              else "")
                  for entry in summary["seeds"]]
        cells.append(_seed_list(summary["exact"]))
        if with_authors:
            cells += [f"{summary['authors_score']:.3f}", _seed_list(summary["like_authors"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_parser():
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument("--n-jobs", type=int, default=1, help="parallel fits (joblib n_jobs)")
    parser.add_argument("--cache-dir", default="benchmarks/results/reference", help="one result file per fit")
    parser.add_argument("--reference-results", default=None,
                        help="the results/ folder of a copy of the reference repository: compare with the "
                             "authors' own nets")
    parser.add_argument("--reading", default="exact", choices=READINGS,
                        help="the structure a net must show to score 1.0 (see benchmarks/_readings.py)")
    parser.add_argument("--summary", default=None, help="write the summaries as JSON to this file")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    rows = read_reference_rows()
    exemplar_rows = [exemplar_row(rows, exemplar) for exemplar in POSTER_EXEMPLARS]
    jobs = {}
    for row in exemplar_rows:
        for seed in args.seeds:
            fitted = reseeded(row, seed)
            jobs[fitted.key()] = fitted
    by_key = dict(zip(jobs, run_cached(jobs, fit_picked, f"{args.cache_dir}/picked", n_jobs=args.n_jobs,
                                       describe=describe_picked)))
    summaries = []
    for exemplar, row in zip(POSTER_EXEMPLARS, exemplar_rows):
        results = rescore([by_key[reseeded(row, seed).key()] for seed in args.seeds], args.reading)
        authors = detect_authors_net(row, args.reference_results) if args.reference_results else None
        if authors is not None:
            rescore([authors], args.reading)
        summary = summarise_seeds(exemplar, results, authors)
        summaries.append(summary)
        print(f"\n{exemplar.figure}, {exemplar.task}, {list(exemplar.hidden_layer_sizes)}, "
              f"P_u / P_e {summary['pick']} (the poster's seed {exemplar.seed}):")
        if authors is not None:
            print(f"  authors' net: score {summary['authors_score']:.3f}, density "
                  f"{100 * authors['point']['density']:.2f} %: {summary['authors_structure']}")
        for entry in summary["seeds"]:
            same = "" if entry["authors_structure"] is None else (" [authors' structure]" if entry["authors_structure"]
                                                                   else "")
            print(f"  seed {entry['seed']}: score {entry['score']:.3f}, density {100 * entry['density']:.2f} %: "
                  f"{entry['structure']}{same}")
        print(f"  seeds scoring 1.0: {_seed_list(summary['exact'])}")
    print(f"\nThe poster's exemplars, seeds {', '.join(map(str, args.seeds))} (score, density; * the poster's seed):\n"
          f"{seeds_table(summaries)}")
    print(f"\n{sum(bool(summary['exact']) for summary in summaries)} of {len(summaries)} exemplars score 1.0 "
          "at some seed")
    if args.reference_results:
        print(f"{sum(bool(summary['like_authors']) for summary in summaries)} of {len(summaries)} show the authors' "
              "net's structure at some seed")
    if args.summary:
        with open(args.summary, "w") as file:
            json.dump(summaries, file, indent=1)
    print(f"\nwall time of this run {time.perf_counter() - start:.0f} s")
    return summaries


if __name__ == "__main__":
    main()
