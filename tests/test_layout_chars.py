"""Character normalization in the layout stage: lookalikes, unit symbols, invisible and
control characters, surrogates, traditional characters; all through the offset map."""
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from oldcomm_ie.layout import clean_layout
from oldcomm_ie.layout.normalize import _LAYOUT_CODES, EXPANSIONS, STARTS

FOLDING = [
    # raw, clean
    ("⽇照市", "日照市"),                      # Kangxi radicals (U+2F47)
    ("⻓沙市⺠政局", "长沙市民政局"),            # CJK Radicals Supplement (U+2ED3, U+2EA0)
    ("⼯程⾦额", "工程金额"),
    ("兴\uf9dc社区", "兴\u9686社区"),            # CJK Compatibility Ideographs (canonical forms)
    ("\U0002f800", "\u4e3d"),                  # Compatibility Ideographs Supplement
    ("投资３．７亿元", "投资3.7亿元"),
    ("ＰＰＰ模式", "PPP模式"),
    ("面积\u00a0达3万", "面积达3万"),           # no-break space
    ("面积\u2002达\u202f3万", "面积达3万"),     # en space, narrow no-break space
    ("采取\u3000PPP\u3000模式", "采取 PPP 模式"),  # ideographic spaces between Chinese and Latin
    ("Urban\u00a0renewal", "Urban renewal"),
    ("，。、“”", "，。、“”"),                    # Chinese punctuation stays as it is
    ("①②", "①②"),                              # list markers are no digits
]

EXPANDED = [
    ("面积120㎡", "面积120平方米"),
    ("道路8㎞", "道路8千米"),
    ("土方3㎥", "土方3立方米"),
    ("用地2㏊", "用地2公顷"),
    ("气温25℃", "气温25摄氏度"),
]

DROPPED = [
    ("30\u200b0户", "300户"),                  # zero-width space
    ("2\xad600万元", "2600万元"),              # soft hyphen
    ("2.6\u200b亿元", "2.6亿元"),
    ("改\u200d造\u200c面\u2060积", "改造面积"),  # joiners, word joiner
    ("\ufeff重庆市", "重庆市"),                # byte order mark
    ("改造\u202e面积\u202c", "改造面积"),       # bidi controls
    ("社\x00\x00区", "社区"),                   # NUL bytes
    ("改\x07造\x7f面\x81积", "改造面积"),       # C0, DEL and C1 controls
    ("\x1b[31m红色\x1b[0m", "红色"),           # ANSI colour (CSI)
    ("\x1b[1;32;40m改造", "改造"),
    ("\x9b31m改造", "改造"),                    # 8-bit CSI
    ("\x1b]0;title\x07改造", "改造"),           # OSC with its terminator
    ("\x1b(B改造", "改造"),                     # a two-character escape
    ("改造\x1b[31m 面积", "改造面积"),          # an escape inside a gap
    ("改\ufe0f造", "改造"),                     # variation selector
]

TRADITIONAL = [
    ("上海市黃浦區舊區改造項目總投資約3億元", "上海市黄浦区旧区改造项目总投资约3亿元"),
    ("惠及居民1200戶，加裝電梯36部。", "惠及居民1200户，加装电梯36部。"),
]

SIMPLIFIED_KEPT = [
    "北京市朝阳区老旧小区改造，涉及乾隆年间建筑。",   # 乾 stays (a name)
    "社区居民著书立说，项目于后年完成。",
]


@pytest.mark.parametrize("raw,clean", FOLDING + EXPANDED + DROPPED + TRADITIONAL)
def test_clean_table(raw, clean):
    assert clean_layout(raw).clean == clean


@pytest.mark.parametrize("text", SIMPLIFIED_KEPT)
def test_simplified_text_is_not_converted(text):
    assert clean_layout(text).clean == text


def test_traditional_paragraph_in_a_simplified_text():
    text = "南京市鼓楼区老旧小区改造完成。\n\n香港舊區重建項目總投資約3億元，惠及居民1200戶。"
    clean = clean_layout(text).clean
    assert clean.startswith("南京市鼓楼区老旧小区改造完成。\n")
    assert clean.endswith("香港旧区重建项目总投资约3亿元，惠及居民1200户。")


