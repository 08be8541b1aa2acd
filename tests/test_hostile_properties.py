"""The hostile families of issue 13 as properties: no exception, offsets into the text,
no overlapping quantities, no line break in a mention's text; any bytes read or fail with
the documented ValueError."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from oldcomm_ie.readers import read_document

SURROGATES = st.sampled_from(["\ud800", "\udfff", "\udc80", "\ud83d"])
INVISIBLE = st.sampled_from([chr(c) for c in range(0x200B, 0x2010)] + ["\u2060", "\ufeff", "\xad"])
ANSI = st.sampled_from(["\x1b[31m", "\x1b[0m", "\x1b[1;32m", "\x1b]0;t\x07", "\x9b31m", "\x1b["])
CONTROLS = st.sampled_from([chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))])
FULL_WIDTH = st.sampled_from([chr(0xFF10 + i) for i in range(10)] + ["．", "％", "，"])
RADICALS = st.integers(0x2F00, 0x2FD5).map(chr)
SPACES = st.sampled_from(["\u3000", "\xa0", " ", "\u2002", "\n", "\n\n", "\r\n"])
NUMERALS = st.sampled_from(list("0123456789.一二两三四五六七八九十百千零点") + ["亿", "万", "亿亿"])
UNITS = st.sampled_from(["元", "万元", "亿元", "美元", "港元", "户", "平方米", "米", "栋", "年", "%", "㎡", "倍"])
QUOTES = st.sampled_from(["“", "”", "《", "》", "「", "」", "（", "）", "(", ")", "【", "】", '"', "'"])
WORDS = st.sampled_from(["项目", "改造", "投资", "约", "惠及居民", "小区", "社区", "街道", "区", "公司", "。", "，"])
HOSTILE = st.one_of(SURROGATES, INVISIBLE, ANSI, CONTROLS, FULL_WIDTH, RADICALS, SPACES, NUMERALS, UNITS,
                    QUOTES, WORDS)


def check(text: str) -> None:
    result = oldcomm_ie.extract(text)
    spans = sorted((q.start, q.end) for q in result.quantities)
    for (a, b), (c, d) in zip(spans, spans[1:], strict=False):
        assert b <= c, f"overlapping quantities {(a, b)} {(c, d)}"
    for item in result.quantities + result.entities:
        assert 0 <= item.start < item.end <= len(text)
        assert "\n" not in item.text, item


@given(st.lists(HOSTILE, max_size=120).map("".join))
def test_hostile_mix_never_crashes(text):
    check(text)


@given(st.lists(st.one_of(NUMERALS, FULL_WIDTH, INVISIBLE, SPACES), min_size=1, max_size=12).map("".join),
       UNITS)
def test_broken_numerals_before_a_unit(numeral, unit):
    check(f"项目总投资{numeral}{unit}，惠及居民{numeral}户。")


@pytest.mark.parametrize("family", [SURROGATES, INVISIBLE, ANSI, CONTROLS, RADICALS])
@given(data=st.data())
def test_each_family_inside_amounts(family, data):
    pieces = data.draw(st.lists(st.one_of(family, NUMERALS, UNITS, WORDS), max_size=60))
    check("".join(pieces))


@given(st.binary(max_size=400))
def test_any_bytes_as_txt_read_or_raise_value_error(data):
    try:
        doc = read_document(data, "hostile.txt")
    except ValueError as exc:  # DecodeError is a ValueError that names the file
        assert "hostile.txt" in str(exc)
        return
    check(doc.text)


@pytest.mark.slow
@given(st.lists(HOSTILE, max_size=2000).map("".join))
def test_long_hostile_mix_never_crashes(text):
    check(text)


_SPACY_PIPELINE = oldcomm_ie.load()


@given(st.lists(st.one_of(HOSTILE, st.sampled_from(["重庆市渝中区", "住建委", "有限公司", "改造项目"])),
                max_size=80).map("".join))
def test_extract_without_tokens_equals_the_spacy_pipeline(text):
    """extract() runs the stages on a Doc without tokens or views; on any text its result is
    what from_doc makes of the full spaCy Doc."""
    from oldcomm_ie.records import from_doc

    assert oldcomm_ie.extract(text, nlp=_SPACY_PIPELINE).to_dict() == from_doc(_SPACY_PIPELINE(text)).to_dict()
