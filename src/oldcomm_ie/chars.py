"""Character classes every stage agrees on: one definition of "CJK" and one text limit.

Stages used to carry their own CJK tests with different ranges, so a character could be
a letter to the entity rules and punctuation to the quantity rules.  Import from here.
"""
from __future__ import annotations

# The longest text accepted by extract(), the command line and the Ray engine alike.
DEFAULT_MAX_CHARS = 20_000_000

# Unified ideographs (BMP block, extension A, compatibility block, supplementary planes).
CJK_RANGES = (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"), ("\uf900", "\ufaff"),
              ("\U00020000", "\U0002fa1f"), ("\U00030000", "\U0003134f"))
# A character class body for regex patterns: f"[{CJK_CLASS}]".
CJK_CLASS = "".join(f"{lo}-{hi}" for lo, hi in CJK_RANGES)


def is_cjk(ch: str) -> bool:
    """True for one CJK ideograph; False for punctuation, letters, digits and ''."""
    if len(ch) != 1:
        return False
    if "\u4e00" <= ch <= "\u9fff":
        return True
    # ASCII and most punctuation lie below every range: answered without walking them
    return ch >= "\u3400" and any(lo <= ch <= hi for lo, hi in CJK_RANGES[1:])


def is_cjk_punct(ch: str) -> bool:
    """CJK and full-width punctuation, quotes and dashes."""
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·"


def safe_text(text: str) -> str:
    """Any str as text that SQLite, JSON files and terminals take: lone surrogates (say, an
    error message quoting a file name that is no UTF-8) become backslash escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
