"""Work units in a list of housing compounds: where most items of a 、-list are compounds
or communities, a company, school or hospital named in the list stands for its housing
(the compound named after the work unit, CONTRACT.md "Entities"), not for the body."""
from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from ..chars import CJK_CLASS
from .resolve import Cand

_HOUSING = ("compound", "community")
_UNITS = ("company", "other", "bank")
_ITEM_CHARS = rf"{CJK_CLASS}0-9A-Za-z（）()-"
_WIDTH = 24  # characters of an item at most
_ITEM = rf"[{_ITEM_CHARS}]{{1,{_WIDTH}}}"
# items joined by 、 (items hold no 、, so each split is the only one; nothing is
# required after the last item, so a failed list is never rescanned from inside)
_LIST = regex.compile(rf"{_ITEM}(?:、{_ITEM})++")
_ITEM_BEFORE = regex.compile(rf"(?r){_ITEM}")  # the first item, read back from its 、
_RUN = regex.compile(rf"[、{_ITEM_CHARS}]*+")  # items and 、: no list runs past its end
_MIN_ITEMS = 3


def units_as_compounds(text: str, cands: list[Cand]) -> list[Cand]:
    """cands (one layer) with the work units of compound lists relabelled PLACE/compound.
    An item's entity is the candidate that ends where the item ends (涉及|某某社区)."""
    unit_ends = sorted(c.end for c in cands if c.label == "ORG" and c.subtype in _UNITS)
    if not unit_ends:
        return cands
    by_end = {c.end: c for c in cands}
    relabel = set()
    for m in _lists(text, unit_ends):
        k = bisect.bisect_right(unit_ends, m.start())
        if k == len(unit_ends) or unit_ends[k] > m.end():
            continue  # no work unit ends inside: nothing to relabel
        pieces = m.group(0).split("、")
        if len(pieces) < _MIN_ITEMS:
            continue
        pos, items = m.start(), []
        for piece in pieces:
            c = by_end.get(pos + len(piece))
            if c is not None and c.start >= pos:
                items.append(c)
            pos += len(piece) + 1
        housing = sum(c.label == "PLACE" and c.subtype in _HOUSING for c in items)
        if 2 * housing > len(items):
            relabel.update(c for c in items if c.label == "ORG" and c.subtype in _UNITS)
    if not relabel:
        return cands
    return [Cand(c.start, c.end, "PLACE", "compound", c.source) if c in relabel else c for c in cands]


def _lists(text: str, unit_ends: list[int] | None = None) -> Iterator[regex.Match]:
    """The matches of _LIST.finditer(text), tried only where a first item ends at a 、:
    the scan tried up to 24 characters at every position of the text.  Given the sorted
    `unit_ends` (where work units end), only those a unit may end in: a run of items and
    、 that none ends in (from its first 、's first item on) is passed over whole; no
    list reaches past the run's ends, so the lists after it are the same."""
    pos, comma, run_end = 0, text.find("、"), -1
    while comma >= 0:
        if unit_ends is not None and comma > run_end:  # the first 、 of a run
            run_end = _RUN.match(text, comma).end()
            k = bisect.bisect_right(unit_ends, comma - _WIDTH)
            if k == len(unit_ends) or unit_ends[k] > run_end:
                pos, comma = run_end, text.find("、", run_end)
                continue
        first = _ITEM_BEFORE.match(text, pos, comma)
        m = _LIST.match(text, first.start()) if first else None
        if m:
            yield m
            pos = m.end()
        comma = text.find("、", max(pos, comma + 1))
