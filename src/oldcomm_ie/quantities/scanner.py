"""The left-to-right scan that puts the rule families together.

A regex finds each numeral; anchored look-ups around it read the sign, qualifier,
currency, unit, range partner or rate (units.py, qualifiers.py, ranges.py); filters.py
rejects what is no amount; overlap.py keeps one reading per character.  Every step is
bounded, so time is linear in the length of the text.
"""
from __future__ import annotations

from collections.abc import Iterable

import regex

from .filters import NotAmountFilter, drop_slogans
from .found import MAX_VALUE, Found
from .grammar import MAX_NUMERAL_CHARS, NUMBER_RE, URL_RE, read_number
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
        blocked = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
        b = 0
        pos = 0
        while True:
            m = NUMBER_RE.search(text, pos)
            if m is None:
                break
            while b < len(blocked) and blocked[b][1] <= m.start():
                b += 1
            in_url = b < len(blocked) and blocked[b][0] <= m.start()
            got = None
            if m.end() - m.start() <= MAX_NUMERAL_CHARS and not in_url:
                got = self._one(text, m, bare)
            if got is None:
                pos = m.end() if m.end() > m.start() else m.start() + 1
                continue
            found.append(got)
            pos = got.end
        if not bare:
            found = drop_slogans(text, found)
        return drop_overlaps(merge_bounds(text, found))

    def _one(self, text: str, m: regex.Match, bare: bool) -> Found | None:
        start, end = m.start(), m.end()
        parsed = read_number(m)
        if parsed is None:
            return None
        number, form = parsed
        surface = m.group(0)
        if not self.filters.plausible(text, start, end, surface, form):
            return None
        spoken = self.money.spoken_yi(text, end, number) if form == "num" else None
        if spoken is not None:
            number, end = spoken
        unit, value, tail_end, more = self.units.tail(text, end, number, form)
        if unit is None and form == "num" and (spoken is not None or (
                number.magnitude >= 10 ** 4 and self.money.money_before(text, start))):
            unit = YUAN  # 总投资2.6亿, 3.2个亿: news leave the 元 out
            value = number.value
        chinese = not surface.lstrip("负負-")[:1].isdigit()
        if form in ("num", "half") and chinese and (self.filters.in_word(text, start, tail_end)
                                                    or self.filters.in_name(text, start)
                                                    or self.filters.plan_name(surface, unit)):
            return None
        if self.filters.compared_with_itself(text, start, tail_end):
            return None
        qualifier = "approx" if number.approx else "more_than" if (number.more_than or more) else "exact"
        value_max = number.value_max
        if value_max is not None:
            qualifier = "range"
            value_max = value_max * (unit.factor if unit else 1)
        rng = read_range(self.units, text, tail_end, surface, number, value, unit, form)
        if rng is not None:
            value, value_max, unit, tail_end = rng
            qualifier = "range"
        kind, unit_name = _kind(unit, form)
        q_start = start
        cur = self.units.currency_before(text, start) if form == "num" else None
        if cur is not None and (unit is None or (unit.kind == "money" and unit.unit == "元")):
            if unit is None:
                kind, unit_name = "money", cur[0]
            elif cur[0] != "元":
                unit_name = cur[0] + unit_name[len("元"):]
            q_start = start - cur[1]
        elif unit is None and form == "num" and number.magnitude >= 10 ** 4 and \
                "面积" in text[max(0, start - 8):start]:
            unit = self.units.units["平方米"]  # 绿化面积约104.66万: the 平方米 of an area is often left out
            kind, unit_name = unit.kind, unit.unit
        elif unit is None and form == "num":
            if not bare or self.filters.date_or_code(text, start, end, surface):
                return None
        if unit is not None and form == "num" and self.filters.not_amount(text, tail_end, surface, number, unit,
                                                                          bare):
            return None
        if unit is not None and unit.kind == "money" and "/" not in unit_name:
            per = self.units.rate_before(text, q_start)
            if per is not None:
                unit_name, value = f"{unit_name}/{per.unit}", value / per.factor
        if unit is not None and self.filters.context_says_no(text, q_start, tail_end, unit, number):
            return None
        q_start, tail_end, qualifier = self.qualifiers.qualify(text, q_start, tail_end, qualifier)
        return Found(q_start, tail_end, value, unit_name, kind, qualifier, value_max,
                     abs(value) > MAX_VALUE)


def _kind(unit: Unit | None, form: str) -> tuple[str, str]:
    """(kind, unit name) of an amount; a bare numeral is kind 'number' with no unit."""
    if unit is not None:
        return unit.kind, unit.unit
    if form == "percent":
        return "percent", "%"
    if form == "frac":
        return "ratio", "分之"
    return "number", ""
