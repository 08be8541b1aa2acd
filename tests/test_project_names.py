"""Project names with years, phases, bracketed scopes, counts, joined parts and listed
descriptive names, and what must not be a project: case tables in invented sentences."""
import pytest

import oldcomm_ie
from conftest import table


def entities_of(sentence):
    return {e.text: e for e in oldcomm_ie.extract(sentence).entities}


@pytest.mark.parametrize("row", table("entities_projects.tsv"), ids=lambda r: r[1])
def test_project_table(row):
    sentence, surface, label, _ = row
    found = entities_of(sentence)
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    assert found[surface].label == label
    assert sentence[found[surface].start:found[surface].end] == surface


@pytest.mark.parametrize("row", table("entities_projects_negative.tsv"), ids=lambda r: r[1])
def test_not_a_project(row):
    sentence, text = row
    found = entities_of(sentence)
    assert text not in found or found[text].label != "PROJECT"


def test_a_headline_place_is_kept_when_the_body_repeats_the_name():
    text = "青川县云栖社区旧楼改造项目招标公告\n\n青川县云栖社区旧楼改造项目已获批准。"
    names = [e.text for e in oldcomm_ie.extract(text).entities if e.label == "PROJECT"]
    assert names == ["青川县云栖社区旧楼改造项目"] * 2


def test_a_place_written_twice_begins_the_name_once():
    text = "4.青川县 青川县云栖棚户区改造项目已开工。"
    names = [e.text for e in oldcomm_ie.extract(text).entities if e.label == "PROJECT"]
    assert names == ["青川县云栖棚户区改造项目"]


@pytest.mark.parametrize("text, spans", [
    ("推进甲村自主更新、乙片区更新等示范项目。", [(0, 14)]),
    ("甲村更新、乙村改造等项目，丙村更新、丁村改造等十二个项目", [(0, 9), (13, 22)]),
    ("甲村更新、乙村改造等项目，丙村更新、丁村改造等12个项目", [(0, 9)]),  # 12 is no Han: nothing ahead
    ("A甲村更新、乙村改造等项目", [(1, 10)]),                       # the run begins after a non-Han character
    ("甲村更新、乙村改造等多个老旧小区改造项目", []),                 # 项目 over six characters ahead
    ("甲村更新、乙村改造等工作", []),                                # no 等…项目 after the list
    ("甲村更新，乙村改造等项目", []),                                # one item only: a comma is no list
    ("等项目", []),
    ("", []),
])
def test_listed_names_are_searched_only_in_runs_that_hold_a_project(text, spans):
    from oldcomm_ie.entities.projects import _LISTED_RE, _listed_matches
    assert [m.span() for m in _listed_matches(text)] == [m.span() for m in _LISTED_RE.finditer(text)] == spans
