"""The authors' per-trial settings: the data file, its loader, the picked and grid runs, the summaries."""

import csv
import json
import os
import pickle
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
import torch

from benchmarks.common import cache as _cache
from benchmarks.common.facts import POSTER_EXEMPLARS
from benchmarks.common.grid import Grid
from benchmarks.common.tasks import load_task
from benchmarks.reference import exemplars, readings
from benchmarks.reference import fits as _reference_trial
from benchmarks.reference import run as reference
from benchmarks.reference.masks import detect_authors_net, load_masks, mask_path
from benchmarks.reference.report import (
    exemplar_table,
    grid_table,
    pick_with_sibling_seeds,
    structure_of,
    structure_table,
    summarise_grid,
    summarise_picked,
    summarise_structures,
)
from benchmarks.reference.settings import (
    DATA_PATH,
    classifier_params,
    group_by_trial,
    parse_row,
    read_reference_rows,
    row_params,
    select_rows,
)
from sksculpt.detection import ModuleDetector

ROWS = read_reference_rows()
TRIALS = group_by_trial(ROWS)

#: The poster's exemplar settings (benchmarks/data/paper_facts.json): task, hidden layers, lr, batch, epochs, seed,
#: P_u, P_e.
POSTER_SETTINGS = [
    ("input_separable", (24, 24), 0.05, 8, 10, 0, 65.0, 1.5),
    ("reused:m=16", (24, 24), 0.1, 8, 40, 0, 70.0, 2.5),
    ("separable_reused", (24, 24), 0.05, 32, 10, 0, 60.0, 0.5),
    ("single", (24, 24), 0.05, 8, 30, 0, 15.0, 2.5),
    ("overlap:overlap=0,m=8", (24, 24), 0.1, 32, 40, 0, 70.0, 2.5),
    ("overlap:overlap=1,m=8", (24, 24), 0.1, 32, 40, 0, 55.0, 1.0),
    ("overlap:overlap=2,m=8", (24, 24), 0.1, 32, 40, 0, 65.0, 2.0),
    ("overlap:overlap=3,m=8", (24, 24), 0.05, 16, 20, 0, 25.0, 2.0),
    ("overlap:overlap=4,m=8", (36, 36), 0.1, 16, 20, 1, 60.0, 2.5),
    ("reused:m=2", (24, 24), 0.1, 8, 30, 5, 45.0, 1.0),
    ("reused:m=4", (24, 24), 0.1, 8, 40, 0, 55.0, 2.5),
    ("reused:m=8", (24, 24), 0.1, 16, 30, 0, 40.0, 2.5),
    ("reused:m=12", (24, 24), 0.1, 8, 40, 0, 65.0, 2.0),
    ("depth:m=4", (48, 48), 0.05, 64, 40, 0, 70.0, 2.0),
    ("depth:m=4", (48, 48, 48), 0.1, 128, 40, 0, 35.0, 1.0),
    ("depth:m=4", (48, 48, 48, 48), 0.05, 128, 40, 0, 10.0, 1.0),
]


def settings(row):
    trial = row.trial
    return (trial.task, trial.hidden_layer_sizes, trial.lr, trial.batch_size, trial.max_epochs, trial.seed,
            row.unit_prune_step, row.edge_prune_step)


def csv_record(**changes):
    """The first record of the data file, with some fields changed."""
    with open(DATA_PATH, newline="") as file:
        return dict(next(csv.DictReader(file)), **changes)


def test_rows_and_trials_per_experiment():
    assert Counter(row.trial.experiment for row in ROWS) == {
        "exemplars": 160, "input_overlap_exp": 913, "increasing_hierarchical_levels": 260,
        "non_separable_increasing_use": 166,
    }
    assert Counter(trial.experiment for trial in TRIALS) == {
        "exemplars": 160, "input_overlap_exp": 900, "increasing_hierarchical_levels": 240,
        "non_separable_increasing_use": 144,
    }
    assert Counter(len(picks) for picks in TRIALS.values()) == {1: 1391, 2: 51, 3: 2}
    assert len({row.key() for row in ROWS}) == len(ROWS)
    assert len({trial.key() for trial in TRIALS}) == len(TRIALS)


