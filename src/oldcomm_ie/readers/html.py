"""Web pages: the article's main text (trafilatura), its title, date, source and author.

Navigation, breadcrumbs, share bars, related links, footers and scripts are what
trafilatura's boilerplate removal leaves out.  The headline opens the text (articles
often name their project there); the byline fields go to the metadata only.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..tables import data_rows
from .encoding import decode_bytes

CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", regex.I)


@lru_cache(maxsize=1)
def _byline() -> regex.Pattern:
    """`来源：江城日报` and the like: the label, then a value up to a space or separator."""
    by_field: dict[str, list[str]] = {}
    for field, label in data_rows("page_labels.tsv"):
        by_field.setdefault(field, []).append(regex.escape(label))
    groups = "|".join(f"(?P<{f}>(?:{'|'.join(sorted(ls, key=len, reverse=True))}))" for f, ls in by_field.items())
    return regex.compile(rf"(?:{groups})\s*[:：]\s*(?P<value>[^\s|｜/<>:：]{{1,40}}+)")


def _decode(data: bytes, path) -> tuple[str, str, list[str]]:
    """The page's own charset when it declares one that fits, else detection."""
    m = CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if declared in ("gb2312", "gbk") else declared), declared, []
        except (LookupError, UnicodeDecodeError):
            pass
    got = decode_bytes(data, path)
    return got.text, got.encoding, got.warnings


def byline(page_text: str) -> dict:
    """The first source and author named in a page's text."""
    found: dict[str, str] = {}
    for m in _byline().finditer(page_text):
        name = next(f for f, v in m.groupdict().items() if v and f != "value")
        found.setdefault(name, m.group("value"))
    return found


def read_html(data: bytes, path):
    from . import Document, ReadError
    import trafilatura

    html, encoding, warnings = _decode(data, path)
    got = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False)
    # One blank line between paragraphs, as in the plain-text articles the stages are tuned on.
    body = "\n\n".join(line.strip() for line in (got.text or "").splitlines() if line.strip()) if got else ""
    if not body:
        raise ReadError(f"{path}: no article text found in this web page")
    page_text = trafilatura.html2txt(html) or ""
    meta = {"encoding": encoding, "warnings": warnings, **byline(page_text)}
    for key in ("title", "date", "author", "sitename"):
        value = getattr(got, key, None)
        if value and key not in meta:
            meta[key] = value
    if "author" in meta:
        meta["author"] = byline(meta["author"]).get("author", meta["author"])
    title = meta.get("title", "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Document(text, meta)
