"""Word files (.docx, python-docx: pip install 'oldcomm-ie[docx]').

Body paragraphs and table cells in document order; the core properties' title, author
and dates go to the metadata.  Headers and footers are page furniture and stay out.
"""
from __future__ import annotations

import io
import zipfile

MISSING = "reading .docx needs python-docx: pip install 'oldcomm-ie[docx]'"


def _blocks(document):
    """Paragraph texts of the body in order, tables row by row (cells joined by a tab)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell.text != cells[-1]:  # merged cells repeat their text
                        cells.append(cell.text)
                yield "\t".join(cells)


def read_docx(data: bytes, path):
    from . import PARAGRAPH_BREAK, Document, ReadError

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from lxml.etree import XMLSyntaxError
    except ImportError:
        raise ReadError(f"{path}: {MISSING}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise ReadError(f"{path}: not a readable .docx ({type(exc).__name__})") from None
    text = PARAGRAPH_BREAK.join(b.strip() for b in _blocks(document) if b.strip())
    if not text:
        raise ReadError(f"{path}: no text in this Word file")
    props = document.core_properties
    meta = {"warnings": []}
    if props.title:
        meta["title"] = props.title
    if props.author:
        meta["author"] = props.author
    if props.created:
        meta["date"] = props.created.date().isoformat()
    return Document(text, meta)
