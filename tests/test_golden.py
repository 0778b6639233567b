"""Seeded fits give the pinned results of ``tests/data/golden_fits.json``, bit for bit."""

import json

import pytest
from golden import GOLDEN_CASES, GOLDEN_PATH, fit_case, summarize

GOLDEN = json.loads(GOLDEN_PATH.read_text())


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_fit_gives_the_pinned_result(name):
    got = summarize(fit_case(name))
    want = GOLDEN[name]
    assert got["history"] == want["history"]
    assert got["masks"] == want["masks"]
    assert got["modules"] == want["modules"]