def test_overlap_experiment_is_five_overlaps_by_five_uses_by_nine_architectures_by_four_seeds():
    trials = [trial for trial in TRIALS if trial.experiment == "input_overlap_exp"]
    assert {(trial.overlap, trial.m) for trial in trials} == {(o, m) for o in range(5) for m in (2, 4, 8, 12, 16)}
    assert {trial.hidden_layer_sizes for trial in trials} == {(w,) * d for w in (24, 36, 48) for d in (1, 2, 3)}
    assert {trial.seed for trial in trials} == {0, 1, 2, 5}


def test_depth_and_reuse_experiments_cover_their_axes():
    depth = [trial for trial in TRIALS if trial.experiment == "increasing_hierarchical_levels"]
    assert {trial.family for trial in depth} == {"depth"}
    assert {trial.hidden_layer_sizes for trial in depth} == {(w,) * d for w in (36, 48, 60) for d in (1, 2, 3, 4)}
    assert {trial.m for trial in depth} == {2, 4, 8, 12, 16}
    reuse = [trial for trial in TRIALS if trial.experiment == "non_separable_increasing_use"]
    assert {(trial.family, trial.m) for trial in reuse} == {("reused", m) for m in (2, 4, 8, 12)}


def test_every_row_maps_to_a_task_with_the_architecture_ends():
    tasks = {}
    for row in ROWS:
        trial = row.trial
        if trial.task not in tasks:
            tasks[trial.task] = load_task(trial)
        task = tasks[trial.task]
        assert task.data.shape[1] == row.modularity[0] and task.target.shape[1] == row.modularity[-1]
        assert trial.step_size == trial.depth + 1
    assert len(tasks) == 4 + 25 + 5 + 4


@pytest.mark.parametrize("expected", POSTER_SETTINGS, ids=lambda setting: f"{setting[0]}-{len(setting[1])}")
def test_the_posters_exemplar_settings_are_rows_of_the_data(expected):
    assert sum(settings(row) == expected for row in ROWS) == 1


def test_the_report_knows_the_same_exemplars():
    assert [(e.task, e.hidden_layer_sizes, e.seed, e.unit_prune_step, e.edge_prune_step) for e in POSTER_EXEMPLARS] \
        == [(s[0], s[1], s[5], s[6], s[7]) for s in POSTER_SETTINGS]


def test_a_row_maps_to_classifier_parameters():
    (row,) = [row for row in ROWS if settings(row) == POSTER_SETTINGS[0]]
    assert (row.script, row.line, row.modularity) == ("input_separable.sh", 18, (4, 2, 4))
    assert row_params(row) == dict(
        hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10, random_state=0,
        unit_prune_step=65.0, edge_prune_step=1.5,
    )
    overlap = load_task(replace(row.trial, family="overlap", overlap=3, m=8))
    assert overlap.data.shape == (32, 5) and overlap.target.shape == (32, 8)


def test_a_step_size_other_than_the_default_passes_a_detector():
    trial = replace(ROWS[0].trial, step_size=1)
    detector = classifier_params(trial)["detector"]
    assert isinstance(detector, ModuleDetector) and detector.get_params() == ModuleDetector(step_size=1).get_params()


@pytest.mark.parametrize(("changes", "message"), [
    (dict(experiment="MNIST"), "Unknown experiment"),
    (dict(n_outputs="5"), "architecture ends"),
])
def test_malformed_records_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        parse_row(csv_record(**changes))


def test_a_missing_column_is_refused():
    record = csv_record()
    del record["step_size"]
    with pytest.raises(ValueError, match="Columns"):
        parse_row(record)


