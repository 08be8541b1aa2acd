"""Where the names of a table may begin in a text: every position whose two characters
open one of its names, found for the whole text at once (numpy arrays of character
pairs) instead of a dictionary probe per character, which cost more than the rules that
read the few places it finds."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_SHIFT = np.uint64(21)  # bits of one code point


def _codes(text: str) -> np.ndarray:
    """Code points of text (a lone surrogate kept as its own code, as str holds it)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _pairs(codes: np.ndarray) -> np.ndarray:
    """One number per position for the two characters starting there."""
    return (codes[:-1] << _SHIFT) | codes[1:]


class Openings:
    """The two-character openings of a set of names (each name two characters or more)."""

    def __init__(self, names: Iterable[str]) -> None:
        heads = {name[:2] for name in names if len(name) >= 2}
        self._pairs = np.unique(np.concatenate([_pairs(_codes(h)) for h in heads])) if heads \
            else np.zeros(0, dtype=np.uint64)

    def positions(self, text: str) -> list[int]:
        """Positions of text where a name of the table may begin, in order."""
        if len(text) < 2 or not len(self._pairs):
            return []
        pairs = _pairs(_codes(text))
        at = np.searchsorted(self._pairs, pairs)
        at[at == len(self._pairs)] = 0
        return np.flatnonzero(self._pairs[at] == pairs).tolist()
