"""Word and Markdown: body text in order, headers and footers out, a clear message when the extra is missing."""
import io
import sys

import pytest

from oldcomm_ie.readers import PARAGRAPH_BREAK, ReadError, read_document

docx = pytest.importorskip("docx")

PARAS = ["南湖片区：旧楼改造推进一览", "今年计划改造小区十八个，惠及居民二千四百户。",
         "项目总投资约2.3亿元，由区城投公司负责实施。"]


def make_docx(with_table=True) -> bytes:
    d = docx.Document()
    d.core_properties.title = "改造进展"
    d.core_properties.author = "区住建局"
    d.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    for p in PARAS:
        d.add_paragraph(p)
    if with_table:
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "小区", "户数"
        table.cell(1, 0).text, table.cell(1, 1).text = "桂园小区", "320户"
    d.add_paragraph("")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_body_paragraphs_and_tables_in_order():
    doc = read_document(make_docx(), "report.DOCX")
    assert doc.text.split(PARAGRAPH_BREAK) == [*PARAS, "小区\t户数", "桂园小区\t320户"]
    assert doc.meta["kind"] == "docx" and doc.meta["title"] == "改造进展" and doc.meta["author"] == "区住建局"


@pytest.mark.parametrize("furniture", ["内部资料", "第 1 页"])
def test_headers_and_footers_stay_out(furniture):
    assert furniture not in read_document(make_docx(), "r.docx").text


def test_missing_extra_is_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ReadError, match=r"pip install 'oldcomm-ie\[docx\]'"):
        read_document(make_docx(), "r.docx")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 not a zip", b"plain text"])
def test_broken_docx_is_a_read_error(data):
    with pytest.raises(ReadError, match="not a readable .docx"):
        read_document(data, "r.docx")


def test_markdown_is_read_as_text():
    md = "# 标题\n\n东湖街道今年改造小区十二个。\n".encode()
    doc = read_document(md, "notes.MD")
    assert doc.text == md.decode() and doc.meta["kind"] == "text" and doc.meta["encoding"] == "utf-8"