def test_rows_are_selected_by_experiment_seed_width_and_depth():
    selected = select_rows(ROWS, experiments={"exemplars"}, seeds={0}, widths={24}, depths={2})
    assert [row.trial.task for row in selected] == ["input_separable", "separable_reused", "single", "reused:m=16"]
    assert select_rows(ROWS) == ROWS
    depth = select_rows(ROWS, experiments={"increasing_hierarchical_levels"}, seeds={0}, widths={48}, ms={4})
    assert [row.trial.hidden_layer_sizes for row in depth] == [(48,), (48, 48), (48,) * 3, (48,) * 4]
    overlap = group_by_trial(select_rows(ROWS, experiments={"input_overlap_exp"}, overlaps={3, 4}))
    assert len(overlap) == 360 and {trial.overlap for trial in overlap} == {3, 4}


def tiny_row():
    """A row of the data made quick to fit: 4 hidden units, 3 epochs per round."""
    row = ROWS[0]
    return replace(row, trial=replace(row.trial, hidden_layer_sizes=(4,), max_epochs=3), unit_prune_step=50.0)


def test_a_picked_fit_records_the_net_and_is_json_serialisable():
    result = _reference_trial.fit_picked(tiny_row())
    assert json.loads(json.dumps(result)) == result
    assert result["trial"]["task"] == "input_separable"
    assert (result["script"], result["line"]) == ("input_separable.sh", 3)
    point = result["point"]
    assert (point["unit_step"], point["edge_step"]) == (50.0, 2.5)
    assert len(point["units_left"]) == 3 and point["units_left"][0] <= 4 and point["units_left"][-1] == 4
    assert 0 <= point["score"] <= 1 and 0 < point["density"] <= 1


def test_cached_jobs_are_not_run_again(tmp_path):
    lines = []
    assert _cache.run_cached({"a": 1, "b": 2}, lambda x: {"double": 2 * x}, tmp_path, progress=lines.append) \
        == [{"double": 2}, {"double": 4}]
    assert lines[0] == f"0 of 2 jobs cached in {tmp_path}; running 2" and len(lines) == 3

    def must_not_run(argument):
        raise AssertionError("a cached job was computed again")

    assert _cache.run_cached({"b": 2}, must_not_run, tmp_path, progress=lines.append) == [{"double": 4}]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.json", "b.json"]


def fake_point(unit_step, edge_step, score):
    return dict(unit_step=unit_step, edge_step=edge_step, score=score, accuracy=1.0, edges_left=int(10 * unit_step),
                density=0.01, modules=[["0", "0"]], module_edges=[], structure="in 0 out 0")


def test_a_grid_trial_reads_the_authors_and_the_rules_picks_off_the_engines_points():
    rows = [row for row in ROWS if settings(row) == POSTER_SETTINGS[0]]
    calls = []

    def engine(task, params, unit_steps, edge_steps, seed):
        calls.append((task.data.shape, params, unit_steps, edge_steps, seed))
        return [fake_point(u, e, float(u == 65.0)) for u in unit_steps for e in edge_steps]

    grid = Grid(unit_steps=(30.0, 65.0), edge_steps=(1.5, 2.5))
    result = _reference_trial.grid_trial(rows[0].trial, rows, grid, engine=engine)
    assert calls == [((16, 4), dict(hidden_layer_sizes=(24, 24), lr=0.05, batch_size=8, max_epochs=10),
                      (30.0, 65.0), (1.5, 2.5), 0)]
    # x0 feeds y0 in input_separable: the fake net's one path is used.
    assert result["authors"] == [dict(fake_point(65.0, 1.5, 1.0), spurious_paths=0)]
    assert result["picks"]["oracle"] == result["authors"][0]
    assert len(result["points"]) == 4


def picked_result(row, score, density=0.02):
    trial = row.trial
    return dict(
        trial=dict(experiment=trial.experiment, task=trial.task, family=trial.family, m=trial.m, overlap=trial.overlap,
                   hidden_layer_sizes=list(trial.hidden_layer_sizes), seed=trial.seed),
        point=dict(unit_step=row.unit_prune_step, edge_step=row.edge_prune_step, score=score, accuracy=1.0,
                   density=density, seconds=1.0, units_left=[5, 3, 2, 2]),
    )


