"""Candidates and the one way overlaps are resolved.

The longest span wins; on equal length ORG beats PROJECT beats PLACE, and the gazetteer
beats suffix rules; a user pattern beats every rule candidate it overlaps.
"""
from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple

LABEL_RANK = {"ORG": 3, "PROJECT": 2, "PLACE": 1}
# The order's ties folded into one number (a sort key of one int, not four fields): a user
# pattern first (bit 40), then by length (weighed in by resolve, times 8), then
# ORG > PROJECT > PLACE, then the gazetteer before other rules (the low bit).
_SOURCE_TIE = {"pattern": 1, "gazetteer": 1 << 40}
_OTHER_SOURCE_TIE = (1 << 40) + 1
_LABEL_TIE = {label: (3 - rank) * 2 for label, rank in LABEL_RANK.items()}
_START = itemgetter(0)


class Cand(NamedTuple):
    """One candidate (a named tuple: the rules make thousands a text, and a frozen
    dataclass costs several times more to build and hash)."""

    start: int
    end: int
    label: str
    subtype: str | None
    source: str  # gazetteer, suffix, structure, alias, quoted, pattern


def ends(cands: list[Cand]) -> dict[int, int]:
    """end → start of the longest candidate ending there (what name readers step over)."""
    out: dict[int, int] = {}
    for c in cands:
        if c.end not in out or c.start < out[c.end]:
            out[c.end] = c.start
    return out


def resolve(cands: list[Cand]) -> list[Cand]:
    """One layer: user patterns first, then longest first, ORG > PROJECT > PLACE on ties,
    the gazetteer before suffix rules."""
    order = sorted(set(cands), key=lambda c: (
        _SOURCE_TIE.get(c.source, _OTHER_SOURCE_TIE) + _LABEL_TIE[c.label] - 8 * (c.end - c.start),
        c.start, c.source, c.subtype or ""))
    used = bytearray(max((c.end for c in cands), default=0) + 1)
    taken = []
    for c in order:
        if used.find(1, c.start, c.end) >= 0:
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=_START)
