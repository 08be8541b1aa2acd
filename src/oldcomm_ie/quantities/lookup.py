"""Anchored word look-ups: which words of a table start, or end, at one position of a text.

Every rule family asks "is there a unit after this numeral, a qualifier before it, an idiom
around it?".  Trying each length up to the table's longest word costs that many slices and
hashes per question; walking the word's prefixes (or suffixes) instead stops at the first
piece no word continues, so a question costs about as many look-ups as the characters that
match, which for most positions is one.
"""
from __future__ import annotations

from collections.abc import Iterable


class WordIndex:
    """A word set with every prefix and every suffix of its words, built once per table."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.prefixes = frozenset(w[:k] for w in self.words for k in range(1, len(w) + 1))
        self.suffixes = frozenset(w[-k:] for w in self.words for k in range(1, len(w) + 1))
        self.pairs = frozenset(w[k:k + 2] for w in self.words for k in range(len(w) - 1))
        self.longest = max(map(len, self.words), default=0)

    def lengths_from(self, text: str, pos: int, limit: int | None = None) -> list[int]:
        """The lengths n (shortest first, n <= limit) of the words text[pos:pos + n]."""
        if text[pos:pos + 1] not in self.prefixes:
            return []  # most positions: no word starts with this character
        top = len(text) - pos if limit is None else min(limit, len(text) - pos)
        return self._walk((text[pos:pos + n] for n in range(1, top + 1)), self.prefixes)

    def word_from(self, text: str, pos: int, least: int, most: int) -> bool:
        """Is there a word text[pos:pos + n] with least <= n <= most?  The walk starts at
        `least` characters: every piece shorter than a word's is a prefix of it too."""
        prefixes, words = self.prefixes, self.words
        most = min(most, len(text) - pos)
        n = least
        while n <= most:
            piece = text[pos:pos + n]
            if piece not in prefixes:
                return False
            if piece in words:
                return True
            n += 1
        return False

    def word_over(self, text: str, lo: int, hi: int, pos: int, most: int) -> bool:
        """Is there a word text[a:a + n] with lo <= a < hi and 2 <= n <= most that reaches
        over pos?  A word that starts before pos and reaches over it holds the pair of
        characters text[pos - 1:pos + 1]: where no word holds that pair (most places) the
        starts before pos are not tried."""
        prefixes = self.prefixes
        if text[pos - 1:pos + 1] not in self.pairs:
            lo = max(lo, pos)
        for a in range(lo, hi):
            least = max(pos + 1 - a, 2)
            if text[a:a + least] in prefixes and self.word_from(text, a, least, most):
                return True
        return False

    def lengths_to(self, text: str, pos: int) -> list[int]:
        """The lengths n (shortest first) of the words text[pos - n:pos]."""
        if text[pos - 1:pos] not in self.suffixes:
            return []  # most positions: no word ends with this character (or pos is 0)
        return self._walk((text[pos - n:pos] for n in range(1, pos + 1)), self.suffixes)

    def _walk(self, pieces: Iterable[str], known: frozenset[str]) -> list[int]:
        """Lengths of the words among growing pieces, stopping at the first piece that is
        part of no word (`known`: the prefixes or the suffixes)."""
        words = self.words
        found = []
        for piece in pieces:
            if piece not in known:
                break
            if piece in words:
                found.append(len(piece))
        return found
