"""Where the names of a table may begin in a text: every position whose two characters
open one of its names, found for the whole text at once (numpy arrays of character
pairs) instead of a dictionary probe per character, which cost more than the rules that
read the few places it finds."""
from __future__ import annotations

from collections.abc import Collection, Iterator

import numpy as np

_SHIFT = np.uint64(21)  # bits of one code point
_MIX = np.uint64(0x9E3779B97F4A7C15)  # a multiplier that spreads pairs over the hashed table


def _codes(text: str) -> np.ndarray:
    """Code points of text (a lone surrogate kept as its own code, as str holds it)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _pairs(codes: np.ndarray) -> np.ndarray:
    """One number per position for the two characters starting there."""
    return (codes[:-1] << _SHIFT) | codes[1:]


class Openings:
    """The two-character openings of a set of names (each name two characters or more)."""

    def __init__(self, names: Collection[str]) -> None:
        self.names = names
        self.lengths: dict[str, tuple[int, ...]] = {}  # opening → lengths of its names, longest first
        for name in names:
            if len(name) >= 2:
                self.lengths[name[:2]] = tuple(sorted({*self.lengths.get(name[:2], ()), len(name)}, reverse=True))
        heads = self.lengths.keys()
        self._pairs = np.unique(np.concatenate([_pairs(_codes(h)) for h in heads])) if heads \
            else np.zeros(0, dtype=np.uint64)
        # a hashed table of the openings (some 64 slots per opening): one look-up per
        # position leaves few positions for the exact sorted search
        self._bits = np.uint64(64 - max(10, (64 * len(self._pairs)).bit_length()))
        self._table = np.zeros(1 << (64 - int(self._bits)), dtype=bool)
        self._table[self._slots(self._pairs)] = True

    def _slots(self, pairs: np.ndarray) -> np.ndarray:
        return (pairs * _MIX) >> self._bits

    def positions(self, text: str) -> list[int]:
        """Positions of text where a name of the table may begin, in order."""
        if len(text) < 2 or not len(self._pairs):
            return []
        pairs = _pairs(_codes(text))
        maybe = np.flatnonzero(self._table[self._slots(pairs)])
        pairs = pairs[maybe]
        at = np.searchsorted(self._pairs, pairs)
        at[at == len(self._pairs)] = 0
        return maybe[self._pairs[at] == pairs].tolist()

    def scan(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of the names in text as a regex alternation of them (longest first)
        finds them: leftmost first, the longest there, none overlapping another."""
        end, size = 0, len(text)
        for i in self.positions(text):
            if i < end:
                continue
            for n in self.lengths[text[i:i + 2]]:
                if i + n <= size and text[i:i + n] in self.names:
                    end = i + n
                    yield i, end
                    break
