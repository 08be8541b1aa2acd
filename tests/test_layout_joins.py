"""Numerals broken by a column wrap or a stray space are joined; lists are not."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from oldcomm_ie.layout import clean_layout

JOINED = [
    # raw, clean
    ("改造12\n80户", "改造1280户"),
    ("12 80户", "1280户"),
    ("投资12 80户", "投资1280户"),
    ("面积12 345.6平方米", "面积12345.6平方米"),
    ("总投资2. 6亿元", "总投资2.6亿元"),
    ("总投资2 .6亿元", "总投资2.6亿元"),
    ("总投资2.\n6亿元", "总投资2.6亿元"),
    ("惠及居民\n1280户", "惠及居民1280户"),
    ("增长50 %", "增长50%"),
    ("修缮工作,2\n024年完成", "修缮工作,2024年完成"),   # half-width punctuation as in web text
    ("共138户,1162\n0平方米", "共138户,11620平方米"),
    ("面积;\n新建", "面积;新建"),
    ("采用EP\nC模式", "采用EPC模式"),             # a model acronym cut by a wrap
    ("采用F+EP\nC+O模式", "采用F+EPC+O模式"),
    ("采用P PP模式", "采用PPP模式"),               # or by a stray space
]

KEPT_APART = [
    ("1 2 3", "1 2 3"),                         # a list
    ("共1 2 3号楼", "共1 2 3号楼"),
    ("10\n20", "10 20"),                        # a column of numbers
    ("第一组\n10\n20", "第一组10 20"),
    ("全市共有小区\n12\n80户", "全市共有小区12 80户"),
    ("12, 80户", "12, 80户"),                   # a comma is no stray space
    ("in 2019 20 projects", "in 2019 20 projects"),
    ("版本2.1 3.5", "版本2.1 3.5"),             # two decimals are two numbers
    ("1,2 3", "1,2 3"),
    ("12 80", "12 80"),                          # no Chinese after: nothing says it is one
    ("see (a)\n(b)", "see (a) (b)"),             # ASCII punctuation joins only next to Chinese
    ("a;\nb", "a; b"),
    ("A B两栋", "A B两栋"),                       # two letters are two names
    ("由A B C三家", "由A B C三家"),
    ("EPC\nPPP", "EPC PPP"),                     # no Chinese on the line: a list
    ("Urban\nRenewal", "Urban Renewal"),
]


@pytest.mark.parametrize("raw,clean", JOINED + KEPT_APART)
def test_join_table(raw, clean):
    assert clean_layout(raw).clean == clean


def test_a_short_line_in_a_wrapped_text_ends_a_paragraph():
    """In text wrapped at a fixed width, a line much shorter than the width that ends in
    a digit closes a list item; a full line ending in a digit wraps inside a numeral."""
    lines = ["今年以来各区持续推进", "老旧小区改造工作，居", "民满意度不断提升，全", "年计划开工项目共计12",
             "80户居民参与议事协商", "区改造项目第3", "20个单元完成验收工作", "各街道将继续做好后续"]
    clean = clean_layout("\n".join(lines)).clean
    assert "共计1280户" in clean and "第3 20个" in clean


PARAGRAPH = ("本市今年计划对城区内的老旧小区实施综合改造，涉及居民1280户，总投资约2.6亿元，"
             "改造内容包括外墙保温、屋面防水和管网更新等，涉及楼栋356栋，预计年底前全部完工。")


@given(st.integers(6, 40), st.lists(st.integers(0, len(PARAGRAPH) - 1), max_size=4))
def test_wrapped_prose_reads_as_written(width, stray):
    """Column wraps at any width and stray spaces between Chinese characters vanish."""
    chars = list(PARAGRAPH)
    for i in sorted(set(stray), reverse=True):
        if "\u4e00" <= chars[i] <= "\u9fff" and (i + 1 == len(chars) or "\u4e00" <= chars[i + 1] <= "\u9fff"):
            chars.insert(i + 1, " ")
    text = "".join(chars)
    wrapped = "\n".join(text[i:i + width] for i in range(0, len(text), width))
    assert clean_layout(wrapped).clean == PARAGRAPH


@pytest.mark.parametrize("width", [10, 14, 17])
def test_wrapped_amounts_are_read_whole(width):
    wrapped = "\n".join(PARAGRAPH[i:i + width] for i in range(0, len(PARAGRAPH), width))
    values = {q.text: q.value for q in oldcomm_ie.extract(wrapped).quantities}
    assert values.get("1280户") == 1280 and values.get("356栋") == 356 and values.get("约2.6亿元") == 260000000
