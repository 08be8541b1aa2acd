"""What a stretch of layout whitespace between two characters reads as: '', ' ' or '\\n'.

Newspaper columns break lines every few characters and justification puts stray spaces
between characters ("不完 善"); between Chinese characters neither carries meaning.  A
blank line closes a paragraph unless a column break cut prose mid-sentence.  Digits are
the hard case: "1 2 3" is a list, but a column wrap inside a numeral ("12\\n80户") or a
stray space in one ("12 80户", "2. 6亿") must be joined, or the amount reads as its tail.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ..chars import CJK_CLASS, is_cjk, is_cjk_punct

# Line boundaries as str.splitlines knows them, read as "\n" (a paragraph separator as a
# blank line); "\r\n" is one.
_LINE_BREAKS = {ord("\r"): "\n", 0x0B: "\n", 0x0C: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n", 0x85: "\n",
                0x2028: "\n", 0x2029: "\n\n"}
_HAS_CJK = regex.compile(f"[{CJK_CLASS}]")
# Characters that end a sentence or a paragraph: a line ending here may close a paragraph.
_TERMINAL = set("。！？!?；;：:”』」…）)】")
# Characters that say a line is running prose (headlines and bylines rarely have them).
_PROSE = regex.compile("[，,。；]")
_NUMERAL_CHARS = set("0123456789.")
# Model acronyms (PPP, EPC, F+EPC+O) that a wrap or a stray space cuts.
_CAPITALS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ+")
# ASCII signs inside amounts, and those that web and converted text use as Chinese
# punctuation (half-width semicolons, brackets): joinable next to a Chinese character.
_AMOUNT_SIGNS = set("%.,")
_ASCII_PUNCT = set(";:!?()")
_DIGITS = set("0123456789")
# How far a numeral or acronym around a gap is looked at (longer runs are no amount anyway).
NUMERAL_REACH = 24
# A wrapped text: at least this many lines of text, this share of them within one
# character of the commonest length.
_WRAP_MIN_LINES = 4
_WRAP_SHARE = 0.4


@lru_cache(maxsize=8192)
def _joinable(ch: str) -> bool:
    """Characters between which layout whitespace carries no meaning."""
    return is_cjk(ch) or is_cjk_punct(ch) or ch.isdigit() or ch in _AMOUNT_SIGNS


def _pair(before: str, after: str) -> bool:
    """Whitespace between these two carries no meaning (ASCII punctuation only next to
    Chinese: "a;\nb" keeps its space)."""
    if before in _ASCII_PUNCT:
        return _chinese(after)
    if after in _ASCII_PUNCT:
        return _chinese(before)
    return _joinable(before) and _joinable(after)


def _line_breaks(ws: str) -> int:
    if ws.isascii() and "\r" not in ws:
        return ws.count("\n")
    return ws.replace("\r\n", "\n").translate(_LINE_BREAKS).count("\n")


@lru_cache(maxsize=8192)
def _chinese(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or is_cjk(ch) or is_cjk_punct(ch)


class GapReader:
    """Decides the gaps of one raw text (keeps what it learns of the text, e.g. its
    line width, between gaps)."""

    def __init__(self, raw: str, folded: str) -> None:
        self.raw = raw
        self.folded = folded  # raw folded one for one (normalize.FOLD)
        self._width: int | None | bool = False  # False: not measured yet

    def replacement(self, ws: str, start: int, end: int, before: str, after: str) -> str:
        """What the whitespace `ws` found in raw[start:end] becomes.

        before/after: the clean characters next to the gap ('' at an end of the text).
        """
        if not before or not after:
            return ""
        if (before in _NUMERAL_CHARS and after in _NUMERAL_CHARS) or (before in _CAPITALS and after in _CAPITALS):
            folded = self.folded
            left, right = folded[max(0, start - NUMERAL_REACH):start], folded[end:end + NUMERAL_REACH]
        else:
            left = right = ""
        breaks = _line_breaks(ws)
        if breaks > 1:
            # A blank line closes a paragraph unless a column break cut prose mid-sentence.
            if before in _TERMINAL or not _pair(before, after):
                return "\n"
            return "" if _PROSE.search(self.raw, self.raw.rfind("\n", 0, start) + 1, start) else "\n"
        if breaks:
            if _split_acronym(left, right):
                return "" if self._column_wrap(start) else " "
            digits = before in _DIGITS and after in _DIGITS
            wrap = not digits or (_split_numeral(left, right, line_break=True) and self._column_wrap(start))
            return "" if _pair(before, after) and wrap else " "
        if _pair(before, after) and (_chinese(before) or _chinese(after)):
            return ""
        if before.isdigit() and after in "%‰":
            return ""  # 50 % is 50%
        if _split_numeral(left, right) or _split_acronym(left, right):
            return ""
        return " "

    def _line_before(self, pos: int) -> str:
        return self.raw[self.raw.rfind("\n", 0, pos) + 1:pos]

    def _column_wrap(self, start: int) -> bool:
        """The line break at `start` wraps a column of prose: the line before holds
        Chinese and is as long as the text's lines are."""
        line = self._line_before(start)
        if not _HAS_CJK.search(line):
            return False
        width = self.line_width()
        return width is None or len(line.strip()) >= width - 1

    def line_width(self) -> int | None:
        """The width a column-wrapped text is broken at, or None when lines vary."""
        if self._width is False:
            lengths = Counter(n for n in (len(line.strip()) for line in self.raw.split("\n")) if n >= 4)
            total = sum(lengths.values())
            width = None
            if total >= _WRAP_MIN_LINES:
                common = max(lengths, key=lambda n: (lengths[n], n))
                near = lengths[common - 1] + lengths[common] + lengths[common + 1]
                width = common if near >= _WRAP_SHARE * total else None
            self._width = width
        return self._width  # type: ignore[return-value]


