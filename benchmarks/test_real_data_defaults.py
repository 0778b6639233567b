"""benchmarks.real_data.defaults: the summary of its folds."""

import pytest

from benchmarks.real_data.defaults import LOADERS, summary


def test_summary_averages_each_data_set_and_adds_up_the_times():
    rows = [
        dict(dataset="wine", fold=0, accuracy=1.0, mlp_accuracy=0.9, density=0.02, n_modules=3, seconds=2.0,
             mlp_seconds=0.5),
        dict(dataset="wine", fold=1, accuracy=0.9, mlp_accuracy=0.9, density=0.04, n_modules=5, seconds=1.0,
             mlp_seconds=0.5),
    ]
    [line] = summary(rows)
    assert line["accuracy"] == pytest.approx(0.95) and line["difference"] == pytest.approx(0.05)
    assert line["density"] == pytest.approx(0.03) and line["n_modules"] == 4
    assert line["seconds"] == 3.0 and line["mlp_seconds"] == 1.0


def test_digits_are_scaled_to_the_unit_interval():
    X, _ = LOADERS["digits"]()
    assert X.max() == 1.0 and X.min() == 0.0
