"""The last word on overlaps: one reading per character, whatever the rules proposed."""
from __future__ import annotations

from .found import Found


def drop_overlaps(found: list[Found]) -> list[Found]:
    """Keep, in text order, every amount that shares no character with one kept before it
    (a left-to-right scan proposes at most one reading per position, so the earlier one
    is the reading that consumed the characters)."""
    out: list[Found] = []
    last_end = -1
    for q in sorted(found, key=lambda q: (q.start, -q.end)):
        if q.start >= last_end:
            out.append(q)
            last_end = q.end
    return out