@pytest.mark.parametrize("symbol", sorted(EXPANSIONS))
def test_every_expanded_character_maps_to_the_symbol(symbol):
    raw = f"共5{symbol}。"
    layout = clean_layout(raw)
    reading = EXPANSIONS[symbol]
    assert layout.clean == f"共5{reading}。"
    for i in range(2, 2 + len(reading)):
        assert layout.raw_span(i, i + 1) == (2, 3)
    assert layout.raw_span(1, 2 + len(reading)) == (1, 3)
    assert layout.raw_span(2 + len(reading), 3 + len(reading)) == (3, 4)


def test_lone_surrogates_are_replaced_with_offsets_kept():
    layout = clean_layout("\ud800改造\udfff面积")
    assert layout.clean == "\ufffd改造\ufffd面积"
    assert layout.raw_span(4, 6) == (4, 6)


def _quantities(text):
    return [(q.text, q.value, q.unit, text[q.start:q.end]) for q in oldcomm_ie.extract(text).quantities]


@pytest.mark.parametrize("text,expected", [
    ("改造后惠及居民30\u200b0户。", ("300户", 300, "户", "30\u200b0户")),
    ("项目总投资2\xad600万元。", ("2600万元", 26000000, "元", "2\xad600万元")),
    ("项目总投资2.6\u200b亿元。", ("2.6亿元", 260000000, "元", "2.6\u200b亿元")),
    ("改造面积120㎡，", ("120平方米", 120, "平方米", "120㎡")),
    ("道路全长8㎞。", ("8千米", 8000, "米", "8㎞")),
    ("总投资３．７亿元。", ("3.7亿元", 370000000, "元", "３．７亿元")),
    ("總投資約3億元。", ("约3亿元", 300000000, "元", "約3億元")),
    ("\ud800改造面积3万平方米\udfff", ("3万平方米", 30000, "平方米", "3万平方米")),
])
def test_extract_reads_the_clean_characters(text, expected):
    assert expected in _quantities(text)


@pytest.mark.parametrize("text", [
    "\x1b[31m改造完成\x1b[0m，效果良好。",
    "小区\x1b[31m改造",
    "\x9b31m改造完成",
])
def test_escape_sequences_are_no_amounts(text):
    assert _quantities(text) == []


def test_entities_come_out_in_normal_characters():
    text = "⻓沙市开福区⺠政局与湖南省\u200b住房和城乡建设厅签约。"
    result = oldcomm_ie.extract(text)
    texts = {e.text for e in result.entities}
    assert "长沙市开福区民政局" in texts
    for e in result.entities:
        assert not set(e.text) & set("⻓⺠\u200b")
        assert text[e.start:e.end] and not text[e.start].isspace()


def test_no_mention_keeps_a_line_break():
    text = "项目“一\n\n”"
    result = oldcomm_ie.extract(text)
    for item in result.entities + result.quantities:
        assert "\n" not in item.text
        assert not text[item.start].isspace() and not text[item.end - 1].isspace()


HOSTILE = st.sampled_from(["\ud800", "\udfff", "\u200b", "\xad", "\ufeff", "\u2060", "\x1b[31m", "\x1b]0;t\x07",
                           "\x1b", "\x9b", "\x00", "\x85", "\u2028", "\u2029", "\u3000", "\xa0", "\n", " ", "\n\n",
                           "⽇", "⻓", "⺠", "\uf9dc", "㎡", "㎞", "℃", "３", "．", "舊", "區", "億"])
PROSE = st.sampled_from(list("改造小区项目投资万亿元户平方米约余0123456789.%，。"))


