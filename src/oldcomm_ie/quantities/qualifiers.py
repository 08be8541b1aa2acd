"""Qualifier words around an amount: 约/近/超过 before it, 左右/以上/余 after it.

The words and what they mean come from data/qualifiers.tsv; the rules here only say
which word wins when a numeral already carries its own (2600多个 is more_than).
"""
from __future__ import annotations

import regex

from .grammar import one_of
from .lookup import WordIndex
from .tables import qualifier_table, qualifier_words

_COMPARATIVE = regex.compile(r"[大高多长小低少短]")


class QualifierReader:
    """Finds the qualifier words next to an amount and widens its span over them."""

    def __init__(self) -> None:
        self.prefix_q, self.suffix_q = qualifier_table()
        self.prefixes = WordIndex(self.prefix_q)
        self.suffixes = WordIndex(self.suffix_q)
        self.blocks = WordIndex(qualifier_words("block"))
        self.gaps = WordIndex(qualifier_words("gap"))

    def _blocked(self, text: str, pos: int, n: int) -> bool:
        """Does a longer word that is no qualifier (签约, 最近) end at pos?"""
        return any(k > n for k in self.blocks.lengths_to(text, pos))

    def prefix_before(self, text: str, pos: int) -> tuple[str, int] | None:
        """(qualifier, length) of the qualifier word ending at pos."""
        for n in reversed(self.prefixes.lengths_to(text, pos)):
            word = text[pos - n:pos]
            if self._blocked(text, pos, n):
                continue
            if word == "上" and not one_of(text[pos:pos + 1], "百千万"):
                continue
            return self.prefix_q[word], n
        return None

    def suffix_at(self, text: str, pos: int) -> tuple[str, int] | None:
        """(qualifier, length) of the qualifier word starting at pos."""
        for n in reversed(self.suffixes.lengths_from(text, pos)):
            q = self.suffix_q[text[pos:pos + n]]
            if q:
                return q, n
        return None

    def _prefix_over_gap(self, text: str, pos: int) -> str | None:
        """约完成90%: the qualifier of a prefix word standing before a gap verb."""
        for k in reversed(self.gaps.lengths_to(text, pos)):
            pre = self.prefix_before(text, pos - k)
            if pre is not None and pre[0] != "comparative_than":
                return pre[0]
        return None

    def qualify(self, text: str, start: int, end: int, qualifier: str) -> tuple[int, int, str]:
        """Widen [start, end) over the qualifier words around it and set the qualifier."""
        pre = self.prefix_before(text, start)
        if pre is None and qualifier == "exact":
            qualifier = self._prefix_over_gap(text, start) or qualifier
        if pre is not None:
            word_q, n = pre
            if word_q == "comparative_than":
                cmp = _COMPARATIVE.match(text, end)
                if cmp:
                    return start - n, cmp.end(), "more_than" if cmp.group(0) in "大高多长" else "less_than"
            elif qualifier != "range":
                if qualifier == "exact" or word_q != "approx":
                    qualifier = word_q
                start -= n
        suf = self.suffix_at(text, end)
        if suf is not None:
            word_q, n = suf
            if word_q == "between":
                if qualifier == "range":
                    end += n
            elif qualifier in ("exact", "approx") or qualifier == word_q:
                qualifier = word_q
                end += n
        return start, end, qualifier
