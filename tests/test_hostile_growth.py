"""Every hostile input family of issue 13 stays linear: at 100k characters each finishes
under a bound and the short cases named in the issue stay instant (the one timed check of
the suite, marked slow; CPU time of the best of a few runs, so a busy machine does not fail
it; benchmarks/hostile.py prints the growth)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import oldcomm_ie

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from hostile import FAMILIES, timed  # noqa: E402

BOUND_100K = 5.0  # seconds; each family takes well under 1.5 s at 100k on the 2-core CI machine


def _seconds(text: str, repeat: int = 1) -> float:
    result, best = timed(text, repeat)
    spans = sorted((q.start, q.end) for q in result.quantities)
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))  # never overlapping
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_at_100k_stays_under_the_bound(name):
    oldcomm_ie.extract("预热")
    assert _seconds(FAMILIES[name](100_000)) < BOUND_100K


@pytest.mark.slow
@pytest.mark.parametrize("name,n,bound", [("government parts, no head (规划和自然资源和…好)", 129, 0.1),
                                          ("市委 repeated", 4_000, 0.1)])
def test_the_short_cases_of_the_issue_are_instant(name, n, bound):
    oldcomm_ie.extract("预热")
    assert _seconds(FAMILIES[name](n), repeat=3) < bound