@given(st.lists(st.one_of(HOSTILE, PROSE), max_size=80).map("".join))
def test_hostile_mixtures_map_back(raw):
    """Every clean span maps to a raw span inside the text, in order; the clean text is
    encodable and free of invisible characters."""
    layout = clean_layout(raw)
    clean = layout.clean
    clean.encode("utf-8")
    assert not any(ch in clean for ch in "\u200b\xad\ufeff\u2060\x1b\x9b\x00")
    positions = [layout.raw_index(i) for i in range(len(clean))]
    assert positions == sorted(positions) and all(0 <= p < len(raw) for p in positions)
    for i in range(len(clean)):
        for j in range(i + 1, min(len(clean), i + 6) + 1):
            start, end = layout.raw_span(i, j)
            assert 0 <= start < end <= len(raw)
            if clean[i] not in " \n" and clean[j - 1] not in " \n":
                assert (start, end) == (positions[i], positions[j - 1] + 1)


@given(st.lists(st.one_of(HOSTILE, PROSE), max_size=60).map("".join))
def test_extract_never_crashes_and_offsets_hold(raw):
    result = oldcomm_ie.extract(raw)
    for item in result.quantities + result.entities:
        assert 0 <= item.start < item.end <= len(raw)
        assert "\n" not in item.text and item.text == item.text.strip()
        assert not raw[item.start].isspace() and not raw[item.end - 1].isspace()
    for q in result.quantities:
        assert isinstance(q.value, (int, Decimal))


def test_doc_with_surrogates_crosses_processes():
    """n_process > 1 ships each Doc as msgpack, which UTF-8 limits: the raw text goes as
    surrogate-escaped bytes and comes back equal."""
    import srsly

    from oldcomm_ie.layout import doc_layout

    raw = "\ud800改造面积3万平方米\udfff"
    nlp = oldcomm_ie.load()
    doc = nlp(raw)
    back = doc.__class__(nlp.vocab).from_bytes(doc.to_bytes())
    assert srsly.msgpack_loads(srsly.msgpack_dumps(doc._.layout)) == doc._.layout
    layout = doc_layout(back)
    assert layout.raw == raw and layout.raw_span(0, 3) == (0, 3)


LAYOUT_FAMILIES = ["\u200b", "2\xad", "\x1b[", "\x1b]0;", "1 ", "1\n", "改造12\n80户", "改 ", "改\n\n", "\ud800",
                   "⽇", "㎡", "舊區", "改造，\n\n", "1. ", "\u3000"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", LAYOUT_FAMILIES)
def test_layout_families_stay_linear(unit):
    """A hang detector, not a speed test: 100k characters of each family clean well
    under the 5 s issue 13 allows a whole family."""
    import time

    text = unit * (100_000 // len(unit))
    started = time.process_time()
    layout = clean_layout(text)
    assert time.process_time() - started < 5
    if layout.clean:
        assert layout.raw_index(0) >= 0 and layout.raw_span(0, len(layout.clean))[1] <= len(text)


def test_without_opencc_traditional_text_is_read_as_it_is(monkeypatch):
    import sys

    from oldcomm_ie.layout import script

    script._converter.cache_clear()
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc raises ImportError
    try:
        with pytest.warns(UserWarning, match="opencc"):
            assert script.simplify("舊區改造項目") == "舊區改造項目"
    finally:
        monkeypatch.undo()
        script._converter.cache_clear()
    assert script.simplify("舊區改造項目") == "旧区改造项目"


def test_the_quick_start_class_admits_every_layout_and_unit_symbol_character():
    """The scan's first test must let through every character a gap or an expansion can
    begin with, or the cleaner would silently keep it (astral format characters included)."""
    starts = re.compile(STARTS)
    missed = [hex(c) for c in sorted(_LAYOUT_CODES | {ord(s) for s in EXPANSIONS}) if not starts.fullmatch(chr(c))]
    assert missed == []
    assert starts.fullmatch("\U000e0041") and starts.fullmatch("\u200b")
    assert not any(starts.fullmatch(ch) for ch in "重庆1亿元，。a")


@pytest.mark.parametrize("raw, clean", [
    ("老旧\U000e0041小区", "老旧小区"),      # a tag character (plane 14) is dropped
    ("𠀀小区", "𠀀小区"),                    # an astral ideograph passes the quick test and stays
    ("面积\u200b5\u2060万㎡", "面积5万平方米"),
])
def test_astral_and_invisible_characters_after_the_quick_test(raw, clean):
    assert clean_layout(raw).clean == clean