def test_a_trial_succeeds_when_any_of_its_picks_does():
    rows = [row for row in ROWS if row.trial.experiment == "input_overlap_exp" and row.trial.overlap == 3
            and row.trial.m == 2 and row.trial.hidden_layer_sizes == (24, 24)]
    assert len(rows) == 6 and len(group_by_trial(rows)) == 4
    scores = {row.line: 0.5 for row in rows} | {rows[0].line: 1.0, rows[2].line: 1.0, rows[3].line: 1.0}
    (summary,) = summarise_picked([picked_result(row, scores[row.line]) for row in rows], "input_overlap_exp")
    assert summary["group"] == "3" and (summary["trials"], summary["successes"]) == (4, 2)
    assert (summary["picks"], summary["pick_successes"], summary["paper"]) == (6, 3, None)


def test_the_exemplar_summary_stands_beside_the_posters_table():
    rows = select_rows(ROWS, experiments={"exemplars"}, widths={24, 36, 48})
    results = [picked_result(row, 1.0) for row in rows]
    summaries = summarise_picked(results, "exemplars")
    assert [(row["group"], row["successes"], row["paper"]) for row in summaries] == [
        ("input_separable", 36, (36, 36)), ("reused:m=16", 36, (35, 36)), ("separable_reused", 36, (36, 36)),
        ("single", 36, (36, 36)),
    ]
    table = exemplar_table(results)
    assert "| headline | input_separable | [24, 24] | 0 | 65 / 1.5 | 1.000 | 2.00 % (2.08 %) |" in table
    assert "[5, 3, 2, 2] ([4, 3, 2, 16])" in table


def structure_result(row, modules, module_edges, score):
    """A picked result of ``row`` whose net shows the given modules (``[inputs, outputs]`` text) and edges."""
    result = picked_result(row, score)
    result["modularity"] = list(row.modularity)
    result["point"] |= dict(modules=modules, module_edges=module_edges)
    return result


#: The reused task's expected structure (m = 4), and the one-module collapse.
REUSED_MODULES = ([["0,1,2,3", ""], ["", "0,2"], ["", "1,3"]], [[0, 1], [0, 2]])
ONE_MODULE = ([["0,1,2,3", "0,1,2,3"]], [])


def test_a_structure_reads_even_odd_and_all_outputs_and_ignores_module_order():
    reused = next(row for row in ROWS if row.trial.family == "reused" and row.trial.m == 4)
    expected = structure_of(structure_result(reused, *REUSED_MODULES, 1.0))
    assert expected == ("{even outputs} {odd outputs} {x0 x1 x2 x3}; "
                        "{x0 x1 x2 x3} -> {even outputs}, {x0 x1 x2 x3} -> {odd outputs}")
    reordered = ([["", "1,3"], ["0,1,2,3", ""], ["", "0,2"]], [[1, 2], [1, 0]])
    assert structure_of(structure_result(reused, *reordered, 1.0)) == expected
    assert structure_of(structure_result(reused, *ONE_MODULE, 0.125)) == "{x0 x1 x2 x3 all outputs}"
    assert structure_of(structure_result(reused, [["0", ""], ["", ""], ["", "0"]], [[0, 1], [1, 2]], 0.1)) == (
        "{hidden} {x0} {y0}; {hidden} -> {y0}, {x0} -> {hidden}"
    )
    # Tasks without the even / odd split name their outputs.
    separable = ROWS[0]
    assert structure_of(structure_result(separable, [["0,1", "0,1"], ["2,3", "2,3"]], [], 1.0)) == (
        "{x0 x1 y0 y1} {x2 x3 y2 y3}"
    )


