"""Coverage-guided fuzzing of the whole path a file takes, with atheris.

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=1800 -rss_limit_mb=4096 -max_len=4096 fuzz/corpus

An input is one file: its first byte picks the file name (suffix .txt/.md/.html/.pdf/.docx,
upper or lower case, and a hostile stem: spaces, quotes, SQL, bytes that are not UTF-8), the
rest is the file's bytes (a .pdf gets a PDF header unless it has one).  Each input is read
(`read_document`: decoding, HTML, PDF, Word), extracted, round-tripped through
`to_dict`/`from_dict`, rendered as HTML and written to a SQLite store (one per process).
A finding is any exception other than the ValueError naming the file that a bad file gets,
an offset outside the text, overlapping quantities, a mention whose `text` is not the clean
reading of its span or holds a line break, relation evidence outside the text, a round trip
that changes the JSON, or a raw `<script` in the HTML.  libFuzzer saves findings as crash-*
files; each becomes a case in tests/test_robustness.py.  Not part of CI's budget.
"""
from __future__ import annotations

import atexit
import bisect
import os
import shutil
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    import oldcomm_ie
    from oldcomm_ie.layout import clean_layout
    from oldcomm_ie.readers import display_name, read_document
    from oldcomm_ie.store import Source, open_store, sha256_of

MAX_CHARS = 200_000
NLP = oldcomm_ie.load(max_chars=MAX_CHARS)
STEMS = ["a", "with space", "quote's \"name\"", "中文 名称", "drop table documents;--",
         os.fsdecode(b"not-utf8-\xff\xfe")]
SUFFIXES = [".txt", ".md", ".html", ".pdf", ".TXT", ".htm", ".docx", ".HTML"]
PDF_HEAD = b"%PDF-1.4\n"
_TMP = tempfile.mkdtemp(prefix="oc-fuzz-")
atexit.register(shutil.rmtree, _TMP, True)
STORE = open_store(os.path.join(_TMP, "fuzz.sqlite"))


def file_of(data: bytes) -> tuple[str, bytes]:
    """(file name, file bytes) of one input: byte 0 picks the name, the rest is the file."""
    pick = data[0] if data else 0
    name = STEMS[(pick // len(SUFFIXES)) % len(STEMS)] + SUFFIXES[pick % len(SUFFIXES)]
    body = data[1:]
    if name.lower().endswith(".pdf") and not body.startswith(b"%PDF-"):
        body = PDF_HEAD + body
    return name, body


def _clean_span(layout, start: int, end: int) -> tuple[int, int]:
    """The clean span whose characters map into raw [start, end)."""
    n = len(layout.clean)
    return (bisect.bisect_left(range(n), start, key=layout.raw_index),
            bisect.bisect_left(range(n), end, key=layout.raw_index))


def check_result(text: str, result) -> None:
    """The contract's invariants on one Extraction of `text`."""
    spans = sorted((q.start, q.end) for q in result.quantities)
    for (a, b), (c, d) in zip(spans, spans[1:], strict=False):
        if b > c:
            raise AssertionError(f"overlapping quantities at {a}-{b} and {c}-{d}")
    layout = None
    for item in result.quantities + result.entities:
        if not 0 <= item.start < item.end <= len(text):
            raise AssertionError(f"span {item.start}-{item.end} outside a text of {len(text)}")
        if "\n" in item.text:
            raise AssertionError(f"span text {item.text!r} holds a line break")
        layout = layout or clean_layout(text)
        surface = layout.surface(*_clean_span(layout, item.start, item.end))
        if item.text != surface:
            raise AssertionError(f"span text {item.text!r} is not the clean reading {surface!r} "
                                 f"of {text[item.start:item.end]!r}")
    for r in result.relations:
        if not 0 <= r.evidence[0] < r.evidence[1] <= len(text):
            raise AssertionError("relation evidence outside the text")
    d = result.to_dict()
    if type(result).from_dict(d).to_dict() != d:
        raise AssertionError("to_dict/from_dict round trip changed the result")


def check_file(name: str, body: bytes) -> None:
    try:
        document = read_document(body, name, MAX_CHARS)
    except ValueError as exc:  # DecodeError, ReadError, the size limit: documented, must name the file
        if name not in str(exc) and "over the limit" not in str(exc):
            raise AssertionError(f"error does not name the file {name!r}: {exc}") from exc
        STORE.add_failure(Source(display_name(name), display_name(name), sha256_of(body)), str(exc))
        return
    text = document.text
    if not isinstance(text, str):
        raise AssertionError("read_document gave no str")
    result = oldcomm_ie.extract(text, doc_id=display_name(name), nlp=NLP)
    check_result(text, result)
    page = oldcomm_ie.render(text, result, title=name)
    if not isinstance(page, str) or "<script" in page.lower():
        raise AssertionError("render output is no str or holds a raw <script")
    STORE.add(Source(display_name(name), display_name(name), sha256_of(body), document.meta["encoding"]), result, text)
    oldcomm_ie.parse_quantity(text[:200])


def one_input(data: bytes) -> None:
    check_file(*file_of(data))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
