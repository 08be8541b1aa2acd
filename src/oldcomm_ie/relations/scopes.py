"""Where a relation may hold: articles on a page, paragraphs, sentences, headlines.

Nothing is ever linked across articles (a newspaper page holds several: headlines, 本报讯
and bylines start a new one); slots are filled sentence by sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

import regex

# The standard re: it scans a plain class several times faster than the regex module,
# and skips ahead to a first stop written as a class of its own (not as a class+).
_SENTENCE_END = re.compile(r"[。！？!?；;][。！？!?；;]*[”’」]?")
_BYLINE = regex.compile(r"\s*[□■●◆]?\s*(?:本报)?记者|[（(]?记者")
_HEADLINE_MAX = 32
_SENTENCE_MARK = re.compile(r"[。，,；;！？]")


class Span(NamedTuple):
    start: int
    end: int


class Located(list):
    """Items with character offsets, sorted, sliced by span in logarithmic time."""

    def __init__(self, items):
        super().__init__(sorted(items, key=lambda x: x["start"]))
        self.starts = [x["start"] for x in self]

    def _range(self, span) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end)

    def among(self, span) -> list:
        """The items inside a span, as a plain list (a sentence's items, only read)."""
        lo, hi = self._range(span)
        end = span.end
        return [x for x in self[lo:hi] if x["end"] <= end]

    def within(self, span) -> Located:
        """The items inside a span, sliced again by span later (an article's items)."""
        lo, hi = self._range(span)
        kept = self.among(span)
        out = Located.__new__(Located)
        list.__init__(out, kept)
        out.starts = self.starts[lo:hi] if len(kept) == hi - lo else [x["start"] for x in kept]
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
    line = text[p.start : p.end]
    return len(line) <= _HEADLINE_MAX and not _SENTENCE_MARK.search(line)


class Page:
    """A report's paragraphs, which of them are headlines and their sentences, cut once:
    articles and sections start at paragraphs, so the paragraphs or sentences of either
    are a slice found by bisect (no scope is split into lines or sentences again)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        self.starts = [p.start for p in self.paragraphs]
        self.headline = [is_headline(text, p) for p in self.paragraphs]
        self.sentences = sentences(text, self.paragraphs)
        self.sentence_starts = [sent.start for _, sent in self.sentences]

    def sentences_in(self, scope: Span) -> list[tuple[Span, Span]]:
        """The sentences of an article, each with its paragraph."""
        starts = self.sentence_starts
        return self.sentences[bisect.bisect_left(starts, scope.start) : bisect.bisect_left(starts, scope.end)]

    def _range(self, scope: Span) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, scope.start), bisect.bisect_left(self.starts, scope.end)

    def paragraphs_in(self, scope: Span) -> list[Span]:
        """The paragraphs of an article or a section."""
        lo, hi = self._range(scope)
        return self.paragraphs[lo:hi]

    def headlines_in(self, scope: Span) -> list[bool]:
        """Which paragraphs of an article or a section are headlines."""
        lo, hi = self._range(scope)
        return self.headline[lo:hi]


def _dateline(line: str) -> bool:
    """本报讯 anywhere in a line, or a line that opens with a byline (本报记者, （记者）;
    the plain word tests first: most lines hold neither)."""
    return "本报讯" in line or ("记者" in line and _BYLINE.match(line) is not None)


def articles(page: Page) -> list[Span]:
    """Articles on a page: a dateline opens a new one, and so does a run of headline lines
    that is more than a subhead (two lines or more, or a line before a dateline); a single
    short line inside an article (【东片区】, a kicker) is a subhead, no new article."""
    text, paras, heads = page.text, page.paragraphs, page.headline
    dated = [_dateline(text[p.start : p.end]) for p in paras]
    cuts, i = [], 0
    while i < len(paras):
        j = i
        while j < len(paras) and heads[j]:
            j += 1
        if j > i:  # a run of headline lines, paras[i:j]
            if i == 0 or j - i >= 2 or (j < len(paras) and dated[j]):
                cuts.append(paras[i].start)
                i = j + 1 if j < len(paras) and dated[j] else j  # its dateline belongs to it
            else:
                i = j
            continue
        if dated[i]:
            cuts.append(paras[i].start)
        i += 1
    if not cuts or (paras and cuts[0] != paras[0].start):
        cuts.insert(0, paras[0].start if paras else 0)
    bounds = cuts + [len(text)]
    return [Span(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def sections_of(page: Page, art: Span) -> list[Span]:
    """The sections of an article: each subhead (a headline line) opens one."""
    paras, heads = page.paragraphs_in(art), page.headlines_in(art)
    cuts = [p.start for i, p in enumerate(paras) if heads[i] and (i == 0 or not heads[i - 1])]
    if not cuts or cuts[0] != art.start:
        cuts.insert(0, art.start)
    bounds = cuts + [art.end]
    return [Span(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def sentences(text: str, paras: list[Span]) -> list[tuple[Span, Span]]:
    """The sentences of each paragraph, with it, from one scan of the text: a sentence end
    holds no line break, so the ends the scan finds fall inside the paragraphs, in order."""
    out = []
    ends = iter([m.end() for m in _SENTENCE_END.finditer(text)] + [len(text) + 1])
    end = next(ends)
    for para in paras:
        pos = para.start
        while end <= para.end:
            out.append((para, Span(pos, end)))
            pos, end = end, next(ends)
        if pos < para.end and not text[pos : para.end].isspace():
            out.append((para, Span(pos, para.end)))
    return out
