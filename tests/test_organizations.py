"""Organizations by kind: case tables of bodies that must be found (with their subtype)
and of phrases that must not be one, a property on random mixes of name parts, and the
hostile families (slow) that must stay linear."""
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from conftest import table


def orgs_of(sentence):
    return {e.text: e for e in oldcomm_ie.extract(sentence).entities if e.label == "ORG"}


@pytest.mark.parametrize("row", table("entities_org.tsv"), ids=lambda r: r[1])
def test_org_found_with_subtype(row):
    sentence, surface, subtype = row
    found = orgs_of(sentence)
    assert surface in found, f"{surface!r} not in {sorted(found)}"
    assert found[surface].subtype == subtype


@pytest.mark.parametrize("row", table("entities_org_negative.tsv"), ids=lambda r: r[1])
def test_not_an_org(row):
    sentence, surface = row
    assert surface not in orgs_of(sentence)


PARTS = ["规划", "和", "自然资源", "住房", "城乡", "建设", "市", "委", "局", "中心", "农发行", "分行",
         "支行", "人大", "届", "十七", "区府", "有限公司", "“", "”", "，", "好", "村委会"]


@given(st.lists(st.sampled_from(PARTS), max_size=60))
def test_name_parts_never_crash_and_map_back(parts):
    text = "".join(parts)
    result = oldcomm_ie.extract(text)
    spans = sorted((e.start, e.end) for e in result.entities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    for e in result.entities:
        assert text[e.start:e.end] == e.text


def _seconds(text):
    started = time.perf_counter()
    oldcomm_ie.extract(text)
    return time.perf_counter() - started


HOSTILE = {
    "function parts without a head": "规划和自然资源和" * 12_500 + "好",
    "level committees": "市委" * 50_000,
    "government bodies in a row": "市住建局、" * 20_000,
    "bank branches": "中行江宁支行、" * 14_000,
    "a list ending in 、": "青松社区、兰州医药公司、" * 8_000,
    "distinct quoted aliases": "".join(f"打造“{chr(0x4E00 + i)}{chr(0x5E00 + i)}{chr(0x6E00 + i)}”，"
                                       f"{chr(0x4E00 + i)}{chr(0x5E00 + i)}{chr(0x6E00 + i)}。" for i in range(6_000)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_family_at_100k_is_bounded(name):
    oldcomm_ie.extract("预热。")
    assert _seconds(HOSTILE[name]) < 5.0


@pytest.mark.slow
@pytest.mark.parametrize("text", ["规划和自然资源和" * 16 + "好", "市委" * 2_000], ids=["129 chars", "4k chars"])
def test_short_hostile_cases_are_fast(text):
    oldcomm_ie.extract("预热。")
    assert _seconds(text) < 0.1


LISTS = [
    # (sentence, surface, label): a work unit among compounds stands for its housing
    ("今年改造青松社区、红星小区、翠湖社区、兰州市医药有限责任公司、白塔社区等小区。",
     "兰州市医药有限责任公司", "PLACE"),
    ("兰州城投集团、兰州建工集团、红星小区共同参与。", "兰州城投集团", "ORG"),
    ("兰州城投集团、兰州建工集团、红星小区共同参与。", "兰州建工集团", "ORG"),
]


@pytest.mark.parametrize("sentence,surface,label", LISTS, ids=[r[1] + r[2] for r in LISTS])
def test_work_units_in_compound_lists(sentence, surface, label):
    found = {e.text: e for e in oldcomm_ie.extract(sentence).entities}
    assert surface in found and found[surface].label == label
