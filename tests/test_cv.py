"""SculptingClassifierCV: truth-free choice of P_u / P_e, its grid, results and the estimator contract."""

import pickle
import warnings

import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils.estimator_checks import parametrize_with_checks
from test_estimator_checks import EXPECTED_FAILED_CHECKS

import sksculpt._cv
from sksculpt import SculptingClassifier, SculptingClassifierCV, hierarchy_match_score
from sksculpt.datasets import make_boolean_task

TASK = make_boolean_task("input_separable")
SMALL_GRID = dict(unit_prune_steps=[30, 65], edge_prune_steps=[1.5, 2.5])


@pytest.fixture(scope="module")
def paper_grid_search():
    # One seed keeps the test quick; the default four seeds only add voters.
    return SculptingClassifierCV(n_seeds=1, random_state=0).fit(TASK.data, TASK.target)


@pytest.fixture(scope="module")
def two_seed_search():
    return SculptingClassifierCV(**SMALL_GRID, n_seeds=2, random_state=0).fit(TASK.data, TASK.target)


def test_the_paper_grid_finds_the_two_input_separable_modules_without_the_truth(paper_grid_search):
    search = paper_grid_search
    assert sorted((sorted(m.inputs), sorted(m.outputs)) for m in search.modules_) == [
        ([0, 1], [0, 1]), ([2, 3], [2, 3]),
    ]
    assert hierarchy_match_score(TASK.graph, search) == 1.0
    assert search.score(TASK.data, TASK.target) == 1.0
    assert len(search.cv_results_["seed"]) == 70
    assert search.cv_results_["selected"].sum() == 1 and search.cv_results_["selected"][search.best_index_]


def test_the_chosen_network_is_what_a_direct_fit_at_the_chosen_setting_gives(paper_grid_search):
    search = paper_grid_search
    direct = SculptingClassifier(
        unit_prune_step=search.unit_prune_step_, edge_prune_step=search.edge_prune_step_, random_state=0
    ).fit(TASK.data, TASK.target)
    assert all(np.array_equal(a, b) for a, b in zip(direct.masks_, search.masks_))
    assert [r.edges_left for r in direct.sculpt_history_] == [r.edges_left for r in search.sculpt_history_]
    np.testing.assert_array_equal(direct.predict_proba(TASK.data), search.predict_proba(TASK.data))
    assert search.best_estimator_.get_params()["unit_prune_step"] == search.unit_prune_step_


def test_cv_results_has_one_row_per_seed_and_grid_point(two_seed_search):
    results = two_seed_search.cv_results_
    assert {len(column) for column in results.values()} == {8}
    assert results["seed"].tolist() == [0] * 4 + [1] * 4
    assert results["param_unit_prune_step"].tolist() == [30.0, 30.0, 65.0, 65.0] * 2
    assert results["param_edge_prune_step"].tolist() == [1.5, 2.5] * 4
    assert results["random_state"][0] == 0 and results["random_state"][4] != 0
    assert np.all(results["edges_left"] == np.round(results["density"] * (4 * 24 + 24 * 24 + 24 * 4)))
    assert all(n == graph.number_of_nodes() for n, graph in zip(results["n_modules"], results["hierarchy"]))
    assert np.array_equal(results["accurate"], results["check_accuracy"] >= 1.0)
    assert two_seed_search.cv_results_["seed"][two_seed_search.best_index_] == 0


def test_each_seed_of_the_grid_is_a_lone_classifier(two_seed_search):
    results = two_seed_search.cv_results_
    for row in (4, 7):
        lone = SculptingClassifier(
            unit_prune_step=results["param_unit_prune_step"][row],
            edge_prune_step=results["param_edge_prune_step"][row],
            random_state=int(results["random_state"][row]),
        ).fit(TASK.data, TASK.target)
        assert sum(int(m.sum()) for m in lone.masks_) == results["edges_left"][row]


def test_a_callable_selection_picks_the_row_it_returns():
    def densest(cv_results):
        return int(np.argmax(cv_results["edges_left"]))

    search = SculptingClassifierCV(**SMALL_GRID, n_seeds=1, selection=densest, random_state=0).fit(
        TASK.data, TASK.target
    )
    assert search.best_index_ == np.argmax(search.cv_results_["edges_left"])
    with pytest.raises(ValueError, match="must pick a row of seed 0"):
        SculptingClassifierCV(**SMALL_GRID, n_seeds=2, selection=lambda results: 7, random_state=0).fit(
            TASK.data, TASK.target
        )


@pytest.mark.slow
def test_several_processes_give_what_one_process_gives(two_seed_search):
    parallel = SculptingClassifierCV(**SMALL_GRID, n_seeds=2, n_jobs=2, random_state=0).fit(TASK.data, TASK.target)
    for column in ("edges_left", "structure", "check_accuracy", "seed", "param_unit_prune_step"):
        assert np.array_equal(parallel.cv_results_[column], two_seed_search.cv_results_[column])


def test_memory_caches_the_grid_so_another_rule_costs_no_training(tmp_path, monkeypatch):
    first = SculptingClassifierCV(**SMALL_GRID, n_seeds=1, memory=tmp_path, random_state=0).fit(TASK.data, TASK.target)
    from sksculpt._engine import net as _net

    def no_training(*args, **kwargs):
        raise AssertionError("the cached grid must not train")

    monkeypatch.setattr(_net.SculptingNet, "train_round", no_training)
    again = SculptingClassifierCV(**SMALL_GRID, n_seeds=1, memory=tmp_path, selection="sparsest", random_state=0).fit(
        TASK.data, TASK.target
    )
    assert np.array_equal(first.cv_results_["edges_left"], again.cv_results_["edges_left"])


