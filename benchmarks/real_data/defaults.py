"""Default parameters on real tabular data, beside scikit-learn's MLPClassifier.

For breast_cancer, wine and digits (pixels / 16), scikit-learn's offline
copies, each of 5 stratified folds (shuffled, ``random_state=0``) fits
``Pipeline(StandardScaler(), SculptingClassifier(random_state=0))`` with every
other parameter at its default, and ``Pipeline(StandardScaler(),
MLPClassifier(hidden_layer_sizes=(24, 24), random_state=0))`` on the same
training part, and scores both on the test part. It records each fold's test
accuracy, the sculpted network's density and number of modules, any warning,
and both wall times, and prints per data set the means and the difference of
mean test accuracy (the issue's bar: within 0.02 of the MLP).

    python -m benchmarks.real_data.defaults
    python -m benchmarks.real_data.defaults --datasets wine --json results.json
"""

import argparse
import json
import time
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_wine
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksculpt import SculptingClassifier


def _digits():
    X, y = load_digits(return_X_y=True)
    return X / 16, y


LOADERS = {
    "breast_cancer": lambda: load_breast_cancer(return_X_y=True),
    "wine": lambda: load_wine(return_X_y=True),
    "digits": _digits,
}


def fit_and_score(model, X, y, train, test):
    """Test accuracy, wall time and warnings of one fit of ``model`` on a fold."""
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X[train], y[train])
    seconds = time.perf_counter() - start
    return model.score(X[test], y[test]), seconds, sorted({type(w.message).__name__ for w in caught})


def run(dataset, n_splits=5):
    """One row per fold: both models' test accuracy and time, and what sculpting left."""
    X, y = LOADERS[dataset]()
    rows = []
    for fold, (train, test) in enumerate(StratifiedKFold(n_splits, shuffle=True, random_state=0).split(X, y)):
        sculpting = make_pipeline(StandardScaler(), SculptingClassifier(random_state=0))
        accuracy, seconds, caught = fit_and_score(sculpting, X, y, train, test)
        mlp = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(24, 24), random_state=0))
        mlp_accuracy, mlp_seconds, _ = fit_and_score(mlp, X, y, train, test)
        clf = sculpting[-1]
        rows.append(dict(
            dataset=dataset, fold=fold, accuracy=accuracy, mlp_accuracy=mlp_accuracy, density=clf.density_,
            n_modules=len(clf.modules_), warnings=caught, seconds=seconds, mlp_seconds=mlp_seconds,
        ))
        print(f"{dataset} fold {fold}: test accuracy {accuracy:.4f} (MLP {mlp_accuracy:.4f}), density "
              f"{100 * clf.density_:.2f} %, {len(clf.modules_)} modules, {seconds:.1f} s (MLP {mlp_seconds:.1f} s)"
              f"{', ' + ', '.join(caught) if caught else ''}", flush=True)
    return rows


def summary(rows):
    """Per data set: mean test accuracies, their difference, mean density and modules, total times."""
    table = []
    for dataset in dict.fromkeys(row["dataset"] for row in rows):
        mine = [row for row in rows if row["dataset"] == dataset]
        mean = {key: float(np.mean([row[key] for row in mine])) for key in (
            "accuracy", "mlp_accuracy", "density", "n_modules")}
        table.append(dict(dataset=dataset, **mean, difference=mean["accuracy"] - mean["mlp_accuracy"],
                          seconds=float(sum(row["seconds"] for row in mine)),
                          mlp_seconds=float(sum(row["mlp_seconds"] for row in mine))))
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", choices=sorted(LOADERS), default=list(LOADERS))
    parser.add_argument("--json", help="write every fold and the summary to this file")
    args = parser.parse_args(argv)
    rows = [row for dataset in args.datasets for row in run(dataset)]
    table = summary(rows)
    print("\ndata set        sculpted  MLP     difference  density  modules  time (s)  MLP time (s)")
    for line in table:
        print(f"{line['dataset']:<15} {line['accuracy']:.4f}    {line['mlp_accuracy']:.4f}  {line['difference']:+.4f}"
              f"     {100 * line['density']:5.2f} %  {line['n_modules']:5.1f}    {line['seconds']:7.1f}   "
              f"{line['mlp_seconds']:7.1f}")
    if args.json:
        with open(args.json, "w") as file:
            json.dump(dict(folds=rows, summary=table), file, indent=1)
    return table


if __name__ == "__main__":
    main()
