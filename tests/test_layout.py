"""Layout cleaning: what it removes, and that every offset maps back to the input."""
import functools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie
from oldcomm_ie.layout import clean_layout
from oldcomm_ie.layout.normalize import EXPANSIONS

CASES = [
    # raw, clean
    ("学\n习贯彻", "学习贯彻"),
    ("基础设施不完 善", "基础设施不完善"),
    ("3.7亿\n元", "3.7亿元"),
    ("投资３．７亿元", "投资3.7亿元"),
    ("采取 PPP 模式", "采取 PPP 模式"),
    ("美好的未来。\n\n市委宣讲团", "美好的未来。\n市委宣讲团"),
    ("新城\n\n优化营商环境获奖\n\n平方米。", "新城\n优化营商环境获奖\n平方米。"),
    ("建设期1年，运营期10\n\n年，合作期11年", "建设期1年，运营期10年，合作期11年"),
    ("10\n20", "10 20"),
    ("增长50 %", "增长50%"),
    ("Urban\nrenewal", "Urban renewal"),
    ("\r\n  首行缩进", "首行缩进"),
    ("", ""),
    ("   ", ""),
]


@pytest.mark.parametrize("raw,clean", CASES)
def test_clean_table(raw, clean):
    assert clean_layout(raw).clean == clean


@pytest.mark.parametrize("raw,_", CASES)
def test_every_clean_char_maps_to_its_raw_char(raw, _):
    layout = clean_layout(raw)
    for i, ch in enumerate(layout.clean):
        r = raw[layout.raw_index(i)]
        assert r == ch or r.isspace() or ord(r) - 0xFEE0 == ord(ch)


def test_raw_span_leaves_out_gaps_at_the_ends():
    layout = clean_layout("项目“一\n\n”")
    assert layout.clean == "项目“一\n”"
    assert layout.raw_span(3, 5) == (3, 4)       # "一\n": the kept paragraph break is no part of it
    assert layout.raw_span(4, 5) == (4, 5)       # the gap alone still maps to its raw character
    assert layout.surface(2, 5) == "“一"


def test_raw_span_rejects_spans_outside_the_text():
    layout = clean_layout("改造 面积")
    with pytest.raises(ValueError):
        layout.raw_span(0, 99)
    with pytest.raises(ValueError):
        layout.raw_span(3, 3)


def test_clean_layout_rejects_non_str():
    with pytest.raises(TypeError):
        clean_layout(None)


# Simplified characters that OpenCC's t2s leaves as they are (random ideographs would be
# read as traditional text and converted).
CJK = st.sampled_from(list("改造小区项目街道社区居民投资建设城市更新老旧完成面积工程加装电梯停车位"))
PIECE = st.one_of(CJK, st.sampled_from(list("0123456789.%，。、万亿元户平方米约余多")))
BREAK = st.sampled_from(["\n", " ", "\n\n", " \n", "\u3000", "\r\n"])


@st.composite
def broken_text(draw):
    """Prose with line breaks and stray spaces injected at random places."""
    chars = draw(st.lists(PIECE, min_size=1, max_size=120))
    out = []
    for ch in chars:
        out.append(ch)
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(BREAK))
    return "".join(out)


@given(broken_text())
def test_span_text_is_its_raw_slice_without_layout_whitespace(raw):
    """The contract: `text` equals the original slice with layout whitespace removed."""
    result = oldcomm_ie.extract(raw)
    for item in result.quantities + result.entities:
        assert 0 <= item.start < item.end <= len(raw)
        assert item.text == re.sub(r"\s+", "", raw[item.start:item.end])
        assert not raw[item.start].isspace() and not raw[item.end - 1].isspace()


@given(st.text(max_size=300))
def test_map_is_increasing_and_in_range(raw):
    """Strictly increasing except inside an expansion (one raw unit symbol, several clean
    characters)."""
    layout = clean_layout(raw)
    positions = [layout.raw_index(i) for i in range(len(layout.clean))]
    assert positions == sorted(positions)
    assert all(0 <= p < len(raw) for p in positions)
    for a, b in zip(positions, positions[1:], strict=False):
        assert a < b or raw[a] in EXPANSIONS


@given(st.text(alphabet=st.sampled_from(list("改造面积ab1 \n\t\u3000")), max_size=60))
def test_align_words_matches_spacy(text):
    """Our linear aligner builds the same tokens as spaCy's (quadratic) one."""
    from spacy.util import get_words_and_spaces

    from oldcomm_ie.layout import align_words

    words = list(text)
    assert align_words(words, text) == get_words_and_spaces(words, text)


@functools.lru_cache(maxsize=1)
def _pipeline():
    return oldcomm_ie.load()


@given(st.text(alphabet=st.sampled_from(list("改造面积ab1 \n\t\u3000\u200b㎡")), max_size=60))
def test_char_doc_equals_generic_alignment(raw):
    """The char segmenter's direct Doc has the tokens and spaces spaCy's alignment gives,
    and its text is the clean text."""
    from oldcomm_ie.layout import align_words

    nlp = _pipeline()
    clean = clean_layout(raw).clean
    doc = nlp.make_doc(raw)
    tokens, spaces = align_words(list(clean), clean)
    assert [t.text for t in doc] == tokens
    assert [bool(t.whitespace_) for t in doc] == spaces
    assert doc.text == clean
