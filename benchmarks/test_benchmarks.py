"""The paper-protocol runner: per-trial cache, resuming, selection rules, summaries."""

import json

import numpy as np
import pytest

from benchmarks.common.grid import Grid
from benchmarks.common.selection import (
    SELECTION_RULES,
    add_spurious_paths,
    as_cv_results,
    pick_oracle,
    truth_table_dependence,
)
from benchmarks.common.tasks import parse_task
from benchmarks.paper import digits
from benchmarks.paper import run as paper
from benchmarks.paper import runner as _runner
from benchmarks.paper.digits import (
    half_counts,
    half_reach,
    halves_separated,
    hidden_units_left,
    mixed_unit_share,
    outputs_split,
    purity,
)
from benchmarks.paper.protocol import Trial, make_trials, training_settings
from benchmarks.paper.report import markdown_table, summarise
from benchmarks.paper.trends import TRENDS

TINY_GRID = Grid(unit_steps=(30.0, 65.0), edge_steps=(1.5, 2.5))
TRIAL = Trial("input_separable", width=24, depth=2, seed=0)


def point(score, edges_left, accuracy=1.0, structure="in 0,1 out 0,1", spurious_paths=0):
    """A hand-made grid point with the fields the selection rules read (a module per ``|`` of the structure)."""
    modules = [["0", "0"]] * (structure.count("|") + 1)
    return dict(score=score, edges_left=edges_left, accuracy=accuracy, density=edges_left / 1000, structure=structure,
                modules=modules, module_edges=[], spurious_paths=spurious_paths)


@pytest.fixture(scope="module")
def cached_run(tmp_path_factory):
    cache_dir = tmp_path_factory.mktemp("paper")
    lines = []
    results = _runner.run_trials([TRIAL], TINY_GRID, cache_dir, progress=lines.append)
    return cache_dir, results, lines


def test_runner_sculpts_every_grid_point_and_caches_the_trial(cached_run):
    cache_dir, (result,), lines = cached_run
    assert [(p["unit_step"], p["edge_step"]) for p in result["points"]] == TINY_GRID.points()
    assert result["settings"] == dict(lr=0.05, batch_size=8, max_epochs=10)
    assert all(p["accuracy"] == 1.0 and 0 < p["density"] < 0.1 for p in result["points"])
    assert max(p["score"] for p in result["points"]) == 1.0
    files = list(cache_dir.iterdir())
    assert [f.name for f in files] == [f"{TRIAL.key(TINY_GRID)}.json"]
    assert json.loads(files[0].read_text()) == result
    assert lines[0].startswith("0 of 1 trials cached") and lines[-1].startswith("[1/1]")


def test_second_run_loads_the_cache_without_sculpting(cached_run, monkeypatch):
    cache_dir, (result,), _ = cached_run

    def must_not_run(trial, grid):
        raise AssertionError("a cached trial was computed again")

    monkeypatch.setattr(_runner, "sculpt_trials", must_not_run)
    lines = []
    assert _runner.run_trials([TRIAL], TINY_GRID, cache_dir, progress=lines.append) == [result]
    assert lines == [f"1 of 1 trials cached in {cache_dir}; running 0"]


def test_trial_key_changes_with_grid_and_settings():
    other_grid = Grid(unit_steps=(30.0,), edge_steps=(1.5,))
    assert TRIAL.key(TINY_GRID) != TRIAL.key(other_grid)
    assert TRIAL.key(TINY_GRID) != Trial("input_separable", 24, 3, 0).key(TINY_GRID)
    assert Trial("overlap:overlap=2,m=16", 24, 2, 5).key(TINY_GRID).startswith("overlap-overlap2-m16_w24_d2_s5_")


def test_protocol_settings_and_task_specifications():
    assert parse_task("overlap:overlap=2,m=16") == ("overlap", {"overlap": 2, "m": 16})
    assert training_settings("reused:m=16", 3) == dict(lr=0.1, batch_size=8, max_epochs=30)
    assert training_settings("depth:m=4", 4) == training_settings("depth:m=4", 3)
    assert len(make_trials(["single", "reused:m=4"], [24, 36], [1, 2, 3], [0, 1, 2, 5])) == 48
    with pytest.raises(ValueError, match="Unknown task"):
        parse_task("parity")
    with pytest.raises(ValueError, match="key=integer"):
        parse_task("reused:m=many")


