"""The calibration's tables on hand-made records: support bins, the warning's hit rates, wrong picks by kind."""

from benchmarks.reference.support_tables import reliability, warning_rates, wrong_pick_kinds

#: Three picks: a right one with a weak module, a wrong one the truth table admits, a wrong one in error.
RECORDS = [
    dict(success=True, modules=[(1.0, True, "a"), (0.4, True, "b")]),
    dict(success=False, verdict="admitted", verdicts={"c": ("admitted", 2, 1)},
         modules=[(1.0, True, "a"), (0.9, False, "c")]),
    dict(success=False, verdict="error", verdicts={"d": ("error", 4, 1)}, modules=[(0.6, False, "d")]),
]


def test_reliability_counts_modules_per_bin_and_the_admitted_ones_when_asked():
    assert reliability(RECORDS) == [("[0, 0.25)", 0, 0), ("[0.25, 0.5)", 1, 1), ("[0.5, 0.8)", 1, 0),
                                    ("[0.8, 1]", 3, 2)]
    assert reliability(RECORDS, admitted=True)[-1] == ("[0.8, 1]", 3, 3)


def test_warning_rates_split_wrong_and_right_picks_by_their_weakest_module():
    rows = {level: counts for level, *counts in warning_rates(RECORDS)}
    assert rows[0.5] == [0, 2, 1, 1]  # the right pick's 0.4 module warns; no wrong pick is below 0.5
    assert rows[0.7] == [1, 2, 1, 1]  # the error's 0.6 module warns too
    # with admitted picks counted right, the admitted wrong pick joins the right ones
    assert {level: counts for level, *counts in warning_rates(RECORDS, admitted=True)}[0.7] == [1, 1, 1, 2]


def test_wrong_picks_by_kind():
    assert [(count, warned) for _, count, warned in wrong_pick_kinds(RECORDS, 0.7)] == [(0, 0), (1, 0), (1, 1)]
