"""Support on real data: does a search with ``cv=5`` report the same well-supported modules from run to run?

For wine and breast_cancer (scikit-learn's copies), ``Pipeline(StandardScaler(),
SculptingClassifierCV(cv=5, ...))`` is fitted with ``random_state`` 0 to 3.
For each run it records the modules reported with support >= 0.8 (their input
features), the inputs kept by at least 80 % of its runs (input support),
whether a StructureWarning was issued, and the wall time; the Jaccard index of
those between runs says whether they are stable. With ``--outer`` it also scores the pipeline on 5 outer
stratified folds beside ``MLPClassifier(hidden_layer_sizes=(24, 24))``.

    python -m benchmarks.real_data.trust --datasets wine breast_cancer --seeds 0 1 2 3
    python -m benchmarks.real_data.trust --datasets wine --seeds 0 --outer
"""

import argparse
import itertools
import time
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksculpt import SculptingClassifierCV, StructureWarning

LOADERS = {"wine": load_wine, "breast_cancer": load_breast_cancer}
#: The settings of the wine gallery example: the defaults (the paired acceptance test on sampled data), a 3 x 3 grid.
SETTINGS = dict(hidden_layer_sizes=(24, 24), unit_prune_steps=[20, 40, 60], edge_prune_steps=[1.0, 1.5, 2.5], cv=5)


def pipeline(seed):
    return make_pipeline(StandardScaler(), SculptingClassifierCV(**SETTINGS, random_state=seed))


def supported_inputs(search, level=0.8):
    """Input sets of the modules reported with support >= level."""
    return sorted(tuple(sorted(m.inputs)) for m in search.modules_ if m.support >= level and m.inputs)


def jaccard(first, second):
    first, second = set(first), set(second)
    return len(first & second) / len(first | second) if first | second else 1.0


def run(dataset, seeds, outer):
    X, y = LOADERS[dataset](return_X_y=True)
    reports = []
    for seed in seeds:
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pipe = pipeline(seed).fit(X, y)
        search = pipe[-1]
        kept = np.flatnonzero(search.structure_support_["inputs"] >= 0.8).tolist()
        reports.append(dict(seed=seed, seconds=time.perf_counter() - start, inputs=supported_inputs(search),
                            stable_features=kept,
                            min_support=search.structure_support_["min_support"],
                            warned=any(issubclass(w.category, StructureWarning) for w in caught)))
        print(dataset, reports[-1], flush=True)
    pairs = [jaccard(a["inputs"], b["inputs"]) for a, b in itertools.combinations(reports, 2)
             if a["inputs"] or b["inputs"]]
    features = [jaccard(a["stable_features"], b["stable_features"]) for a, b in itertools.combinations(reports, 2)]
    print(f"{dataset}: inputs with support >= 0.8 per run: {[len(r['stable_features']) for r in reports]}; "
          f"Jaccard between runs: {np.round(features, 2).tolist()}")
    print(f"{dataset}: runs reporting a module with support >= 0.8: {sum(bool(r['inputs']) for r in reports)} of "
          f"{len(reports)}; warned {sum(r['warned'] for r in reports)}; Jaccard between runs that report one: "
          f"{pairs or 'none'}; wall time {min(r['seconds'] for r in reports):.0f}-"
          f"{max(r['seconds'] for r in reports):.0f} s")
    if outer:
        folds = StratifiedKFold(5, shuffle=True, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sculpted = cross_val_score(pipeline(seeds[0]), X, y, cv=folds)
            mlp = cross_val_score(make_pipeline(StandardScaler(), MLPClassifier((24, 24), max_iter=1000,
                                                                                random_state=seeds[0])), X, y, cv=folds)
        print(f"{dataset}: outer 5-fold accuracy, sculpted {sculpted.mean():.3f} {np.round(sculpted, 3).tolist()}, "
              f"MLPClassifier {mlp.mean():.3f} {np.round(mlp, 3).tolist()}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", default=list(LOADERS), choices=list(LOADERS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--outer", action="store_true", help="also score on 5 outer folds beside MLPClassifier")
    args = parser.parse_args(argv)
    for dataset in args.datasets:
        run(dataset, args.seeds, args.outer)


if __name__ == "__main__":
    main()