def test_the_structure_summary_counts_nets_and_trials_per_group_in_numeric_order():
    rows = select_rows(ROWS, experiments={"non_separable_increasing_use"}, widths={24}, seeds={0}, depths={1, 2})

    def outputs(m, start=0, step=1):
        return ",".join(map(str, range(start, m, step)))

    results = [
        structure_result(row, [["0,1,2,3", outputs(row.trial.m)]], [], 0.125) if row.trial.depth == 1 else
        structure_result(row, [["0,1,2,3", ""], ["", outputs(row.trial.m, 0, 2)], ["", outputs(row.trial.m, 1, 2)]],
                         [[0, 1], [0, 2]], 1.0)
        for row in rows
    ]
    summary = summarise_structures(results, "non_separable_increasing_use", split="depth", top=1)
    assert [row["group"] for row in summary] == [
        "2 depth 1", "2 depth 2", "4 depth 1", "4 depth 2", "8 depth 1", "8 depth 2", "12 depth 1", "12 depth 2",
    ]
    first = summary[0]
    assert (first["count"], first["picks"], first["trials"], first["score"]) == (1, 1, 1, 0.125)
    assert summary[1]["structure"].startswith("{even outputs} {odd outputs} {x0 x1 x2 x3};")
    assert structure_table(summary, "use m").splitlines()[2] == (
        "| 2 depth 1 | 1/1 | 1 | 0.125 | {x0 x1 x2 x3 all outputs} |"
    )
    # Numeric order holds for the success table too.
    picked = summarise_picked(results, "non_separable_increasing_use", split="depth")
    assert [row["group"] for row in picked] == [row["group"] for row in summary]


def test_the_command_line_lists_structures_on_request(tmp_path, monkeypatch, capsys):
    row = ROWS[0]
    write_authors_masks(row, tmp_path, separable_masks(24))
    monkeypatch.setattr(reference, "select_rows", lambda *args: (row,))
    summaries = reference.main(["--mode", "authors", "--experiments", "exemplars", "--reference-results",
                                str(tmp_path), "--structures", "2"])
    assert summaries["exemplars:structures"][0]["structure"] == "{x0 x1 y0 y1} {x2 x3 y2 y3}"
    assert "| input_separable | 1/1 | 1 | 1.000 | {x0 x1 y0 y1} {x2 x3 y2 y3} |" in capsys.readouterr().out


def test_the_command_line_runs_the_picked_mode_from_the_cache(tmp_path, monkeypatch, capsys):
    row = select_rows(ROWS, experiments={"exemplars"}, seeds={0}, widths={24}, depths={2})[0]
    _cache.save_result(tmp_path / "picked", row.key(), picked_result(row, 1.0))
    monkeypatch.setattr(reference, "fit_picked", lambda row: pytest.fail("a cached row was fitted again"))
    monkeypatch.setattr(reference, "select_rows", lambda *args: (row,))
    summaries = reference.main(["--experiments", "exemplars", "--cache-dir", str(tmp_path)])
    assert summaries["exemplars"][0]["successes"] == 1
    out = capsys.readouterr().out
    assert "| input_separable | 1/1 | - |" in out and "| headline | input_separable |" in out



def test_the_grid_summary_counts_the_authors_and_each_rules_successes():
    rows = select_rows(ROWS, experiments={"non_separable_increasing_use"}, widths={24}, depths={1}, seeds={0})
    # The authors' picks: m = 2 at (35, 1.5) and m = 4 at (45, 2.5) lie off this grid,
    # m = 8 at (40, 2.5) and m = 12 at (65, 2.5) on it.
    grid = Grid(unit_steps=(40.0, 65.0, 70.0), edge_steps=(2.5,))

    def engine(task, params, unit_steps, edge_steps, seed):
        many_outputs = task.target.shape[1] >= 8
        return [fake_point(u, e, float(many_outputs and u >= 65.0)) for u in unit_steps for e in edge_steps]

    results = [
        _reference_trial.grid_trial(trial, picks, grid, engine=engine) for trial, picks in group_by_trial(rows).items()
    ]
    assert [result["authors"][0] is None for result in results] == [True, True, False, False]
    summary = summarise_grid(results, "non_separable_increasing_use")
    assert [(row["group"], row["trials"], row["authors"], row["oracle"]) for row in summary] == [
        ("2", 1, 0, 0), ("4", 1, 0, 0), ("8", 1, 0, 1), ("12", 1, 1, 1),
    ]
    by_seed = summarise_grid(results, "non_separable_increasing_use", split="seed")
    assert [row["group"] for row in by_seed] == ["2 seed 0", "4 seed 0", "8 seed 0", "12 seed 0"]
    assert grid_table(summary, "use m").splitlines()[0] == (
        "| use m | authors pick | oracle pick | sparsest pick | consensus pick | seed_vote pick "
        "| relay_free_vote pick | majority pick |"
    )


