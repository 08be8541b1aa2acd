"""Shared fixtures: the case tables under tests/cases and one loaded pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

CASES = Path(__file__).parent / "cases"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# The fast suite replays the same examples every run (no flaky red); the slow run
# (scripts/test.sh) reruns every property with "random": new seeds, more examples.
settings.register_profile("ci", max_examples=80, deadline=None, derandomize=True)
settings.register_profile("random", max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config, items):
    """Mark every hypothesis property `property`, so the slow run can select them."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.property)


def table(name: str) -> list[list[str]]:
    """Rows of a tab-separated case table (comment lines start with #)."""
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@pytest.fixture(scope="session")
def nlp():
    import oldcomm_ie

    return oldcomm_ie.load()
