"""Compound lists found from their 、 are the lists the pattern finds scanning every position."""
import pytest

from oldcomm_ie.entities.enumerations import _LIST, _lists

LONG = "长" * 30  # an item longer than the 24 characters an item may hold


@pytest.mark.parametrize(
    "text",
    [
        "涉及甲小区、乙小区、丙公司等",
        "甲、乙。丙、丁、戊",
        "、甲、乙",  # a list may not open with 、
        "甲、，乙",  # nor end in one
        "甲、",
        "无列举",
        "",
        f"甲、{LONG}、乙、丙",  # the long item is cut at 24: a list begins inside it
        f"{LONG}、甲、乙",
        "A1、（乙）、丙-2",
        "甲、、乙、丙",
    ],
)
def test_lists_are_the_pattern_scan(text):
    assert [m.span() for m in _lists(text)] == [m.span() for m in _LIST.finditer(text)]


def test_no_list_without_a_second_item():
    assert list(_lists("甲、，乙、")) == []