def test_grid_picks_are_made_again_with_the_other_seeds_of_the_architecture_voting():
    def point(edges, structure, score):
        return dict(fake_point(70.0, edges / 10, score), edges_left=edges, structure=structure)

    trial = _reference_trial.trial_record(next(iter(TRIALS)))
    own = dict(trial=trial, points=[point(10, "s1", 0.5), point(12, "s2", 1.0)], authors=[], picks={})
    sibling = dict(trial=dict(trial, seed=trial["seed"] + 1), points=[point(5, "s2", 1.0)], authors=[], picks={})
    other_architecture = dict(trial=dict(trial, hidden_layer_sizes=[99]), points=[point(5, "s2", 1.0)],
                              authors=[], picks={})
    pick_with_sibling_seeds([own, other_architecture])
    assert own["picks"]["seed_vote"]["edges_left"] == 10  # alone: a tie of structures, the sparser net
    pick_with_sibling_seeds([own, sibling, other_architecture])
    assert own["picks"]["seed_vote"]["edges_left"] == 12  # the sibling seed also reaches s2
    assert own["picks"]["oracle"]["edges_left"] == 12 and sibling["picks"]["seed_vote"]["edges_left"] == 5


def write_authors_masks(row, results_dir, masks):
    """Save masks where and as the reference does: torch tensors of shape (n_out, n_in), pickled."""
    path = mask_path(row, results_dir)
    path.parent.mkdir(parents=True)
    with open(path, "wb") as file:
        pickle.dump([torch.tensor(mask.T, dtype=torch.float32) for mask in masks], file)


def separable_masks(width):
    """A sculpted [4, width, 4] net with the input-separable task's two modules."""
    first, last = np.zeros((4, width), dtype=bool), np.zeros((width, 4), dtype=bool)
    first[[0, 1], 0] = first[[2, 3], 1] = True
    last[0, [0, 1]] = last[1, [2, 3]] = True
    return [first, last]


def test_the_authors_masks_are_found_where_the_reference_keeps_them(tmp_path):
    row = ROWS[0]
    assert mask_path(row, tmp_path) == tmp_path / "exemplar/unit_edge/[4, 2, 4]/Masks/[4, 24, 4]" / (
        "pruneactivation_gradient_productboolean0.0581570.02.5None1.0_Mask0.pkl"
    )
    overlap = next(row for row in ROWS if row.trial.experiment == "input_overlap_exp")
    assert mask_path(overlap, tmp_path).parts[-6:-3] == ("input_overlap_exp", "unit_edge", "[8, 2, 2]")


def test_the_authors_net_is_detected_and_scored(tmp_path):
    row = ROWS[0]
    write_authors_masks(row, tmp_path, separable_masks(24))
    assert [mask.tolist() for mask in load_masks(mask_path(row, tmp_path))] == \
        [mask.tolist() for mask in separable_masks(24)]
    point = detect_authors_net(row, tmp_path)["point"]
    assert (point["score"], point["edges_left"], point["units_left"]) == (1.0, 8, [4, 2, 4])
    assert point["modules"] == [["0,1", "0,1"], ["2,3", "2,3"]]
    assert point["accuracy"] is None and point["seconds"] is None


def test_a_mask_file_may_hold_nothing_but_tensors(tmp_path):
    path = tmp_path / "mask.pkl"
    path.write_bytes(pickle.dumps(os.getcwd))
    with pytest.raises(pickle.UnpicklingError, match="not part of a mask file"):
        load_masks(path)


