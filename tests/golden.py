"""Seeded reference fits whose results are pinned in ``tests/data/golden_fits.json``.

``python tests/golden.py`` rewrites the file from the current code; run it only
when a change of results is intended and explained in the commit.
"""

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.datasets import make_blobs

from sksculpt import SculptingClassifier
from sksculpt.datasets import make_boolean_task

GOLDEN_PATH = Path(__file__).parent / "data" / "golden_fits.json"


def _blobs():
    X, y = make_blobs(n_samples=160, centers=4, n_features=6, cluster_std=1.0, random_state=0)
    return X.astype(np.float32), y


#: name -> (data factory, SculptingClassifier parameters)
GOLDEN_CASES = {
    "input_separable_2layers": (
        lambda: make_boolean_task("input_separable", return_X_y=True),
        dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10,
             unit_prune_step=65, edge_prune_step=1.5, random_state=0),
    ),
    "single_1layer": (
        lambda: make_boolean_task("single", return_X_y=True),
        dict(hidden_layer_sizes=(24,), lr=0.1, batch_size=8, max_epochs=20,
             unit_prune_step=30, edge_prune_step=2.0, random_state=1),
    ),
    "separable_reused_3layers": (
        lambda: make_boolean_task("separable_reused", return_X_y=True),
        dict(hidden_layer_sizes=(24, 24, 24), lr=0.05, batch_size=32, max_epochs=10,
             unit_prune_step=50, edge_prune_step=1.0, random_state=2),
    ),
    "blobs_multiclass_validation": (
        _blobs,
        dict(hidden_layer_sizes=(16,), lr=0.01, batch_size=16, max_epochs=5,
             unit_prune_step=30, edge_prune_step=5.0, accuracy_threshold=0.95,
             validation_fraction=0.25, random_state=0),
    ),
}


def summarize(clf):
    """What a golden fit pins: masks (as 0/1 strings), every sculpting record, the modules."""
    return dict(
        masks=["".join("1" if v else "0" for v in mask.ravel()) for mask in clf.masks_],
        history=[
            [r.stage, r.target, None if np.isnan(r.accuracy) else r.accuracy, r.accepted, r.edges_left, r.units_left]
            for r in clf.sculpt_history_
        ],
        modules=sorted([sorted(m.inputs), sorted(m.outputs)] for m in clf.modules_),
    )


def fit_case(name):
    make_data, params = GOLDEN_CASES[name]
    X, y = make_data()
    return SculptingClassifier(**params).fit(X, y)


if __name__ == "__main__":
    summaries = {name: summarize(fit_case(name)) for name in GOLDEN_CASES}
    sys.exit(GOLDEN_PATH.write_text(json.dumps(summaries, indent=1)) and 0)
