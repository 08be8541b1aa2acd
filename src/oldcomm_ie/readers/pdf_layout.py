"""Reading order of a PDF page from character boxes: furniture out, columns in order.

PDF tools hand back characters in content-stream order or by height on the page; on a
newspaper page the second is wrong (it interleaves columns) and the first is whatever the
producer wrote.  Geometry decides here instead, for any tool's boxes:
- rows: characters whose vertical centres agree;
- furniture: rows in the page's outer bands that are small print (or slightly smaller
  and not prose), page numbers, or repeated on other pages (running heads, footers) —
  kept as metadata, not text;
- columns: x ranges that nearly every row covers, split by gutters that almost none
  does (a headline across the columns is a row that bridges a gutter);
- paragraphs: a line that is indented, or follows a line ending short, starts one; the
  lines of a paragraph are joined (a space only between Latin letters or digits), and
  paragraphs are separated by PARAGRAPH_BREAK.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

import regex

from . import PARAGRAPH_BREAK

# 第3版, - 3 -, A3, 3/12, Page 3: a row that is only a page number.
PAGE_NUMBER = regex.compile(r"^(?:第\s*[A-Za-z]?\d{1,4}\s*[版页頁]|[-—–\s]*[A-Za-z]?\d{1,4}(?:\s*/\s*\d{1,4})?[-—–\s]*"
                            r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", regex.I)
OUTER_BAND = 0.12
# A row with these is running prose; a head or footer in slightly smaller type has none.
_PROSE = set("，。；！？,;")  # share of the page height at the top and bottom where furniture lives


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Row:
    chars: list[Char]

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        return median(c.size for c in self.chars)

    def text(self) -> str:
        """The row left to right, wide gaps (between a head's fields) as a space."""
        return join_chars(sorted(self.chars, key=lambda c: c.x0), wide_gaps=True)


def join_chars(chars: list[Char], wide_gaps: bool = False) -> str:
    """Characters of one line, left to right; a space only where Latin words meet."""
    out = []
    for prev, ch in zip([None, *chars], chars, strict=False):
        gap = ch.x0 - prev.x1 if prev is not None else 0
        if (gap > 0.25 * ch.size and _latin(prev.text[-1]) and _latin(ch.text[0])) or (wide_gaps and gap > ch.size):
            out.append(" ")
        out.append(ch.text)
    return "".join(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def rows_of(chars: list[Char]) -> list[Row]:
    """Group characters into rows by their vertical centres, top to bottom."""
    rows: list[Row] = []
    for ch in sorted(chars, key=lambda c: c.middle):
        if rows and abs(ch.middle - rows[-1].chars[-1].middle) < 0.4 * max(ch.size, rows[-1].chars[-1].size):
            rows[-1].chars.append(ch)
        else:
            rows.append(Row([ch]))
    return rows


def furniture_key(row: Row) -> str:
    """A row's text with its digits blurred, to find the same head on every page."""
    return regex.sub(r"\d+", "#", regex.sub(r"\s+", "", join_chars(sorted(row.chars, key=lambda c: c.x0))))


def split_furniture(rows: list[Row], height: float, repeated: set[str]) -> tuple[list[Row], list[Row]]:
    """(body rows, furniture rows) of one page."""
    if not rows:
        return [], []
    body_size = median(c.size for r in rows for c in r.chars)
    body, furniture = [], []
    for row in rows:
        outer = row.bottom < OUTER_BAND * height or row.top > (1 - OUTER_BAND) * height
        text = row.text().strip()
        small = row.size < 0.85 * body_size or (row.size < 0.95 * body_size and not _PROSE & set(text))
        if outer and (small or PAGE_NUMBER.match(text) or furniture_key(row) in repeated):
            furniture.append(row)
        else:
            body.append(row)
    return body, furniture


def repeated_keys(pages_rows: list[tuple[list[Row], float]]) -> set[str]:
    """Texts of outer-band rows that recur on two pages or more."""
    seen: Counter = Counter()
    for rows, height in pages_rows:
        keys = {furniture_key(r) for r in rows
                if r.bottom < OUTER_BAND * height or r.top > (1 - OUTER_BAND) * height}
        seen.update(keys)
    return {k for k, n in seen.items() if n >= 2 and k}


def segments(row: Row, gap: float) -> list[list[Char]]:
    """A row cut where its characters are further apart than `gap` (a gutter at least)."""
    chars = sorted(row.chars, key=lambda c: c.x0)
    out = [[chars[0]]]
    for a, b in pairwise(chars):
        if b.x0 - a.x1 > gap:
            out.append([])
        out[-1].append(b)
    return out


def _filled(pieces: list[tuple[float, float]], width: float, size: float) -> list[tuple[float, float]]:
    """x ranges covered by more than 5% of the pieces, closing gaps narrower than a
    character (letter spacing) and dropping ranges narrower than two."""
    bins = max(1, int(width) + 1)
    cover = [0] * (bins + 1)
    for lo, hi in pieces:
        for b in range(max(0, int(lo)), min(bins, int(hi) + 1)):
            cover[b] += 1
    limit = 0.05 * len(pieces)
    spans: list[list[int]] = []
    start = None
    for b in range(bins + 1):
        if b < bins and cover[b] > limit:
            start = b if start is None else start
        elif start is not None:
            if spans and start - spans[-1][1] < 0.6 * size:
                spans[-1][1] = b
            else:
                spans.append([start, b])
            start = None
    return [(float(a), float(b)) for a, b in spans if b - a >= 2 * size]


def columns_of(rows: list[Row], width: float) -> list[tuple[float, float]]:
    """x ranges of the text columns: covered by most line pieces, split by gutters.

    Pieces much wider than the usual line are headlines over the columns and left out;
    pieces in a larger type count only where they cross no gutter of the body text (a
    headline inside a column is column text, the short last line of one over the columns
    is not)."""
    if not rows:
        return []
    size = median(c.size for r in rows for c in r.chars)
    normal, large = [], []
    for row in rows:
        for seg in segments(row, 1.2 * size):
            (large if row.size > 1.3 * size else normal).append((seg[0].x0, seg[-1].x1))
    if not normal:
        return [(0.0, float(width))]
    # The usual full line: three pieces in four are no wider (short lines are many).
    widths = sorted(hi - lo for lo, hi in normal)
    usual = widths[(3 * len(widths)) // 4]
    normal = [p for p in normal if p[1] - p[0] <= 1.3 * usual]
    columns = _filled(normal, width, size)
    gutters = list(pairwise(columns))
    inside = [p for p in large if not any(p[0] < b[0] and p[1] > a[1] for a, b in gutters)]
    if inside:
        columns = _filled(normal + inside, width, size)
    return columns or [(0.0, float(width))]


def _column(ch: Char, columns) -> int:
    mid = (ch.x0 + ch.x1) / 2
    return min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= mid <= columns[i][1]
               else min(abs(mid - columns[i][0]), abs(mid - columns[i][1])))


def _bridges(row: Row, columns) -> bool:
    """Does the row run across a gutter (a headline over the columns)?  Then one of its
    characters covers the gutter's middle; a line's last mark reaching into it does not."""
    middles = [(a[1] + b[0]) / 2 for a, b in pairwise(columns)]
    return any(c.x0 <= m <= c.x1 for c in row.chars for m in middles)


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    left: float   # the column's edges
    right: float
    size: float
    whole_width: bool = False


def reading_lines(rows: list[Row], width: float) -> list[Line]:
    """The page's body lines in reading order: sections between headlines, each column
    top to bottom, columns left to right."""
    columns = columns_of(rows, width)
    body_size = median(c.size for r in rows for c in r.chars) if rows else 0
    lines: list[Line] = []
    section: list[list[list[Char]]] = [[] for _ in columns]

    def flush():
        for i, col in enumerate(section):
            for chars in col:
                chars.sort(key=lambda c: c.x0)
                lines.append(Line(join_chars(chars), chars[0].x0, chars[-1].x1, *columns[i],
                                  median(c.size for c in chars)))
            col.clear()

    above = None  # the size of the headline row just read, if the last row was one
    for row in rows:
        # A headline over the columns: across a gutter, or its short last line (the same
        # large type right below such a row).  A headline inside a column is column text.
        spans = _bridges(row, columns) or (above is not None and row.size > 1.3 * body_size
                                           and abs(row.size - above) < 0.1 * above)
        above = row.size if len(columns) > 1 and spans else None
        if above is not None:
            flush()
            chars = sorted(row.chars, key=lambda c: c.x0)
            lines.append(Line(join_chars(chars), chars[0].x0, chars[-1].x1, columns[0][0], columns[-1][1],
                              row.size, whole_width=True))
            continue
        parts: dict[int, list[Char]] = {}
        for ch in row.chars:
            parts.setdefault(_column(ch, columns), []).append(ch)
        for i, chars in parts.items():
            section[i].append(chars)
    flush()
    return lines


def starts_paragraph(prev: Line | None, line: Line) -> bool:
    if prev is None or abs(line.size - prev.size) > 0.2 * line.size:
        return True
    if line.whole_width or prev.whole_width:  # a headline's lines run on; the body starts anew
        return not (line.whole_width and prev.whole_width)
    indented = line.x0 - line.left > 1.2 * line.size
    short = prev.right - prev.x1 > 1.5 * prev.size
    return indented or short


def separator(prev: Line | None, line: Line) -> str:
    """What goes between two lines in reading order: a paragraph break, a space between
    Latin words, or nothing (the lines of a Chinese paragraph run on)."""
    if prev is None:
        return ""
    if starts_paragraph(prev, line):
        return PARAGRAPH_BREAK
    return " " if _latin(prev.text[-1:] or " ") and _latin(line.text[:1] or " ") else ""
