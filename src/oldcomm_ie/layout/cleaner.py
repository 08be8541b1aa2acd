"""clean_layout: the text the rules read, and the map back to the caller's string.

The raw text is first folded one for one (normalize.FOLD: full-width forms, radicals,
compatibility ideographs, lone surrogates).  One pass then finds the stretches of layout
(whitespace, invisible characters, escape sequences) and the unit symbols.  A stretch of
layout becomes '', ' ' or '\\n' (joins.py), standing for its first whitespace character; a
unit symbol expands to its name.  Traditional characters are then read as simplified
(script.py), one for one.
"""
from __future__ import annotations

import re

from .joins import GapReader
from .normalize import ESCAPE_RE, EXPANSION_CLASS, EXPANSIONS, GAP, STARTS, fold_text
from .offsets import Layout, LayoutBuilder
from .script import simplify

_SCAN = re.compile(f"(?={STARTS})(?:(?P<gap>{GAP})|{EXPANSION_CLASS})")
_ESCAPE_START = ("\x1b", "\x9b")
_HAN, _HAN_END = "\u4e00", "\u9fff"


def clean_layout(raw: str) -> Layout:
    """Clean `raw` for the rules; every clean character maps back to the raw string."""
    if not isinstance(raw, str):
        raise TypeError(f"text must be str, not {type(raw).__name__}")
    text = fold_text(raw)
    out = LayoutBuilder()
    gaps = GapReader(raw, text)
    n = len(text)
    pos = 0
    for m in _SCAN.finditer(text):
        start, end = m.span()
        if start > pos:
            out.keep(text[pos:start], pos)
        pos = end
        if end - start == 1 and start > 0 and end < n and text[start] in " \n" \
                and _HAN <= text[start - 1] <= _HAN_END and _HAN <= text[end] <= _HAN_END:
            continue  # the common case: a column wrap or a stray space between two ideographs
        if m.lastgroup is None:
            out.expand(EXPANSIONS[m.group()], start)
            continue
        first, ws = _whitespace(text, start, end)
        if ws:  # a gap of invisible characters only is dropped
            after = text[end] if end < n else ""
            out.keep(gaps.replacement(ws, start, end, out.last(), EXPANSIONS.get(after, after)[:1]), first)
    if pos < n:
        out.keep(text[pos:], pos)
    return out.build(raw, simplify("".join(out.pieces)))


def _whitespace(text: str, start: int, end: int) -> tuple[int, str]:
    """The position of the first whitespace character of a gap, and its whitespace
    (invisible characters and escape sequences left out)."""
    gap = text[start:end]
    if gap.isspace():
        return start, gap
    if end - start == 1:
        return start, ""  # one invisible character
    if any(e in gap for e in _ESCAPE_START):
        gap = ESCAPE_RE.sub(lambda m: "\0" * len(m.group(0)), gap)
    first = next((i for i, ch in enumerate(gap) if ch.isspace()), 0)
    return start + first, "".join(ch for ch in gap if ch.isspace())
