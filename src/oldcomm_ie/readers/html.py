"""Web pages: the article's main text (trafilatura), its title, date, source and author.

Navigation, breadcrumbs, share bars, related links, footers and scripts are what
trafilatura's boilerplate removal leaves out.  The headline opens the text (articles
often name their project there); the byline fields go to the metadata only.
"""
from __future__ import annotations

import html as htmllib
from functools import lru_cache

import regex

from ..tables import data_rows
from .encoding import decode_bytes

DATE_TIME = regex.compile(r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
# "Headline_Section_Site" or "Headline | Site": what a <title> adds after the headline.
SITE_SUFFIX = regex.compile(r"^(?P<head>.{4,}?)\s*(?:[_|｜]|\s[-–—]\s).*$")
TITLE_TAG = regex.compile(r"<title[^>]{0,100}>([^<]{0,300})</title>", regex.I)
CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", regex.I)


@lru_cache(maxsize=1)
def _byline() -> regex.Pattern:
    """`来源：江城日报` and the like: the label, then a value up to a space or separator."""
    by_field: dict[str, list[str]] = {}
    for field, label in data_rows("page_labels.tsv"):
        by_field.setdefault(field, []).append(regex.escape(label))
    groups = "|".join(f"(?P<{f}>(?:{'|'.join(sorted(ls, key=len, reverse=True))}))" for f, ls in by_field.items())
    return regex.compile(rf"(?:{groups})\s*[:：]\s*(?P<value>[^\s|｜/<>:：。，,;；、]{{1,40}}+)")


def is_byline(paragraph: str) -> bool:
    """A paragraph that only names date, source, author or editor (kept as metadata)."""
    if len(paragraph) > 80 or not (_byline().search(paragraph) or DATE_TIME.search(paragraph)):
        return False
    rest = DATE_TIME.sub("", _byline().sub("", paragraph))
    return len(regex.sub(r"[\p{P}\p{S}\s]+", "", rest)) <= 4


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
        if name != "date":
            found.setdefault(name, m.group("value"))
    return found


def read_html(data: bytes, path):
    import trafilatura

    from . import PARAGRAPH_BREAK, Document, ReadError

    html, encoding, warnings = _decode(data, path)
    got = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False)
    lines = [line.strip() for line in (got.text or "").splitlines() if line.strip()] if got else []
    lines = [line for line in lines if not is_byline(line)]
    if not lines:
        raise ReadError(f"{path}: no article text found in this web page")
    page_text = trafilatura.html2txt(html) or ""
    meta = {"encoding": encoding, "warnings": warnings, **byline(page_text)}
    for key in ("title", "date", "author", "sitename"):
        value = getattr(got, key, None)
        if value and key not in meta:
            meta[key] = value
    if "author" in meta:
        meta["author"] = byline(meta["author"]).get("author", meta["author"])
    # The headline once, first (on short pages the extractor may put it after the body).
    title = meta.get("title", "").strip()
    tag = TITLE_TAG.search(html)
    if title and tag and title == htmllib.unescape(tag.group(1)).strip():  # <title>, not a heading
        m = SITE_SUFFIX.match(title)
        title = meta["title"] = m.group("head") if m else title
    if title:
        lines = [title, *(line for line in lines if line != title)]
    text = PARAGRAPH_BREAK.join(lines)
    return Document(text, meta)
