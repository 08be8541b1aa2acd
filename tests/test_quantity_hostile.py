"""Hostile input for the quantity stage: one reading per character, capped numerals,
and (slow) linear time on the families of issue 13."""
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from oldcomm_ie.numerals import MAX_NUMERAL_CHARS, parse_number
from oldcomm_ie.quantities import find_quantities, parse_quantity


def assert_disjoint(found, text):
    spans = sorted((q.start, q.end) for q in found)
    for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert b <= c, f"{text[a:b]!r} and {text[c:]!r} share characters"
    assert all(0 <= a < b <= len(text) for a, b in spans)


@pytest.mark.parametrize("text,readings", [
    ("3万美元5万", [("3万美元", Decimal(30000), "美元")]),
    ("票价3港元2元", [("3港元", Decimal(3), "港元")]),
    ("每户补贴5000元3000元另付", [("5000元", Decimal(5000), "元"), ("3000元", Decimal(3000), "元")]),
    ("人民币3万美元", [("3万美元", Decimal(30000), "美元")]),
])
def test_one_reading_per_character(text, readings):
    found = find_quantities(text)
    assert_disjoint(found, text)
    assert [(text[q.start:q.end], q.value, q.unit) for q in found] == readings


ALPHABET = list("0123456789一二两三十百千万亿兆点.-到至~和与之间约近余多左右以上元美港币人民平方米户个栋年月%成倍") + [
    "美元", "港元", "人民币", "平方米", "每平方米", "个亿", "总投资", "1+2", "www.", "第", "十四五",
    "两个一百年", "，", "、", " "]


@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join), st.booleans())
def test_quantities_never_overlap(text, bare):
    found = find_quantities(text, bare=bare)
    assert_disjoint(found, text)
    assert all(q.end - q.start <= 2 * MAX_NUMERAL_CHARS + 40 for q in found)


@given(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_parse_quantity_never_raises_and_points_into_input(text):
    q = parse_quantity(text)
    if q is not None:
        assert 0 <= q["start"] < q["end"] <= len(text)


@pytest.mark.parametrize("text", [
    "1到一" + "兆" * 83334,
    "一" + "兆" * 5000,
    "1至" + "9" * 5000 + "万元",
    "3" + "万" * 5000 + "元到4" + "亿" * 5000 + "元",
    "负" + "十" * 3000 + "分之" + "一" * 3000,
])
def test_numerals_are_capped_in_every_path(text):
    found = find_quantities(text)  # no decimal.Overflow
    assert all(q.end - q.start <= 2 * MAX_NUMERAL_CHARS + 40 for q in found)
    parse_quantity(text)


@pytest.mark.parametrize("numeral,ok", [("一" + "兆" * (MAX_NUMERAL_CHARS - 1), True),
                                        ("一" + "兆" * MAX_NUMERAL_CHARS, False),
                                        ("9" * (MAX_NUMERAL_CHARS + 1), False)])
def test_parse_number_refuses_overlong_numerals(numeral, ok):
    assert (parse_number(numeral) is not None) == ok


def test_range_partner_is_capped():
    text = "面积3到" + "4" * (MAX_NUMERAL_CHARS + 5) + "平方米"
    assert all(q.value_max is None for q in find_quantities(text))


def _families():
    """The families of benchmarks/hostile_quantities.py (one definition for both)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from hostile_quantities import FAMILIES

    return FAMILIES


HOSTILE = _families()


@pytest.mark.slow
@pytest.mark.parametrize("family", sorted(HOSTILE))
def test_hostile_families_at_100k(family):
    text = HOSTILE[family](100_000)
    find_quantities("3万元")  # tables loaded outside the timing
    started = time.perf_counter()
    found = find_quantities(text)
    assert time.perf_counter() - started < 5.0, family
    assert_disjoint(found, text)


def test_investment_sentences_each_give_their_amount():
    text = "白象社区改造投资3万元，" * 50
    qs = oldcomm_ie.extract(text).quantities
    assert [q.value for q in qs] == [30000] * 50
