"""Bytes to text: byte-order marks, strict UTF-8, then the Chinese legacy encodings.

GB18030 decodes almost any byte string, so "it decoded" says nothing: Big5 files used to
come out as GB18030 mojibake.  Candidates come from charset-normalizer and are ranked by
how many of their characters are common ones — the 3,755 level-1 hanzi of GB 2312 and the
5,401 common characters of Big5, both read off the codecs themselves — because a wrong
codec produces rare characters.  A decode that is a guess is reported, not hidden.
"""
from __future__ import annotations

import codecs
import contextlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..chars import is_cjk_punct

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))
CHINESE = ("gb18030", "big5", "cp950", "big5hkscs")
# Below this share of common characters (or this close to the runner-up) a decode is a guess.
MIN_COMMON = 0.85
MIN_MARGIN = 0.15


class DecodeError(ValueError):
    """The bytes are no text we can read."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """GB 2312 level 1 (rows 0xB0-0xD7) and Big5 common characters (0xA440-0xC67E)."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            chars.update(bytes((hi, lo)).decode("gb2312", "ignore"))
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (hi, lo) <= (0xC6, 0x7E):
                chars.update(bytes((hi, lo)).decode("big5", "ignore"))
    return frozenset(chars)


def commonness(text: str) -> float:
    """Share of the non-ASCII characters that are common hanzi or CJK punctuation."""
    common = common_chars()
    seen = hits = 0
    for ch in text:
        if ch.isascii() or ch.isspace():
            continue
        seen += 1
        hits += ch in common or is_cjk_punct(ch)
    return hits / seen if seen else 1.0


def _bom(data: bytes) -> tuple[bytes, str, str] | None:
    return next((b for b in BOMS if data.startswith(b[0])), None)


def _candidates(data: bytes) -> list[tuple[str, str]]:
    """(encoding, text) for every Chinese codec that decodes the bytes strictly."""
    import charset_normalizer

    found = [(m.encoding.replace("_", "-"), str(m))
             for m in charset_normalizer.from_bytes(data, cp_isolation=list(CHINESE))]
    names = {name for name, _ in found}
    for enc in CHINESE:  # the detector drops codecs it judges redundant; strict decoding decides
        if enc not in names:
            with contextlib.suppress(UnicodeDecodeError):
                found.append((enc, data.decode(enc)))
    return found


def _guess_any(data: bytes, path) -> Decoded:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    text = "" if best is None else str(best)
    foreign = sum(not ch.isascii() for ch in text)
    # A guess is kept when it reads as Chinese or is nearly all ASCII; noise is refused.
    if not text or (commonness(text) < 0.5 and foreign > 0.05 * len(text)):
        raise DecodeError(f"{path}: not UTF-8, UTF-16/32, GB18030 or Big5 text")
    return Decoded(text, best.encoding.replace("_", "-"),
                   [f"low-confidence decode: guessed {best.encoding}"])


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> Decoded:
    """The text of a file's bytes and the encoding used; `warnings` says when it is a guess."""
    bom = _bom(data)
    if bom:
        mark, codec, name = bom
        try:
            return Decoded(data[len(mark):].decode(codec), name)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{path}: starts with a {name} byte-order mark but is not {name} text "
                              f"(byte {exc.start + len(mark)})") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # On a tie the mainland codec wins: most of the reports this library reads use it.
    order = {enc: i for i, enc in enumerate(CHINESE)}
    ranked = sorted(((commonness(text), enc, text) for enc, text in _candidates(data)),
                    key=lambda c: (-c[0], order.get(c[1], len(order))))
    if not ranked:
        return _guess_any(data, path)
    score, enc, text = ranked[0]
    # Variants of Big5 that agree on the text are one reading, not rivals.
    rivals = [s for s, e, t in ranked[1:] if t != text]
    warnings = []
    if score < MIN_COMMON or (rivals and score - rivals[0] < MIN_MARGIN):
        warnings.append(f"low-confidence decode: {enc} ({score:.0%} common characters"
                        + (f", next {rivals[0]:.0%})" if rivals else ")"))
    return Decoded(text, enc, warnings)


def decode(data: bytes, path: str | Path = "<bytes>", max_chars: int | None = None) -> tuple[str, str]:
    """(text, encoding) of plain-text bytes; ValueError when they are no text we read or
    longer than max_chars (the same check for local and cluster runs)."""
    got = decode_bytes(data, path)
    check_length(got.text, max_chars)
    return got.text, got.encoding


def check_length(text: str, max_chars: int | None) -> None:
    if max_chars is not None and len(text) > max_chars:
        raise ValueError(f"{len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