def test_oracle_picks_the_best_score_then_the_sparsest():
    points = [point(0.5, 10), point(1.0, 40), point(1.0, 30), point(0.9, 5)]
    assert pick_oracle(points) is points[2]


def test_truth_free_rules_pick_from_the_trial_and_let_sibling_seeds_vote():
    split, merged = "in 0,1 out 0,1 | in 2,3 out 2,3", "in 0,1,2,3 out 0,1,2,3"
    own = [point(0.2, 5, accuracy=0.9), point(0.25, 12, structure=merged), point(1.0, 20, structure=split)]
    siblings = [[point(1.0, 15, structure=split)], [point(1.0, 18, structure=split), point(0.25, 30, structure=merged)]]
    columns = as_cv_results(own, siblings)
    assert columns["seed"].tolist() == [0, 0, 0, 1, 2, 2]
    assert columns["accurate"].tolist() == [False, True, True, True, True, True]
    assert SELECTION_RULES["sparsest"](own, siblings) is own[1]
    assert SELECTION_RULES["seed_vote"](own, siblings) is own[2]
    assert [graph.number_of_nodes() for graph in columns["hierarchy"]] == [1, 1, 2, 2, 2, 1]
    assert SELECTION_RULES["relay_free_vote"](own, siblings) is own[2]  # no relay anywhere: the vote decides
    assert columns["spurious_paths"].tolist() == [0] * 6


def test_spurious_paths_of_cached_points_come_from_the_truth_table():
    # input_separable: outputs 0, 1 read x0, x1; outputs 2, 3 read x2, x3.
    np.testing.assert_array_equal(truth_table_dependence("input_separable"), np.kron(np.eye(2), np.ones((2, 2))))
    split = dict(modules=[["0,1", "0,1"], ["2,3", "2,3"]], module_edges=[])
    merged = dict(modules=[["0,1,2,3", ""], ["", "0,1,2,3"]], module_edges=[[0, 1]])
    result = add_spurious_paths(dict(trial=dict(task="input_separable"), points=[split, merged], authors=[None]))
    assert [point["spurious_paths"] for point in result["points"]] == [0, 8]


def test_summary_counts_successes_per_rule_next_to_the_paper():
    good, bad = point(1.0, 10), point(0.5, 5)
    results = [
        dict(trial=dict(task="input_separable", width=24, depth=2), points=[good, bad], seconds=3.0),
        dict(trial=dict(task="input_separable", width=24, depth=2), points=[bad], seconds=2.0),
    ]
    (row,) = summarise(results)
    assert row["trials"] == 2 and row["paper"] == (36, 36) and row["seconds"] == 5.0
    assert row["oracle_successes"] == 1 and row["sparsest_successes"] == 0
    assert row["oracle_density"] == pytest.approx(0.0075)
    assert row["group"] == "input_separable"
    assert "| input_separable | 36/36 | 1/2 (0.75 %) | 0/2" in markdown_table([row])
    (by_seed,) = summarise(results, group=lambda trial: "all")
    assert by_seed["paper"] is None and by_seed["trials"] == 2


def test_digit_halves_separation_measures():
    # A 2x4 image: columns 0-1 are the left half, 2-3 the right half.
    labels = np.array([0, 0, 1, 1, 0, -1, 1, 1])
    counts = half_counts(labels, image_width=4)
    assert counts == {0: (3, 0), 1: (0, 4)}
    assert halves_separated(counts) and purity(counts) == 1.0
    mixed = half_counts(np.array([0, 0, 0, 1, 0, 0, 1, 1]), image_width=4)
    assert mixed == {0: (4, 1), 1: (0, 3)}
    assert not halves_separated(mixed) and purity(mixed) == 7 / 8
    assert not halves_separated(half_counts(np.array([0, 0, -1, -1]), image_width=4))


def test_half_reach_follows_paths_from_each_half_to_each_output():
    # A 1x4 image (columns 0-1 left). Unit 0 reads the left half, unit 1 the right half, unit 2
    # pixel 1 (left) and pixel 2 (right); unit 3 reads the left half but feeds no output.
    first = np.array([[1, 0, 0, 1], [1, 0, 1, 0], [0, 1, 1, 0], [0, 1, 0, 0]], dtype=bool)
    second = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]], dtype=bool)
    reach = half_reach([first, second], image_width=4)
    np.testing.assert_array_equal(reach, [[True, False], [False, False], [False, True], [True, True]])
    assert hidden_units_left([first, second]) == [3]