def test_the_command_line_scores_the_authors_nets(tmp_path, monkeypatch, capsys):
    row = ROWS[0]
    write_authors_masks(row, tmp_path, separable_masks(24))
    monkeypatch.setattr(reference, "select_rows", lambda *args: (row,))
    summaries = reference.main(
        ["--mode", "authors", "--experiments", "exemplars", "--reference-results", str(tmp_path)]
    )
    assert (summaries["exemplars"][0]["successes"], summaries["exemplars"][0]["accurate"]) == (1, None)
    assert "| input_separable | 1/1 | - | 1/1 | - | 4.17 % | 1.000 | 0 s |" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="--reference-results"):
        reference.main(["--mode", "authors"])


def test_each_exemplar_is_one_row_and_is_refit_at_other_seeds_with_its_settings():
    rows = [exemplars.exemplar_row(ROWS, exemplar) for exemplar in POSTER_EXEMPLARS]
    assert [settings(row) for row in rows] == POSTER_SETTINGS
    moved = exemplars.reseeded(rows[0], 5)
    assert moved.trial.seed == 5 and moved.key() != rows[0].key()
    assert settings(moved)[:5] == settings(rows[0])[:5] and settings(moved)[6:] == settings(rows[0])[6:]
    assert moved.trial.step_size == rows[0].trial.step_size and moved.script == rows[0].script
    with pytest.raises(ValueError, match="0 rows match"):
        exemplars.exemplar_row(ROWS, replace(POSTER_EXEMPLARS[0], unit_prune_step=1.0))


def test_the_seed_summary_counts_exact_scores_and_the_authors_structure():
    exemplar = next(e for e in POSTER_EXEMPLARS if e.task == "reused:m=4")
    row = exemplars.exemplar_row(ROWS, exemplar)
    results = [
        structure_result(exemplars.reseeded(row, 0), *ONE_MODULE, 0.125),
        structure_result(exemplars.reseeded(row, 1), *REUSED_MODULES, 1.0),
        structure_result(exemplars.reseeded(row, 5), [["0,1,2,3", ""], ["", "0,1,2,3"]], [[0, 1]], 0.4),
    ]
    authors = structure_result(row, *REUSED_MODULES, 1.0)
    summary = exemplars.summarise_seeds(exemplar, results, authors)
    assert summary["exact"] == [1] and summary["like_authors"] == [1]
    assert [entry["seed"] for entry in summary["seeds"]] == [0, 1, 5]
    assert summary["seeds"][0]["structure"] == "{x0 x1 x2 x3 all outputs}"
    assert summary["authors_structure"] == structure_of(authors) and summary["pick"] == "55 / 2.5"
    table = exemplars.seeds_table([summary])
    assert table.splitlines()[0].startswith("| figure | task | architecture | P_u / P_e | seed 0 | seed 1 | seed 5 |")
    assert table.splitlines()[2] == (
        "| reuse | reused:m=4 | [24, 24] | 55 / 2.5 | 0.125 (2.00 %)* | 1.000 (2.00 %) | 0.400 (2.00 %) | 1 | "
        "1.000 | 1 |"
    )
    # Without the authors' nets the comparison is left out.
    bare = exemplars.summarise_seeds(exemplar, results[:1])
    assert bare["like_authors"] is None and bare["seeds"][0]["authors_structure"] is None
    assert exemplars.seeds_table([bare]).splitlines()[2] == (
        "| reuse | reused:m=4 | [24, 24] | 55 / 2.5 | 0.125 (2.00 %)* | none |"
    )


