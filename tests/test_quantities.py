"""The quantity scanner in document mode (extract) and parse_quantity."""
import re
import sys
from decimal import Decimal

import cn2an
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from conftest import table
from oldcomm_ie import parse_quantity
from oldcomm_ie.quantities.grammar import (
    _NUMBER,
    _NUMERAL_START,
    _TABLES_DIFFER,
    NUMBER_RE,
    next_numeral,
    numeral_matcher,
)
from oldcomm_ie.quantities.ranges import _PAIR_SEP, _RANGE_SEP, _SEP_FIRST

ROWS = table("quantities.tsv")
POSITIVE = [r for r in ROWS if r[1] != "-"]
NEGATIVE = [r[0] for r in ROWS if r[1] == "-"]


@pytest.mark.parametrize("row", POSITIVE, ids=lambda r: r[1])
def test_quantity_table(row):
    sentence, surface, value, unit, kind, qualifier, *rest = row
    got = {q.text: q for q in oldcomm_ie.extract(sentence).quantities}
    assert surface in got, f"{surface!r} not in {list(got)}"
    q = got[surface]
    assert oldcomm_ie.clean_layout(sentence[q.start:q.end]).clean == surface  # text is the clean reading
    assert abs(Decimal(q.value) - Decimal(value)) <= abs(Decimal(value)) * Decimal("1e-9")
    assert (q.unit, q.kind, q.qualifier) == (unit, kind, qualifier)
    assert q.value_max == (Decimal(rest[0]) if rest else None)


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_no_quantity(sentence):
    assert oldcomm_ie.extract(sentence).quantities == []


@pytest.mark.parametrize("text,value,unit,kind", [
    ("三百五十", 350, "", "number"),
    ("约三百一十五万字", 3150000, "字", "count"),
    ("人民币3.14", Decimal("3.14"), "元", "money"),
    ("港币两千九百六十元", 2960, "港元", "money"),
    ("至少三块零四", Decimal("3.04"), "元", "money"),
    ("两到三万港元", 20000, "港元", "money"),
    ("一又二分之一", Decimal("1.5"), "", "number"),
    ("百分之三十到四十一", Decimal("0.3"), "%", "percent"),
    ("1.2个百分点", Decimal("0.012"), "百分点", "percent"),
    ("3千米", 3000, "米", "length"),
    ("九五折", Decimal("0.95"), "折", "ratio"),
    ("总投资2.6亿", 260000000, "元", "money"),
    ("3.2个亿", 320000000, "元", "money"),
    ("零下-5度", -5, "", "number"),
    ("一个", 1, "个", "count"),
    ("百分之负三点八", Decimal("-0.038"), "%", "percent"),
    ("负三分之负一百五十", Decimal(50), "分之", "ratio"),
    ("10与20间", 10, "", "number"),
])
def test_parse_quantity(text, value, unit, kind):
    q = parse_quantity(text)
    assert q is not None
    assert Decimal(str(q["value"])) == Decimal(value)
    assert (q["unit"], q["kind"]) == (unit, kind)


@pytest.mark.parametrize("text", ["九龙坡区", "四川", "一切", "五角大楼", "陆地", "一看", "万", "十四五",
                                  "O2O", "凌晨2点", "", "十四五期间", "两个一百年", "二期工程"])
def test_parse_quantity_none(text):
    assert parse_quantity(text) is None


def test_parse_quantity_offsets_point_into_input():
    text = "据悉，项目投资\n约3.7亿\n元。"
    q = parse_quantity(text)
    assert (q["start"], q["end"]) == (8, 15)
    assert text[8:15].replace("\n", "") == "约3.7亿元"
    assert q["text"] == "约3.7亿元"
    assert q["value"] == 370000000


def test_parse_quantity_rejects_non_str():
    with pytest.raises(TypeError):
        parse_quantity(b"3.7\xe4\xba\xbf")


UNITS = ["户", "平方米", "元", "栋", "部", "个", "年"]


@given(st.integers(min_value=1, max_value=10 ** 12), st.sampled_from(UNITS))
def test_an2cn_with_unit_round_trips(n, unit):
    q = parse_quantity(cn2an.an2cn(n) + unit)
    assert q is not None and q["value"] == n and q["unit"] == unit


@given(st.integers(min_value=1, max_value=10 ** 9), st.sampled_from(["约", "近", "超过", "不足", ""]),
       st.sampled_from(["万元", "亿元", "万平方米", "户"]))
def test_arabic_amounts_in_a_sentence(n, qualifier, unit):
    sentence = f"该项目{qualifier}{n}{unit}，进展顺利。"
    qs = oldcomm_ie.extract(sentence).quantities
    assert len(qs) == 1
    q = qs[0]
    assert q.text == f"{qualifier}{n}{unit}"
    mag = 10 ** 8 if unit == "亿元" else 10 ** 4 if unit.startswith("万") else 1
    assert q.value == n * mag


def test_range_separators_start_where_read_range_looks():
    """read_range tries its two separators only after a character of _SEP_FIRST or a space:
    no separator may start with anything else."""
    for code in range(0x10000):
        c = chr(code)
        if any(sep.match(c + tail) for sep in (_RANGE_SEP, _PAIR_SEP) for tail in ("到", "含)到", "含）到", "")):
            assert c in _SEP_FIRST or c.isspace(), repr(c)


def test_numerals_start_where_next_numeral_looks():
    """next_numeral tries NUMBER_RE only at a character of _NUMERAL_START: no numeral may
    start with anything else."""
    for code in range(0x10000):
        c = chr(code)
        if any(NUMBER_RE.match(c + tail) for tail in ("", "1", "一", "十", "个月", "/2", "分之一")):
            assert _NUMERAL_START.match(c), repr(c)
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))
    for m in regex.finditer(r"\d", every):
        assert _NUMERAL_START.match(m.group(0)), repr(m.group(0))


def test_next_numeral_is_number_re_search():
    text = "负3.5万元-2至-3、数十个半个月一半百分百1/2，A-3 又二又三分之一 ２０２０年 -x 负数"
    for sample in (text, text + " \U00010d40年😀\x1c"):
        match = numeral_matcher(sample)
        for pos in range(len(sample) + 1):
            got, want = next_numeral(sample, pos, match), NUMBER_RE.search(sample, pos)
            assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup))


def test_standard_engine_reads_numerals_alike():
    """numeral_matcher takes the standard engine for texts without a character of
    _TABLES_DIFFER: there its Unicode classes (the pattern's only ones: \\d and \\s) must
    be those of `regex`."""
    assert set(re.findall(r"\\[a-zA-Z]", _NUMBER)) <= {"\\d", "\\s"}
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1)))
    rest = _TABLES_DIFFER.sub("", every)
    for cls in (r"\d", r"\s"):
        assert re.findall(cls, rest) == regex.findall(cls, rest), cls