def test_outputs_split_needs_each_output_half_reached_from_its_own_image_half_only():
    split = np.array([[True, False], [True, False], [False, True], [False, True]])
    assert outputs_split(split)
    leaked = split.copy()
    leaked[0, 1] = True
    assert not outputs_split(leaked)
    unreached = split.copy()
    unreached[3, 1] = False
    assert not outputs_split(unreached)


@pytest.mark.slow
def test_digits_benchmark_saves_each_model_and_picture(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    import joblib

    arguments = [
        "--tasks", "two_digits", "--seeds", "0", "--save-models", str(tmp_path), "--figures-dir", str(tmp_path),
        "--n-samples", "2000", "--hidden-layer-sizes", "32", "32", "--max-epochs", "20",
        "--unit-prune-step", "50", "--edge-prune-step", "20",
    ]
    (result,) = digits.main(arguments)
    classifier = joblib.load(tmp_path / "two_digits_seed0.joblib")
    assert classifier.hidden_layer_sizes == (32, 32) and classifier.random_state == 0
    assert (tmp_path / "images_sklearn_two_digits_seed0.png").stat().st_size > 0
    assert result["density"] == pytest.approx(classifier.density_)
    assert result["outputs_split"] == outputs_split(half_reach(classifier.masks_, 16))
    assert "| two_digits | 0 |" in capsys.readouterr().out


def test_trend_x_values_come_from_the_trial():
    assert TRENDS["overlap"].x_of(dict(task="overlap:overlap=3,m=16", depth=2)) == 3
    assert TRENDS["reuse"].x_of(dict(task="reused:m=12", depth=2)) == 12
    assert TRENDS["depth"].x_of(dict(task="depth:m=4", depth=4)) == 4


def test_results_figures_draw_each_experiment_from_its_counts(tmp_path):
    from benchmarks.paper import results_figures

    for experiment in results_figures.EXPERIMENTS.values():
        for series in experiment.series:
            assert len(series.successes) == len(experiment.x)
            assert all(s is None or 0 <= s <= series.trials for s in series.successes)
    low, high = results_figures.wilson_interval(180, 180)
    assert 0.97 < low < 1.0 and high == pytest.approx(1.0)
    assert results_figures.wilson_interval(0, 36)[0] == pytest.approx(0.0, abs=1e-12)
    paths = results_figures.main(["--out", str(tmp_path)])
    assert [path.name for path in paths] == ["results_overlap.png", "results_reuse.png", "results_depth.png"]
    assert all(path.stat().st_size > 10_000 for path in paths)


def test_mixed_first_layer_units_count_units_reading_both_halves():
    # 4 pixels of a 1x4 image (columns 0-1 left); unit 0 reads the left half only,
    # unit 1 both halves, unit 2 nothing.
    first_mask = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=bool)
    assert mixed_unit_share(first_mask, image_width=4) == 0.5
    assert np.isnan(mixed_unit_share(np.zeros((4, 2), dtype=bool), image_width=4))


def test_cached_only_summarises_the_cache_without_running(cached_run, monkeypatch, capsys):
    cache_dir, _, _ = cached_run
    monkeypatch.setattr(_runner, "sculpt_trials", None)  # any attempt to run a trial fails
    arguments = [
        "--tasks", "input_separable", "--widths", "24", "--depths", "2", "--seeds", "0", "1",
        "--unit-steps", "30", "65", "--edge-steps", "1.5", "2.5", "--cache-dir", str(cache_dir), "--cached-only",
    ]
    (row,) = paper.main(arguments)
    assert row["trials"] == 1 and row["oracle_successes"] == 1
    assert "| input_separable | 36/36 | 1/1" in capsys.readouterr().out


