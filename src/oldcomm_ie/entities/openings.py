"""Where the names of a table may begin in a text: every position whose two (or three)
characters open one of its names, found for the whole text at once (numpy arrays of
character pairs) instead of a dictionary probe per character, which cost more than the
rules that read the few places it finds."""
from __future__ import annotations

from collections.abc import Collection, Iterator

import numpy as np

from ..layout.hashes import code_points
from ..tables import lengths_by_opening

_SHIFT = np.uint64(21)  # bits of one code point
_MIX = np.uint64(0x9E3779B97F4A7C15)  # a multiplier that spreads pairs over the hashed table
# Below this many characters (a project's name) a dictionary probe per position costs less
# than setting up the numpy arrays (some 15 µs a text).
_SHORT = 64


def _codes(text: str) -> np.ndarray:
    """Code points of text, wide enough to shift three of them into one number."""
    return code_points(text).astype(np.uint64)


def _grams(codes: np.ndarray, width: int) -> np.ndarray:
    """One number per position for the `width` characters starting there (at most three:
    21 bits each)."""
    size = len(codes) - width + 1
    out = codes[:size]
    for k in range(1, width):
        out = (out << _SHIFT) | codes[k:k + size]
    return out


class _TextGrams:
    """The grams of the text last asked about: the tables of one document (places, bodies,
    names) are all asked about the same text in turn, so it is encoded once, not once
    a table.  Kept for that one text only (an identity test: nothing outlives the next
    text)."""

    def __init__(self) -> None:
        self.last: tuple[str, dict[int, np.ndarray]] = ("", {})

    def of(self, text: str, width: int) -> np.ndarray:
        last_text, grams = self.last
        if text is not last_text:
            grams = {}
            self.last = (text, grams)
        if width not in grams:
            grams[width] = _grams(_codes(text), width)
        return grams[width]


_TEXT = _TextGrams()


class Openings:
    """The openings of `width` characters (two or three) of a set of names; names shorter
    than that are left out.  Three characters leave fewer positions for a table of long
    names whose pairs are everyday words (发展, 建设)."""

    def __init__(self, names: Collection[str], width: int = 2) -> None:
        self.names, self.width = names, width
        self.lengths = lengths_by_opening(names, width)  # opening → lengths of its names
        # the openings written one after another: every width-th gram is one of them
        self._heads = np.unique(_grams(_codes("".join(self.lengths)), width)[::width])
        # a hashed table of the openings (some 64 slots per opening): one look-up per
        # position leaves few positions for the exact sorted search
        self._bits = np.uint64(64 - max(10, (64 * len(self._heads)).bit_length()))
        self._table = np.zeros(1 << (64 - int(self._bits)), dtype=bool)
        self._table[self._slots(self._heads)] = True

    def _slots(self, grams: np.ndarray) -> np.ndarray:
        """Table slots of grams, as numpy's index type (an unsigned index array is
        converted element by element on every look-up, several times slower)."""
        return ((grams * _MIX) >> self._bits).astype(np.intp)

    def positions(self, text: str) -> list[int]:
        """Positions of text where a name of the table may begin, in order."""
        if len(text) < _SHORT:
            w = self.width
            return [i for i in range(len(text) - w + 1) if text[i:i + w] in self.lengths]
        if not len(self._heads):
            return []
        grams = _TEXT.of(text, self.width)
        maybe = np.flatnonzero(self._table[self._slots(grams)])
        grams = grams[maybe]
        at = np.searchsorted(self._heads, grams)
        at[at == len(self._heads)] = 0
        return maybe[self._heads[at] == grams].tolist()

    def scan(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the names in text as a regex alternation of them (longest first)
        finds them: leftmost first, the longest there, none overlapping another."""
        end, size = 0, len(text)
        for i in self.positions(text):
            if i < end:
                continue
            for n in self.lengths[text[i:i + self.width]]:
                if i + n <= size and text[i:i + n] in self.names:
                    end = i + n
                    yield i, end
                    break
