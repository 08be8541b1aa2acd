"""The left-to-right scan that puts the rule families together.

A regex finds each numeral; anchored look-ups around it read the sign, qualifier,
currency, unit, range partner or rate (units.py, qualifiers.py, ranges.py); filters.py
rejects what is no amount; overlap.py keeps one reading per character.  Every step is
bounded, so time is linear in the length of the text.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..numerals import MAX_NUMERAL_CHARS, Number
from .filters import NotAmountFilter, drop_slogans
from .found import MAX_VALUE, Found
from .grammar import next_numeral, numeral_matcher, read_number, url_spans
from .money import YUAN, MoneyContext
from .overlap import drop_overlaps
from .qualifiers import QualifierReader
from .ranges import merge_bounds, read_range
from .tables import Unit, unit_table
from .units import UnitReader


class QuantityScanner:
    """Finds every amount in a clean text; `bare=True` also returns unit-less numerals."""

    def __init__(self, extra_units: Iterable[Unit] = ()) -> None:
        self.extra_units = tuple(extra_units)
        units = dict(unit_table())
        units.update((u.surface, u) for u in self.extra_units)
        self.units = UnitReader(units)
        self.qualifiers = QualifierReader()
        self.filters = NotAmountFilter(self.units, self.qualifiers)
        self.money = MoneyContext()

    def with_units(self, extra: Iterable[Unit]) -> QuantityScanner:
        """A new scanner that also knows `extra` (a user's units win over packaged rows);
        this one, perhaps shared by other pipelines, stays as it is."""
        return QuantityScanner(self.extra_units + tuple(extra))

    def scan(self, text: str, bare: bool = False) -> list[Found]:
        """Every amount of `text` in text order, no two sharing a character."""
        found: list[Found] = []
        blocked = url_spans(text)
        b = 0
        pos = 0
        match = numeral_matcher(text)
        while True:
            m = next_numeral(text, pos, match)
            if m is None:
                break
            start, end = m.span()
            while b < len(blocked) and blocked[b][1] <= start:
                b += 1
            in_url = b < len(blocked) and blocked[b][0] <= start
            got = None
            if end - start <= MAX_NUMERAL_CHARS and not in_url:
                got = self._one(text, m, bare)
            if got is None:
                pos = end if end > start else start + 1
                continue
            found.append(got)
            pos = got.end
        if not bare:
            found = drop_slogans(text, found)
        return drop_overlaps(merge_bounds(text, found))

    def _one(self, text: str, m: regex.Match, bare: bool) -> Found | None:
        """The amount read from one numeral match and what surrounds it, or None."""
        r = self._numeral_and_unit(text, m)
        if r is None:
            return None
        numeral = (r.start, r.end, r.unit)  # as read, before a range or currency widens it
        value_max = r.number.value_max
        if value_max is not None:
            r.qualifier = "range"
            value_max = value_max * (r.unit.factor if r.unit else 1)
        rng = read_range(self.units, text, r.end, r.surface, r.number, r.value, r.unit, r.form)
        if rng is not None:
            r.value, value_max, r.unit, r.end = rng
            r.qualifier = "range"
        kind, unit_name = _kind(r.unit, r.form)
        named = self._currency_or_area(text, r, bare)
        if named is None:
            return None
        if named:
            kind, unit_name = named
        if kind == "number" and not bare:
            return None  # 居民出资一半: a unit-less half is no amount of the contract's kinds
        unit = r.unit
        if unit is not None and r.form == "num" and self.filters.not_amount(
                text, r.end, r.surface, r.number, unit, bare):
            return None
        # the word tests cost the most, and most numerals that are no amount are refused above
        if self._in_a_word(text, r.surface, r.form, *numeral):
            return None
        if unit is not None and unit.kind == "money" and "/" not in unit_name:
            per = self.units.rate_before(text, r.start)
            if per is not None:
                unit_name, r.value = f"{unit_name}/{per.unit}", r.value / per.factor
        if unit is not None and self.filters.context_says_no(text, r.start, r.end, unit, r.number):
            return None
        start, end, qualifier = self.qualifiers.qualify(text, r.start, r.end, r.qualifier)
        return Found(start, end, r.value, unit_name, kind, qualifier, value_max, abs(r.value) > MAX_VALUE)

    def _numeral_and_unit(self, text: str, m: regex.Match) -> _Reading | None:
        """Parse the numeral, check it can be an amount, and read its unit (or the 元 that
        money context implies)."""
        parsed = read_number(m)
        if parsed is None:
            return None
        number, form = parsed
        start, end, surface = m.start(), m.end(), m.group(0)
        if not self.filters.plausible(text, start, end, surface, form):
            return None
        spoken = self.money.spoken_yi(text, end, number) if form == "num" else None
        if spoken is not None:
            number, end = spoken
        unit, value, tail_end, more = self.units.tail(text, end, number, form)
        if unit is None and form == "num" and (spoken is not None or (
                number.magnitude >= 10 ** 4 and self.money.money_before(text, start))):
            unit, value = YUAN, number.value  # 总投资2.6亿, 3.2个亿: news leave the 元 out
        qualifier = "approx" if number.approx else "more_than" if (number.more_than or more) else "exact"
        return _Reading(start, tail_end, m.end(), surface, number, form, unit, value, qualifier)

    def _in_a_word(self, text: str, surface: str, form: str, start: int, end: int, unit: Unit | None) -> bool:
        """一切, 两个一百年, 十四五期间, 一天比一天: the numeral (and the unit read after
        it, from start to end) belongs to a word or name."""
        chinese = not surface.lstrip("负負-")[:1].isdigit()
        if form in ("num", "half") and chinese and (self.filters.in_word(text, start, end)
                                                    or self.filters.in_name(text, start)
                                                    or self.filters.plan_name(surface, unit)):
            return True
        return self.filters.compared_with_itself(text, start, end)

    def _currency_or_area(self, text: str, r: _Reading, bare: bool) -> tuple[str, str] | None | bool:
        """A currency written before (人民币3.14, 港币两千元) or an area without its unit
        (绿化面积约104.66万): (kind, unit name) and r.start moved over the currency; False
        when neither applies; None when a bare numeral is no amount here."""
        unit, form, number = r.unit, r.form, r.number
        yuan_or_none = unit is None or (unit.kind == "money" and unit.unit == "元")
        cur = self.units.currency_before(text, r.start) if form == "num" and yuan_or_none else None
        if cur is not None:
            r.start -= cur[1]
            if unit is None:
                return "money", cur[0]
            return "money", (cur[0] + unit.unit[len("元"):] if cur[0] != "元" else unit.unit)
        if unit is None and form == "num" and number.magnitude >= 10 ** 4 and \
                "面积" in text[max(0, r.start - 8):r.start]:
            r.unit = self.units.units["平方米"]  # the 平方米 of an area is often left out
            return r.unit.kind, r.unit.unit
        if unit is None and form == "num" and (
                not bare or self.filters.date_or_code(text, r.start, r.numeral_end, r.surface)):
            return None
        return False


@dataclass
class _Reading:
    """What is known of one amount while the rules read it (offsets into the text)."""

    start: int
    end: int
    numeral_end: int
    surface: str
    number: Number
    form: str
    unit: Unit | None
    value: Decimal
    qualifier: str


def _kind(unit: Unit | None, form: str) -> tuple[str, str]:
    """(kind, unit name) of an amount; a bare numeral is kind 'number' with no unit."""
    if unit is not None:
        return unit.kind, unit.unit
    if form == "percent":
        return "percent", "%"
    if form == "frac":
        return "ratio", "分之"
    return "number", ""
