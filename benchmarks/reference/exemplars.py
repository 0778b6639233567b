"""Refit the poster's 16 exemplar nets at their own settings with several seeds.

Each exemplar of :data:`~benchmarks.common.facts.POSTER_EXEMPLARS` is a row of
``data/reference_trials.csv``: its task, architecture, lr, batch size, epochs per
round, detection step size and the authors' P_u / P_e. Here the row is sculpted
again with each of ``--seeds`` in place of its seed (everything else unchanged),
and per exemplar the script prints, per seed, the hierarchy match score, the
density and the detected structure (:func:`~benchmarks.reference.report.structure_of`),
and whether some seed scores 1.0. With ``--reference-results`` (the ``results/``
folder of a copy of the reference repository) the structure of the authors' own
net of the exemplar is printed beside them, and the seeds whose net shows that
same structure are counted.

Fits are cached one file per (row, seed) under ``<cache-dir>/picked``, the cache of
``python -m benchmarks.reference.run --mode picked``: a fit at a seed the authors ran
with the same pick is the same fit there.

    python -m benchmarks.reference.exemplars --reference-results ../Neural-Sculpting/results

``--reading paper`` scores the depth exemplars as the reference's depth figure
counts them (:mod:`benchmarks.reference.readings`).
"""

import argparse
import time

from ..common.cache import run_cached
from ..common.cli import add_summary_option, write_summary
from ..common.facts import PAPER_SEEDS, POSTER_EXEMPLARS
from .fits import fit_picked
from .masks import detect_authors_net
from .readings import READINGS, rescore
from .report import describe_picked, seed_list, seeds_table, summarise_seeds
from .settings import exemplar_row, read_reference_rows, reseeded


def build_parser():
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(PAPER_SEEDS))
    parser.add_argument("--n-jobs", type=int, default=1, help="parallel fits (joblib n_jobs)")
    parser.add_argument("--cache-dir", default="benchmarks/results/reference", help="one result file per fit")
    parser.add_argument("--reference-results", default=None,
                        help="the results/ folder of a copy of the reference repository: compare with the "
                             "authors' own nets")
    parser.add_argument("--reading", default="exact", choices=READINGS,
                        help="the structure a net must show to score 1.0 (see benchmarks/reference/readings.py)")
    add_summary_option(parser)
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
        print(f"  seeds scoring 1.0: {seed_list(summary['exact'])}")
    print(f"\nThe poster's exemplars, seeds {', '.join(map(str, args.seeds))} (score, density; * the poster's seed):\n"
          f"{seeds_table(summaries)}")
    print(f"\n{sum(bool(summary['exact']) for summary in summaries)} of {len(summaries)} exemplars score 1.0 "
          "at some seed")
    if args.reference_results:
        print(f"{sum(bool(summary['like_authors']) for summary in summaries)} of {len(summaries)} show the authors' "
              "net's structure at some seed")
    write_summary(args.summary, summaries)
    print(f"\nwall time of this run {time.perf_counter() - start:.0f} s")
    return summaries


if __name__ == "__main__":
    main()
