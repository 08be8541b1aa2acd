"""PDF files: page text in reading order, furniture as metadata, page start offsets.

pypdfium2 (PDFium) reads the characters: on the pages measured in docs/readers.md it
returns the unified ideographs where pdfminer-based tools return Kangxi radical
lookalikes (⽇ for 日), and gives loose character boxes for the geometry of
pdf_layout.  `meta["pages"]` holds the offset where each page's text starts, so
`Extraction.page_of(offset)` can say a mention's page.
"""
from __future__ import annotations

import logging

import regex

from .pdf_layout import (
    Char,
    reading_lines,
    repeated_keys,
    rows_of,
    separator,
    split_furniture,
)

NO_TEXT = "no text layer; OCR is not supported"
FILE_TITLE = regex.compile(r"\.\w{2,5}$|^\s*$")


def pdfium_chars(page) -> list[Char]:
    """The page's visible characters with loose boxes, top-down coordinates."""
    from pypdfium2 import raw

    textpage = page.get_textpage()
    height = page.get_height()
    chars = []
    try:
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
            if not ch or ch.isspace() or raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue
            if 0xD800 <= code <= 0xDFFF or code == 0xFFFE:
                continue  # a broken character map: no character to give
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right <= left or top <= bottom:
                continue
            chars.append(Char(ch, left, right, height - top, height - bottom))
    finally:
        textpage.close()
    return chars


def assemble(pages: list[tuple[list[Char], float, float]]) -> tuple[str, dict]:
    """(text, meta) from each page's characters, width and height."""
    rows = [(rows_of(chars), width, height) for chars, width, height in pages]
    repeated = repeated_keys([(r, h) for r, _, h in rows])
    parts, starts, furniture, empty = [], [], [], []
    length, prev = 0, None
    for number, (page_rows, width, height) in enumerate(rows, 1):
        body, furn = split_furniture(page_rows, height, repeated)
        furniture.extend({"page": number, "text": r.text()} for r in furn)
        lines = reading_lines(body, width)
        if not lines:
            empty.append(number)
        for k, line in enumerate(lines):
            sep = separator(prev, line)
            parts.append(sep)
            length += len(sep)
            if k == 0:
                starts.append(length)
            parts.append(line.text)
            length += len(line.text)
            prev = line
        if not lines:
            starts.append(length)
    meta = {"pages": starts, "furniture": furniture, "warnings": []}
    if empty and len(empty) < len(rows):
        meta["warnings"].append(f"no text layer on page {', '.join(map(str, empty))}")
    return "".join(parts), meta


def read_pdf(data: bytes, path):
    import pypdfium2 as pdfium

    from . import Document, ReadError

    logging.getLogger("pypdfium2").setLevel(logging.ERROR)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{path}: not a readable PDF ({exc})") from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                pages.append((pdfium_chars(page), page.get_width(), page.get_height()))
            finally:
                page.close()
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    except pdfium.PdfiumError as exc:  # a damaged page or catalogue past the header (found by fuzzing)
        raise ReadError(f"{path}: not a readable PDF ({exc})") from None
    finally:
        pdf.close()
    text, meta = assemble(pages)
    if not text.strip():
        raise ReadError(f"{path}: {NO_TEXT}")
    if title and not FILE_TITLE.search(title):
        meta["title"] = title
    return Document(text, meta)
