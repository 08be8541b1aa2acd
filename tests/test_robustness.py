"""Hostile input: never a crash, never an offset outside the text, the same output twice."""
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie

NUMERALISH = st.sampled_from(list("0123456789一二两三四五六七八九十百千万亿零点余多约近超不足以上左右%％．，,.-—~至到又分之个户元平方米亿万年成倍第")
                             + ["\n", " ", "\u3000", "\n\n", "“", "”", "《", "》"])


def check(text: str) -> None:
    result = oldcomm_ie.extract(text)
    spans = sorted((q.start, q.end) for q in result.quantities)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert b <= c, f"overlapping quantities {(a, b)} {(c, d)}"
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
    assert oldcomm_ie.extract(text).to_dict() == result.to_dict()


@given(st.text(max_size=400))
def test_random_unicode_never_crashes(text):
    check(text)


@given(st.lists(NUMERALISH, max_size=200).map("".join))
def test_numeral_soup_never_crashes(text):
    check(text)


@pytest.mark.parametrize("text", [
    "一" * 20000, "9" * 20000, "亿" * 20000, "约" * 5000 + "3" + "余" * 5000,
    "3" + "万" * 5000 + "元", "\n" * 20000, "。" * 20000, "1." * 5000, "百分之" * 3000,
    "9999亿亿", "1e999999亿元",
])
def test_pathological_inputs_finish(text):
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 60  # a generous ceiling: a hang, not a speed test


def test_absurd_magnitudes_are_flagged_not_crashed():
    q = oldcomm_ie.extract("预计9999亿亿亿元").quantities[0]
    assert q.out_of_range and q.to_dict()["out_of_range"] is True


@pytest.mark.slow
def test_five_megabyte_article():
    text = ("南京市鼓楼区老旧小区改造项目总投资约3.2亿元，惠及居民1800余户。\n" * 80000)[:5_000_000]
    result = oldcomm_ie.extract(text)
    assert len(result.quantities) > 100000
    assert all(0 <= q.start < q.end <= len(text) for q in result.quantities)
