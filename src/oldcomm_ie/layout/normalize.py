"""Which raw characters the cleaner folds, expands or drops, and what it reads for them.

PDF text layers and converters hand over lookalikes of the characters the rules know:
Kangxi and supplement radicals for ideographs (⽇ for 日, ⻓ for 长), compatibility
ideographs, full-width digits, unit squares (㎡), invisible format characters inside
numerals, terminal colour codes.  Each is folded one for one, expanded, or dropped here
so that every later stage sees one spelling; the offset map keeps the raw positions.
"""
from __future__ import annotations

import re
import unicodedata

from ..tables import data_rows

REPLACEMENT = "\ufffd"


def _fold_table() -> dict[int, str]:
    """One-for-one foldings: code point -> clean character."""
    table: dict[int, str] = {}
    # Full-width ASCII letters, digits and the signs that occur inside amounts.  The
    # full-width comma and full stop are real Chinese punctuation and stay as they are.
    for lo, hi in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)):
        table.update({c: chr(c - 0xFEE0) for c in range(lo, hi)})
    table.update({ord(k): v for k, v in {"％": "%", "．": ".", "－": "-", "＋": "+", "／": "/",
                                         "＜": "<", "＞": ">", "＝": "=", "～": "~", "＄": "$",
                                         "￥": "¥", "＇": "'", "＂": '"'}.items()})
    # Kangxi Radicals fold by their compatibility decomposition, Compatibility Ideographs
    # by their canonical one (the twelve without one are unified ideographs themselves).
    for lo, hi, form in ((0x2F00, 0x2FE0, "NFKC"), (0xF900, 0xFB00, "NFC"), (0x2F800, 0x2FA20, "NFC")):
        for c in range(lo, hi):
            folded = unicodedata.normalize(form, chr(c))
            if folded != chr(c) and len(folded) == 1:
                table[c] = folded
    # CJK Radicals Supplement: Unicode's Equivalent_Unified_Ideograph property.
    table.update({ord(radical): ideograph for radical, ideograph, *_ in data_rows("radical_equivalents.tsv")})
    # Lone surrogates cannot be encoded (spaCy's string store raises): one replacement
    # character each keeps the offsets.
    table.update({c: REPLACEMENT for c in range(0xD800, 0xE000)})
    return table


FOLD = _fold_table()


def char_class(codes) -> str:
    """A regex character class of code points, written as ranges."""
    ranges: list[list[int]] = []
    for c in sorted(codes):
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges) + "]"


# The standard library's re scans a character class an order of magnitude faster than
# the regex module; these patterns need nothing else.
_FOLDABLE = re.compile(char_class(FOLD))


def fold_text(text: str) -> str:
    """`text` with every character of FOLD folded (the same length)."""
    if _FOLDABLE.search(text) is None:
        return text
    return _FOLDABLE.sub(lambda m: FOLD[ord(m.group())], text)


# Unit symbols read as the unit's name (㎡ -> 平方米): one raw character, several clean ones.
EXPANSIONS: dict[str, str] = {symbol: reading for symbol, reading, *_ in data_rows("unit_symbols.tsv")}

# Layout whitespace is what Python calls whitespace (str.isspace), the same set the scorer
# and str.split use; it includes the control separators \x1c-\x1f that converters leave.
SPACE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def _invisible() -> set[int]:
    """Invisible characters that are layout, not text: control characters (C0, C1) and
    format characters (Cc, Cf: soft hyphen, zero-width space and joiners, word joiner,
    bidi marks, byte order mark, tags), variation selectors, the combining grapheme
    joiner.  Format characters live in planes 0, 1 and 14 only."""
    codes = {c for lo, hi in ((0, 0x20000), (0xE0000, 0xE1000))
             for c in range(lo, hi) if unicodedata.category(chr(c)) in ("Cc", "Cf")}
    codes.update([0x034F, *range(0x180B, 0x180E), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
    return codes - {ord(c) for c in SPACE_CHARS}


# Terminal escape sequences (ECMA-48): CSI (ESC [ or 8-bit CSI), OSC strings with their
# terminator, and the two-character escapes; each is dropped whole.
_ESCAPE = (r"(?:\x1b\[|\x9b)[\x30-\x3f]*+[\x20-\x2f]*+[\x40-\x7e]"
           r"|\x1b\][^\x07\x1b\x9c\n]{0,512}+(?:\x07|\x1b\\|\x9c)"
           r"|\x1b[\x20-\x2f]*+[\x30-\x7e]")
ESCAPE_RE = re.compile(_ESCAPE)
# One maximal stretch of layout: whitespace, invisible characters and escape sequences.
# Atomic and possessive, so each raw character is looked at a bounded number of times.
_LAYOUT_CODES = _invisible() | {ord(c) for c in SPACE_CHARS}
GAP = rf"(?>{_ESCAPE}|{char_class(_LAYOUT_CODES)})++"
EXPANSION_CLASS = char_class(map(ord, EXPANSIONS))
# The characters a gap or an expansion can begin with, as a quick first test: the BMP
# ones exactly (re tests a class of BMP code points with a bitmap) and every astral
# character (a class of scattered astral ranges is tested range by range, which made the
# scan several times slower on every character of every text).
_BMP_STARTS = {c for c in _LAYOUT_CODES | set(map(ord, EXPANSIONS)) if c < 0x10000}
STARTS = char_class(_BMP_STARTS)[:-1] + "\\U00010000-\\U0010ffff]"
