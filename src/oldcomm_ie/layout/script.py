"""Traditional characters read as simplified (OpenCC t2s), one for one.

The gazetteers, suffix tables and unit tables are simplified; an article in traditional
characters (or a traditional paragraph quoted in a simplified one) would otherwise lose
most places, organizations and units.  Only what is actually traditional is converted:
a simplified text with one rare traditional-looking character is left as it is.  The
conversion keeps the length character by character, so the offset map is unchanged.
Only the lines holding a character the t2s dictionaries can change (data/t2s_chars.txt)
go through OpenCC: no dictionary entry holds a line break, so the lines convert on their
own, and any other line converts to itself.
"""
from __future__ import annotations

import warnings
from functools import lru_cache
from operator import ne

import numpy as np

from ..tables import data_words
from .hashes import code_points

# Share of a text's characters that t2s changes from which it is read as traditional
# (about a third of the characters of traditional news prose change; simplified prose
# changes in a few names at most).
TRADITIONAL_SHARE = 0.08
# A paragraph of a simplified text is converted on its own with at least this many changes.
MIN_CHANGES = 3


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's t2s converter (the native package or opencc-python-reimplemented, which
    share the API), or None where neither is installed: then nothing is converted."""
    try:
        import opencc
    except ImportError:
        warnings.warn("opencc is not installed: traditional characters are read as they are", stacklevel=3)
        return None
    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase converted to another length: convert character by character instead.
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, _char_t2s(ch)) for ch in text))


@lru_cache(maxsize=1)
def _changeable() -> np.ndarray:
    """Code point -> may t2s change this character (a table over all of Unicode)."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in data_words("t2s_chars.txt")]] = True
    return table


def _convert(text: str) -> str:
    """t2s of text, line by line, where a line holds a character it can change."""
    codes = code_points(text)
    changeable = np.flatnonzero(_changeable()[codes.astype(np.intp)])  # (an index of numpy's own type is read faster)
    if not changeable.size:
        return text
    lines = text.split("\n")
    for k in np.unique(np.searchsorted(np.flatnonzero(codes == 10), changeable)).tolist():
        lines[k] = _t2s(lines[k])  # k: the line breaks before the character
    return "\n".join(lines)


@lru_cache(maxsize=65536)
def _char_t2s(ch: str) -> str:
    return _converter().convert(ch)


def _changes(a: str, b: str) -> int:
    return sum(map(ne, a, b))


def simplify(text: str) -> str:
    """`text` with its traditional passages in simplified characters, same length."""
    if text.isascii() or _converter() is None:
        return text
    converted = _convert(text)
    if converted == text:
        return text
    if _changes(text, converted) >= TRADITIONAL_SHARE * len(text):
        return converted
    out = []
    pos = 0
    for para in text.split("\n"):
        conv = converted[pos:pos + len(para)]
        pos += len(para) + 1
        n = _changes(para, conv)
        out.append(conv if n >= MIN_CHANGES and n >= TRADITIONAL_SHARE * len(para) else para)
    return "\n".join(out)
