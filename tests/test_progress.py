"""Progress of a search: one overall line, throttled, with the time left."""

from sksculpt._progress import SearchProgress


def run(times, events, verbose=1, n_networks=4, n_unit_runs=2):
    lines = []
    clock = iter(times)
    progress = SearchProgress(n_networks, n_unit_runs, verbose, sink=lines.append, clock=lambda: next(clock))
    for event in events:
        getattr(progress, event)(*(("detail",) if event.endswith("s_done") else ()))
    return lines


def test_lines_are_throttled_and_the_ends_of_sculpting_and_detection_always_reported():
    events = ["units_done", "units_done", "edges_done", "edges_done", "edges_done", "edges_done"] + [
        "network_detected"] * 4
    times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]  # one second apart: nothing reaches the 10 s interval
    lines = run(times, events)
    assert lines == [
        "[sksculpt] 4/4 networks sculpted, 0/4 detected, 6 s elapsed",
        "[sksculpt] 4/4 networks sculpted, 4/4 detected, 10 s elapsed",
    ]


def test_time_left_adds_each_phase_per_network_times_the_networks_left():
    events = ["units_done", "units_done", "edges_done", "edges_done", "edges_done", "edges_done",
              "network_detected"]
    times = [0, 10, 20, 40, 41, 42, 60, 72]  # sculpting 60 s for 4 networks, detection 12 s for the first
    lines = run(times, events)
    assert lines[0] == "[sksculpt] 0/4 networks sculpted (unit pruning), 0/4 detected, 10 s elapsed"
    assert lines[1] == "[sksculpt] 0/4 networks sculpted (edge pruning), 0/4 detected, 20 s elapsed"
    assert lines[2] == (
        "[sksculpt] 1/4 networks sculpted (edge pruning), 0/4 detected, 40 s elapsed, "
        "about 2 min 00 s of sculpting left"
    )
    assert lines[-2] == "[sksculpt] 4/4 networks sculpted, 0/4 detected, 1 min 00 s elapsed"
    assert lines[-1] == "[sksculpt] 4/4 networks sculpted, 1/4 detected, 1 min 12 s elapsed, about 36 s left"


def test_verbose_2_adds_a_line_per_network_and_a_cache_counts_at_once():
    lines = []
    clock = iter([0, 1, 2, 3])
    progress = SearchProgress(2, 1, 2, sink=lines.append, clock=lambda: next(clock))
    progress.units_done("seed 0  P_u 50: units done")
    progress.loaded(0, 1)
    assert lines == ["[sksculpt] seed 0  P_u 50: units done", "[sksculpt] 1 networks loaded from memory"]
    progress.edges_done("seed 0  P_u 50  P_e 1.5: edges done")
    assert lines[-1] == "[sksculpt] 2/2 networks sculpted, 0/2 detected, 3 s elapsed"
