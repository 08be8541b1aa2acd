"""Candidates and the one way overlaps are resolved.

The longest span wins; on equal length ORG beats PROJECT beats PLACE, and the gazetteer
beats suffix rules; a user pattern beats every rule candidate it overlaps.
"""
from __future__ import annotations

from typing import NamedTuple

LABEL_RANK = {"ORG": 3, "PROJECT": 2, "PLACE": 1}


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
    order = sorted(set(cands), key=lambda c: (c.source != "pattern", -(c.end - c.start), -LABEL_RANK[c.label],
                                              c.source != "gazetteer", c.start, c.source, c.subtype or ""))
    used = bytearray(max((c.end for c in cands), default=0) + 1)
    taken = []
    for c in order:
        if any(used[c.start:c.end]):
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)
