"""Organizations by kind: case tables of bodies that must be found (with their subtype)
and of phrases that must not be one, and a property on random mixes of name parts (their
hostile repetitions are families in benchmarks/hostile.py, bounded by test_hostile_growth)."""
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


@pytest.mark.parametrize("text, at, head", [
    ("领导小组办公室", 0, "领导小组办公室"),  # the longest head there
    ("领导小组会议", 0, "领导小组"),
    ("建委", 1, "委"),
    ("委员会", 0, "委员会"),
    ("办", 0, "办"),               # a head that ends the text
    ("领导", 0, None),             # begins a head, is none
    ("住建", 0, None),
    ("局", 1, None),               # past the end
])
def test_government_head_at(text, at, head):
    from oldcomm_ie.entities.component import default_finder
    assert default_finder().org_rules.gov._head(text, at) == head


@pytest.mark.parametrize("text, end", [
    ("住建局", 2),
    ("规划和自然资源局", 7),
    ("住建", 2),
    ("住", 0),       # a one-character part at the end of the text: no head after it
    ("住建住", 2),   # ... and never counted as a longer part that runs past the end
    ("建委", 1),     # a one-character part before its head
])
def test_government_function_parts_end_inside_the_text(text, end):
    from oldcomm_ie.entities.component import default_finder
    assert default_finder().org_rules.gov._chain(text, 0) == end