def test_verbose_1_reports_the_whole_search_and_2_every_network(capsys):
    params = dict(unit_prune_steps=[65], edge_prune_steps=[1.5, 2.5], n_seeds=2, random_state=0)
    SculptingClassifierCV(**params, verbose=1).fit(TASK.data, TASK.target)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[sksculpt]")]
    assert lines[-2].startswith("[sksculpt] 4/4 networks sculpted, 0/4 detected")
    assert lines[-1].startswith("[sksculpt] 4/4 networks sculpted, 4/4 detected")
    assert all("P_e" not in line for line in lines)  # no line per network
    SculptingClassifierCV(**params, verbose=2).fit(TASK.data, TASK.target)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[sksculpt]")]
    assert sum("P_u 65: units done" in line for line in lines) == 2
    assert sum("P_e" in line and "edges done" in line for line in lines) == 4
    assert lines[-1].startswith("[sksculpt] 4/4 networks sculpted, 4/4 detected")


def test_class_labels_with_a_validation_split_and_several_seeds():
    X, y = make_blobs(n_samples=160, centers=3, n_features=5, random_state=0)
    labels = np.array(["a", "b", "c"])[y]
    search = SculptingClassifierCV(
        (16,), lr=0.01, batch_size=16, max_epochs=5, unit_prune_steps=[30], edge_prune_steps=[5.0, 10.0],
        accuracy_threshold=0.9, validation_fraction=0.25, n_seeds=2, random_state=0,
    ).fit(X, labels)
    assert search.cv_results_["seed"].tolist() == [0, 0, 1, 1]
    assert set(search.predict(X)) <= {"a", "b", "c"}
    assert search.classes_.tolist() == ["a", "b", "c"]


def test_works_in_a_pipeline_and_pickles():
    pipeline = make_pipeline(
        FunctionTransformer(),
        SculptingClassifierCV(unit_prune_steps=[65], edge_prune_steps=[1.5], n_seeds=1, random_state=0),
    ).fit(TASK.data, TASK.target)
    restored = pickle.loads(pickle.dumps(pipeline))
    np.testing.assert_array_equal(restored.predict(TASK.data), pipeline.predict(TASK.data))


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(unit_prune_steps=[]), "at least one percentage"),
        (dict(unit_prune_steps=[0, 50]), r"unit_prune_steps\[0\]"),
        (dict(edge_prune_steps=[1.5, 1.5]), "twice"),
    ],
    ids=["an empty grid", "a step out of range", "a step listed twice"],
)
def test_grids_the_parameter_check_cannot_see_are_named_before_training(params, match, monkeypatch):
    # Types and ranges of every parameter: check_param_validation in test_validation.py.
    monkeypatch.setattr(sksculpt._cv, "sculpt_chunk", None)
    with pytest.raises(ValueError, match=match):
        SculptingClassifierCV(**params).fit(TASK.data, TASK.target)


def test_nested_detector_parameters_work_with_the_default_detector():
    search = SculptingClassifierCV().set_params(detector__merge_threshold=0.6)
    assert search.detector.merge_threshold == 0.6


FAST = SculptingClassifierCV(
    (16,), lr=0.01, batch_size=32, max_epochs=5, input_noise=0.0, unit_prune_steps=[40],
    edge_prune_steps=[20.0], n_seeds=1, accuracy_threshold=0.9, random_state=0,
)


@parametrize_with_checks([FAST], expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS)
def test_sklearn_estimator_checks(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        check(estimator)


def test_each_seed_keeps_the_bar_of_its_own_dense_round_with_a_tolerance():
    # Overlapping classes checked on the training data: the two seeds' dense rounds reach
    # different accuracies, so the nets of one stack prune to different bars.
    X, y = make_blobs(n_samples=200, centers=3, n_features=4, cluster_std=3.0, random_state=0)
    params = dict(hidden_layer_sizes=(16,), lr=0.01, batch_size=16, max_epochs=5, input_noise=0.0,
                  accuracy_tolerance=0.01, unit_accuracy_tolerance=0.005)
    search = SculptingClassifierCV(
        **params, unit_prune_steps=[30], edge_prune_steps=[5.0, 10.0], n_seeds=2, random_state=0
    ).fit(X, y)
    results = search.cv_results_
    bars = set()
    for row, (seed_state, unit_step, edge_step) in enumerate(
        zip(results["random_state"], results["param_unit_prune_step"], results["param_edge_prune_step"])
    ):
        lone = SculptingClassifier(
            **params, unit_prune_step=unit_step, edge_prune_step=edge_step, random_state=seed_state
        ).fit(X, y)
        bars.add(lone.acceptance_threshold_)
        assert lone.acceptance_threshold_ == pytest.approx(lone.sculpt_history_[0].accuracy - 0.01)
        assert lone.unit_acceptance_threshold_ == pytest.approx(lone.sculpt_history_[0].accuracy - 0.005)
        assert results["edges_left"][row] == sum(int(mask.sum()) for mask in lone.masks_)
        assert results["check_accuracy"][row] == [r for r in lone.sculpt_history_ if r.accepted][-1].accuracy
        assert results["accurate"][row] == (results["check_accuracy"][row] >= lone.acceptance_threshold_)
    assert len(bars) == 2
    assert search.acceptance_threshold_ == search.best_estimator_.acceptance_threshold_
