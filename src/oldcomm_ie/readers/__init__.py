"""Documents as users hold them, read into the text the pipeline extracts from.

`read_document(data, path)` picks the reader by the file's suffix (upper or lower case)
and returns a `Document`: the text every offset of the result refers to, and what was
learnt while reading it (`meta`: path, kind, encoding, title/date/source, page offsets,
warnings).  The command line, the Ray engine and `extract_file`/`extract_folder` all read
through here, so a file reads the same wherever it is given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Between paragraphs of a page read from HTML, PDF or Word: one line break, trafilatura's
# convention; measured in docs/readers.md against a blank line.
PARAGRAPH_BREAK = "\n"

from .encoding import DecodeError, check_length, decode, decode_bytes  # noqa: E402
from .walk import SUFFIXES, Walk, display_name, iter_files, walk  # noqa: E402


class ReadError(ValueError):
    """A file of a known kind that cannot be read (no text layer, a missing extra...)."""


@dataclass
class Document:
    """What one file reads as: `text` and the reading metadata."""

    text: str
    meta: dict = field(default_factory=dict)


def kind_of(path: str | Path) -> str:
    """The reader for a path: text, html, pdf or docx (anything else is tried as text)."""
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def _read_text(data: bytes, path) -> Document:
    got = decode_bytes(data, path)
    return Document(got.text, {"encoding": got.encoding, "warnings": got.warnings})


def _reader(kind: str):
    if kind == "html":
        from .html import read_html

        return read_html
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if kind == "docx":
        from .docx import read_docx

        return read_docx
    return _read_text


def read_document(data: bytes, path: str | Path, max_chars: int | None = None) -> Document:
    """Read one file's bytes; ValueError (DecodeError, ReadError) says why it cannot be."""
    kind = kind_of(path)
    doc = _reader(kind)(data, path)
    check_length(doc.text, max_chars)
    meta = {"path": display_name(path), "kind": kind, "encoding": None, "warnings": [], **doc.meta}
    return Document(doc.text, meta)


def read_file(path: str | Path, max_chars: int | None = None) -> Document:
    path = Path(path)
    return read_document(path.read_bytes(), path, max_chars)


def read_text(path: Path) -> tuple[str, str]:
    """(text, encoding) of a plain-text file."""
    return decode(Path(path).read_bytes(), path)


__all__ = ["DecodeError", "Document", "ReadError", "Walk", "decode", "decode_bytes", "display_name",
           "iter_files", "kind_of", "read_document", "read_file", "read_text", "walk"]