def _run_across(left: str, right: str, chars) -> tuple[int, int]:
    """Where a run of `chars` around the gap begins in `left` and ends in `right`."""
    i = len(left)
    while i > 0 and left[i - 1] in chars:
        i -= 1
    j = 0
    while j < len(right) and right[j] in chars:
        j += 1
    return i, j


def _split_numeral(left: str, right: str, line_break: bool = False) -> bool:
    """Digits on both sides of a gap that read as one numeral in Chinese prose: the
    numeral starts after Chinese text (or the text's start) and ends before Chinese text,
    so lists ("1 2 3", "10 20") and Latin text stay apart."""
    i, j = _run_across(left, right, _NUMERAL_CHARS)
    head, tail = left[i:], right[:j]
    if not head or not tail or not (head[-1] in _DIGITS or tail[0] in _DIGITS):
        return False
    if head.count(".") + tail.count(".") > 1 or i == 0 and len(left) >= NUMERAL_REACH:
        return False
    pre = left[i - 1] if i else ""
    post = right[j] if j < len(right) else ""
    if pre and not (_chinese(pre) or pre in _AMOUNT_SIGNS or pre in _ASCII_PUNCT or pre in "¥$"):
        return False
    if not post:
        return line_break
    return _chinese(post) or post in "%‰"


def _split_acronym(left: str, right: str) -> bool:
    """Capitals on both sides of a gap that read as one acronym in Chinese prose
    ("EP\nC模式", "P PP项目"): Chinese (or an end of the text) on both sides, three to
    twelve letters together, so "A B" and Latin text stay apart."""
    i, j = _run_across(left, right, _CAPITALS)
    if not i < len(left) or not j or not 3 <= len(left) - i + j <= 12:
        return False
    pre = left[i - 1] if i else ""
    post = right[j] if j < len(right) else ""
    return (not pre or _chinese(pre)) and (not post or _chinese(post)) and not (i == 0 and len(left) >= NUMERAL_REACH)
