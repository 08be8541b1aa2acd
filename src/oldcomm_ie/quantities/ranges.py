"""Ranges: 2至3年, 两到三万, 百分之三十到四十, 10和20之间, and bound pairs (1000以上，1500以下).

The partner numeral of a range goes through the same length cap as every numeral.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..numerals import MAX_NUMERAL_CHARS, Number
from .found import Found
from .grammar import NUMBER_RE, is_year, read_number
from .tables import Unit
from .units import UnitReader

_RANGE_SEP = regex.compile(r"\s*(?:\(含\)|（含）)?\s*(?:——|--|[到至~〜\-—–－])\s*(?:百分之)?")
_PAIR_SEP = regex.compile(r"[和与與]")
# What either separator can start with, a space aside: most numerals are followed by
# none of these, and two regex calls are not needed to tell.
_SEP_FIRST = frozenset("(（—-到至~〜–－和与與")
_PAIR_END = regex.compile(r"之?间")
_BOUNDS = {"more_than", "less_than"}
_GAP_OK = regex.compile(r"[\s,，、;；]*(?:并且|并|且|而且|但|又|的同时|同时)?[\s,，]*")


def read_range(units: UnitReader, text: str, pos: int, first_surface: str, first: Number,
               first_value: Decimal, first_unit: Unit | None, form: str):
    """N1 [unit] 到 N2 [unit] from pos (after N1 and its unit): (low, high, unit, end) or None."""
    nxt = text[pos:pos + 1]
    if nxt not in _SEP_FIRST and not nxt.isspace():
        return None
    sep = _RANGE_SEP.match(text, pos)
    pair = None
    if sep is None:
        pair = _PAIR_SEP.match(text, pos)
        if pair is None:
            return None
    m2 = NUMBER_RE.match(text, (sep or pair).end())
    if m2 is None or m2.lastgroup == "slash" or m2.end() - m2.start() > MAX_NUMERAL_CHARS:
        return None
    parsed = read_number(m2)
    if parsed is None:
        return None
    second, form2 = parsed
    unit2, value2, end2, _ = units.tail(text, m2.end(), second, form2)
    if pair is not None and _PAIR_END.match(text, m2.end()):
        unit2, value2, end2 = None, second.value, m2.end()  # 10与20间: 间 closes, it is no unit
    elif pair is not None and not _PAIR_END.match(text, end2):
        return None
    if form == "percent" and unit2 is None:
        if form2 == "num":
            value2 = second.value / 100
        end2 = m2.end()
    unit = unit2 or first_unit
    if unit is None and form == "num" and form2 == "num":
        end2 = m2.end()
    if first_unit is not None and unit2 is not None and first_unit.unit != unit2.unit:
        return None
    if is_year(first_surface) and is_year(m2.group(0)) and (unit is None or unit.unit == "年"):
        return None  # 2018至2020年 is a span of years; 1000至1500元 is a range
    if first_unit is not None:
        low = first_value
    else:
        low = first.value
        if first.magnitude < second.magnitude and second.magnitude >= 100 and \
                low * second.magnitude <= second.value:
            low = low * second.magnitude
        if unit is not None and form != "percent":
            low = low * unit.factor
    if low >= value2:
        return None
    if pair is not None:
        end2 = _PAIR_END.match(text, end2).end()
    return low, value2, unit, end2


def merge_bounds(text: str, found: list[Found]) -> list[Found]:
    """大于10小于20, 1000以上，1500以下: a lower and an upper bound become one range."""
    out: list[Found] = []
    for q in found:
        if out and {out[-1].qualifier, q.qualifier} == _BOUNDS:
            p = out[-1]
            gap = text[p.end:q.start]
            if len(gap) <= 3 and _GAP_OK.fullmatch(gap) and p.unit == q.unit and p.kind == q.kind:
                lo, hi = (p, q) if p.qualifier == "more_than" else (q, p)
                if lo.value < hi.value:
                    out[-1] = Found(p.start, q.end, lo.value, p.unit, p.kind, "range", hi.value)
                    continue
        out.append(q)
    return out
