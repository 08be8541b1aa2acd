"""The string-store hash of every character of a text, looked up all at once.

A one-token-per-character Doc needs one hash per character.  Iterating the text for a
dict lookup makes a new one-character string and hashes it, per character; a table
indexed by code point does the whole text in one numpy take, and hands out the same
int objects every time (an object array), so no int is built per character either.
"""
from __future__ import annotations

import numpy as np

# Code points the table covers from the start (the BMP); it grows to an astral
# character only when a text has one.
_FIRST_SIZE = 0x10000


class CharHashes:
    """Code point -> hash of that character in a vocab's string store (added on first use)."""

    def __init__(self, strings) -> None:
        self.strings = strings
        self.hash_of = np.zeros(_FIRST_SIZE, dtype=object)
        self.known = np.zeros(_FIRST_SIZE, dtype=bool)

    def of(self, codes: np.ndarray) -> list[int]:
        """The hashes of the characters with these code points (uint32), in order."""
        if not codes.size:
            return []
        top = int(codes.max())
        if top >= len(self.known):
            self._grow(top + 1)
        at = codes.astype(np.intp)  # numpy converts an unsigned index array on every look-up
        new = codes[~self.known[at]]
        for code in np.unique(new).tolist():
            self.hash_of[code] = self.strings.add(chr(code), allow_transient=False)
            self.known[code] = True
        return self.hash_of[at].tolist()

    def _grow(self, size: int) -> None:
        grown = np.zeros(size, dtype=object)
        grown[: len(self.hash_of)] = self.hash_of
        self.hash_of = grown
        self.known = np.concatenate([self.known, np.zeros(size - len(self.known), dtype=bool)])


def code_points(text: str) -> np.ndarray:
    """The code points of a text, as a uint32 array (a lone surrogate kept as its own
    code, as str holds it)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
