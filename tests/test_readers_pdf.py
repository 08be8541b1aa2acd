"""PDF: three columns read in order, furniture out of the text, pages known, no text layer said."""
import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oldcomm_ie.readers import PARAGRAPH_BREAK, ReadError, read_document
from oldcomm_ie.readers.pdf import assemble
from oldcomm_ie.readers.pdf_layout import (
    Char,
    columns_of,
    join_chars,
    reading_lines,
    rows_of,
    split_furniture,
)
from oldcomm_ie.records import Extraction

FIX = Path(__file__).parent / "fixtures" / "readers"
SOURCE = (FIX / "three_columns.html").read_text(encoding="utf-8")
PARAGRAPHS = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", SOURCE)]
HEADLINE = html.unescape(re.search(r"<h1>(.*?)</h1>", SOURCE).group(1))


@pytest.fixture(scope="module")
def doc():
    path = FIX / "three_columns.pdf"
    return read_document(path.read_bytes(), path)


def test_every_paragraph_is_whole_and_in_reading_order(doc):
    blocks = doc.text.split(PARAGRAPH_BREAK)
    assert blocks == [HEADLINE, *PARAGRAPHS]


WEEKLY = (FIX / "weekly.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("furniture", ["城乡建设周报", "要闻", "本报热线", "建设路1号"])
def test_weekly_page_headline_in_a_column_and_fixed_heads(furniture):
    path = FIX / "weekly.pdf"
    doc = read_document(path.read_bytes(), path)
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", WEEKLY)]
    assert doc.text.split(PARAGRAPH_BREAK) == [HEADLINE, *paragraphs]
    assert furniture not in doc.text
    assert [f["text"] for f in doc.meta["furniture"]][-1] == "1"  # the bare page number


def test_no_radical_lookalikes(doc):
    assert not re.search("[\u2e80-\u2fdf\uf900-\ufaff]", doc.text)


@pytest.mark.parametrize("furniture", ["江城日报", "城建周刊", "星期四", "第1版", "第2版", "本版编辑", "校对"])
def test_running_heads_page_numbers_and_footers_are_metadata(doc, furniture):
    assert furniture not in doc.text
    assert any(furniture in f["text"].replace(" ", "") for f in doc.meta["furniture"])


def test_page_start_offsets_say_a_mentions_page(doc):
    pages = doc.meta["pages"]
    assert len(pages) == 2 and pages[0] == 0 and 0 < pages[1] < len(doc.text)
    result = Extraction(text=doc.text, meta=doc.meta)
    first, last = PARAGRAPHS[0], PARAGRAPHS[-1]
    assert result.page_of(doc.text.index(first)) == 1
    assert result.page_of(doc.text.index(last)) == 2
    assert result.page_of(pages[1]) == 2 and result.page_of(pages[1] - 1) == 1
    assert Extraction().page_of(5) is None


def test_a_pdf_without_text_is_reported_as_such():
    path = FIX / "no_text_layer.pdf"
    with pytest.raises(ReadError, match="no text layer; OCR is not supported"):
        read_document(path.read_bytes(), path)


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\n garbage", b"not a pdf at all"])
def test_broken_pdf_is_a_read_error(data):
    with pytest.raises(ReadError):
        read_document(data, "x.PDF")


def _grid(lines: list[str], x: float, top: float, size: float = 10.0) -> list[Char]:
    return [Char(ch, x + i * size, x + (i + 1) * size, top + k * 1.5 * size, top + k * 1.5 * size + size)
            for k, line in enumerate(lines) for i, ch in enumerate(line)]


def test_two_columns_from_boxes_are_read_left_then_right():
    left = _grid(["一二三四五", "六七八九十", "百千"], 50, 100)
    right = _grid(["甲乙丙丁戊", "己庚辛壬癸", "子丑"], 130, 100)
    rows = rows_of(right + left)
    assert len(columns_of(rows, 300)) == 2
    assert [line.text for line in reading_lines(rows, 300)] == [
        "一二三四五", "六七八九十", "百千", "甲乙丙丁戊", "己庚辛壬癸", "子丑"]


def test_a_headline_over_two_columns_comes_first():
    title = _grid(["大标题横跨两栏"], 60, 60, size=20)
    left = _grid(["一二三四五", "六七八九十", "百千"], 50, 100)
    right = _grid(["甲乙丙丁戊", "己庚辛壬癸", "子丑"], 130, 100)
    rows = rows_of(title + right + left)
    assert [line.text for line in reading_lines(rows, 300)][:2] == ["大标题横跨两栏", "一二三四五"]


def test_small_print_in_the_outer_band_is_furniture():
    head = _grid(["报头"], 50, 10, size=6)
    body = _grid(["正文一行", "正文二行"], 50, 200)
    body_rows, furniture = split_furniture(rows_of(head + body), 800, set())
    assert [r.text() for r in furniture] == ["报头"] and len(body_rows) == 2


@pytest.mark.parametrize("chars,text", [
    ([Char("A", 0, 5, 0, 10), Char("B", 9, 14, 0, 10)], "A B"),    # Latin words keep their space
    ([Char("中", 0, 10, 0, 10), Char("文", 14, 24, 0, 10)], "中文"),  # justified CJK gets none
    ([Char("1", 0, 5, 0, 10), Char("2", 5, 10, 0, 10)], "12"),
])
def test_line_joining(chars, text):
    assert join_chars(chars) == text


boxes = st.lists(st.tuples(st.sampled_from("改造小区居民户亿元12。，AB"), st.floats(0, 580), st.floats(1, 20),
                           st.floats(0, 820), st.floats(4, 24)), max_size=120)


@settings(max_examples=150, deadline=None)
@given(st.lists(boxes, min_size=1, max_size=3))
def test_any_boxes_assemble_to_text_with_page_starts(pages):
    built = [([Char(t, x, x + w, y, y + h) for t, x, w, y, h in page], 595.0, 842.0) for page in pages]
    text, meta = assemble(built)
    assert len(meta["pages"]) == len(pages)
    assert meta["pages"] == sorted(meta["pages"]) and all(0 <= s <= len(text) for s in meta["pages"])
    kept = sum(len(f["text"].replace(" ", "")) for f in meta["furniture"])
    assert len(text.replace(PARAGRAPH_BREAK, "").replace(" ", "")) + kept == sum(len(p) for p in pages)