def test_depth_figures_draw_the_authors_net_beside_sksculpts(tmp_path, monkeypatch, capsys):
    """The depth pictures on a small stand-in of the 2-hidden-layer exemplar: masks written here, a short fit."""
    pytest.importorskip("matplotlib")
    import pickle
    from dataclasses import replace

    import torch

    from benchmarks.reference import depth_figures
    from benchmarks.reference.masks import mask_path

    rows = depth_figures.depth_exemplar_rows()
    assert [(row.trial.depth, row.unit_prune_step, row.edge_prune_step) for row in rows] == [
        (2, 70.0, 2.0), (3, 35.0, 1.0), (4, 10.0, 1.0)
    ]
    row = replace(rows[0], trial=replace(rows[0].trial, hidden_layer_sizes=(8, 8), max_epochs=3))
    # [8, 8, 8, 4]: x0..x3 -> unit 0 and x4..x7 -> unit 1 (g1, g2), both -> unit 0 (h) -> every output.
    first, second, last = np.zeros((8, 8), bool), np.zeros((8, 8), bool), np.zeros((8, 4), bool)
    first[:4, 0] = first[4:, 1] = second[[0, 1], 0] = last[0, :] = True
    path = mask_path(row, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps([torch.tensor(mask.T, dtype=torch.float32) for mask in (first, second, last)]))
    monkeypatch.setattr(depth_figures, "depth_exemplar_rows", lambda: [row])

    summaries = depth_figures.main(["--reference-results", str(tmp_path), "--out", str(tmp_path / "out")])
    assert (tmp_path / "out" / "results_depth_2layers.png").stat().st_size > 0
    authors = summaries[2]["authors"]
    assert authors["density"] == pytest.approx(14 / (64 + 64 + 32))
    assert authors["modules"] == [
        "M0: in, 4 units, inputs x0,x1,x2,x3, outputs - -> M2",
        "M1: in, 4 units, inputs x4,x5,x6,x7, outputs - -> M2",
        "M2: h1+h2+out, 7 units, inputs -, outputs y0,y1,y2,y3 -> -",
    ]
    assert authors["score"] == pytest.approx(0.367, abs=1e-3)
    assert 0 <= summaries[2]["here"]["score"] <= 1
    assert "results_depth_2layers.png: depth:m=4 hidden [8, 8] seed 0" in capsys.readouterr().out


def test_held_out_summary_applies_the_rules_afresh_to_the_cached_columns():
    from benchmarks.reference import random_tasks as held_out

    split = [[["0", "0"], ["1", "1"]], []]
    merged = [[["0,1", "0,1"]], []]
    outcome = dict(
        seed=[0, 0, 1, 1], check_accuracy=[1.0, 1.0, 1.0, 0.5], accurate=[True, True, True, False],
        # seed 0's sparsest net is merged but links input 0 to output 1, which ignores it
        spurious_paths=[2, 0, 0, 0], edges_left=[4, 6, 6, 2], structure=["merged", "split", "split", "merged"],
        hierarchy=[merged, split, split, merged], scores=[0.5, 1.0, 1.0, 0.5],
    )
    results = held_out.as_cv_results(outcome)
    assert [graph.number_of_nodes() for graph in results["hierarchy"]] == [1, 2, 2, 1]
    rows = held_out.summarise([outcome], n_seeds=2)
    assert rows["oracle"] == 2  # seed 1's only accurate net is split
    assert rows["sparsest"] == rows["relay_free_vote"] == 2
    rows = held_out.summarise([dict(outcome, spurious_paths=[0] * 4)], n_seeds=2)
    assert rows["sparsest"] == 1  # without the count, seed 0 keeps its sparser merged net


def test_calibration_counts_levels_bins_and_warning_rates():
    from benchmarks.reference.calibration import function_levels, reliability, warning_rates
    from sksculpt.datasets import make_boolean_task

    assert function_levels(make_boolean_task("input_separable").graph) == 1
    assert function_levels(make_boolean_task("reused", m=4).graph) == 2
    assert function_levels(make_boolean_task("depth", m=4).graph) == 3
    records = [
        dict(success=True, modules=[(1.0, True, "a"), (0.9, True, "b")]),
        dict(success=False, modules=[(0.3, False, "c"), (0.6, True, "d")]),
    ]
    assert reliability(records) == [("[0, 0.25)", 0, 0), ("[0.25, 0.5)", 1, 0), ("[0.5, 0.8)", 1, 1),
                                    ("[0.8, 1]", 2, 2)]
    # At 0.5 the wrong pick (weakest module 0.3) is warned, the right one (0.9) is not.
    assert (0.5, 1, 1, 0, 1) in warning_rates(records)
