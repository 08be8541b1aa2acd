"""Where a relation may hold: articles on a page, paragraphs, sentences, headlines.

Nothing is ever linked across articles (a newspaper page holds several: headlines, 本报讯
and bylines start a new one); slots are filled sentence by sentence.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

import regex

_SENTENCE_END = regex.compile(r"[。！？!?；;]+[”’」]?|\n")
_DATELINE = regex.compile(r"本报讯|^\s*[□■●◆]?\s*(?:本报)?记者|^[（(]?记者")
_HEADLINE_MAX = 32


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Located(list):
    """Items with character offsets, sorted, sliced by span in logarithmic time."""

    def __init__(self, items):
        super().__init__(sorted(items, key=lambda x: x["start"]))
        self.starts = [x["start"] for x in self]

    def within(self, span) -> Located:
        lo = bisect.bisect_left(self.starts, span.start)
        hi = bisect.bisect_left(self.starts, span.end)
        out = Located.__new__(Located)
        list.__init__(out, (x for x in self[lo:hi] if x["end"] <= span.end))
        out.starts = [x["start"] for x in out]
        return out


def paragraphs(text: str) -> list[Span]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_headline(text: str, p: Span) -> bool:
    """A short line with no sentence punctuation (a title, a kicker, a byline)."""
    line = text[p.start:p.end]
    return len(line) <= _HEADLINE_MAX and not regex.search(r"[。，,；;！？]", line)


def articles(text: str) -> list[Span]:
    """Articles on a page: a run of headline lines or a dateline opens a new one."""
    paras = paragraphs(text)
    cuts = []
    prev_head = False
    for p in paras:
        head = is_headline(text, p)
        if (head and not prev_head) or _DATELINE.search(text[p.start:p.end]):
            cuts.append(p.start)
        prev_head = head
    if not cuts or (paras and cuts[0] != paras[0].start):
        cuts.insert(0, paras[0].start if paras else 0)
    bounds = cuts + [len(text)]
    return [Span(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def sentences(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    for m in _SENTENCE_END.finditer(text, span.start, span.end):
        if text[pos:m.end()].strip():
            out.append(Span(pos, m.end()))
        pos = m.end()
    if pos < span.end and text[pos:span.end].strip():
        out.append(Span(pos, span.end))
    return out