def test_the_exemplar_seeds_command_line_runs_from_the_cache(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(exemplars, "POSTER_EXEMPLARS", POSTER_EXEMPLARS[:1])
    row = exemplars.exemplar_row(ROWS, POSTER_EXEMPLARS[0])
    for seed, score in ((0, 0.5), (2, 1.0)):
        fitted = exemplars.reseeded(row, seed)
        _cache.save_result(tmp_path / "picked", fitted.key(),
                           structure_result(fitted, [["0,1", "0,1"], ["2,3", "2,3"]], [], score))
    monkeypatch.setattr(exemplars, "fit_picked", lambda row: pytest.fail("a cached fit was run again"))
    (summary,) = exemplars.main(["--seeds", "0", "2", "--cache-dir", str(tmp_path)])
    assert summary["exact"] == [2]
    assert "1 of 1 exemplars score 1.0 at some seed" in capsys.readouterr().out
    (summary,) = exemplars.main(["--seeds", "0", "2", "--cache-dir", str(tmp_path), "--reading", "layered"])
    assert summary["exact"] == [0, 2]  # scored again: the cached 0.5 was not the module graph's score


#: Module graphs of depth nets as cached points hold them: g1 = x0..x3, g2 = x4..x7, m = 4.
LAYERED_DEPTH = dict(modules=[["0,1,2,3", ""], ["4,5,6,7", ""], ["", ""], ["", "0,2"], ["", "1,3"]],
                     module_edges=[[0, 2], [1, 2], [2, 3], [2, 4]])
SHALLOW_DEPTH = dict(modules=[["0,1,2,3", ""], ["4,5,6,7", ""], ["", "0,1,2,3"]], module_edges=[[0, 2], [1, 2]])


def depth_grid_result(hidden_layers):
    """A depth trial's grid with a layered net (sparser) and a shallow-reading net."""
    trial = next(trial for trial in TRIALS if trial.family == "depth" and trial.m == 4
                 and len(trial.hidden_layer_sizes) == hidden_layers)
    points = [dict(fake_point(70.0, 2.5, 0.3), **LAYERED_DEPTH, edges_left=10),
              dict(fake_point(10.0, 0.5, 0.3), **SHALLOW_DEPTH, edges_left=20)]
    return dict(trial=_reference_trial.trial_record(trial), points=points, authors=[dict(points[1])],
                picks={"oracle": points[0]})


@pytest.mark.parametrize("hidden_layers, reading, right, oracle_edges", [
    (4, "layered", [True, False], 10),
    (4, "paper", [True, False], 10),
    (2, "layered", [True, False], 10),
    (2, "paper", [False, True], 20),
])
def test_cached_nets_are_scored_again_under_a_reading(hidden_layers, reading, right, oracle_edges):
    results = pick_with_sibling_seeds(readings.rescore([depth_grid_result(hidden_layers)], reading))
    assert [point["score"] == 1.0 for point in results[0]["points"]] == right
    assert all(0.3 < point["score"] for point in results[0]["points"])
    assert results[0]["authors"][0]["score"] == results[0]["points"][1]["score"]
    assert results[0]["picks"]["oracle"]["edges_left"] == oracle_edges


def test_the_exact_reading_keeps_the_cached_scores():
    result = depth_grid_result(4)
    assert readings.rescore([result], "exact")[0]["points"][0]["score"] == 0.3


def test_the_command_line_scores_the_authors_nets_under_the_papers_reading(tmp_path, monkeypatch, capsys):
    row = next(row for row in ROWS if row.trial.family == "depth" and len(row.trial.hidden_layer_sizes) == 1)
    first, last = np.zeros((8, row.trial.hidden_layer_sizes[0]), dtype=bool), None
    first[0:4, 0] = first[4:8, 1] = True
    last = np.zeros((row.trial.hidden_layer_sizes[0], row.trial.m), dtype=bool)
    last[[0, 1], :] = True
    write_authors_masks(row, tmp_path, [first, last])
    monkeypatch.setattr(reference, "select_rows", lambda *args: (row,))
    arguments = ["--mode", "authors", "--experiments", "increasing_hierarchical_levels",
                 "--reference-results", str(tmp_path)]
    assert reference.main(arguments)["increasing_hierarchical_levels"][0]["successes"] == 0
    assert reference.main([*arguments, "--reading", "paper"])["increasing_hierarchical_levels"][0]["successes"] == 1
