"""What follows (or precedes) a numeral: its unit, currency, cents and rate.

`UnitReader.tail` reads 3.7亿元, 2600多个, 3.2个亿 … 1.34万元每平方米 after the numeral;
the look-ups are anchored at one position and bounded by the longest table entry.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from ..chars import is_cjk
from ..numerals import DIGITS, Number
from .grammar import digit_value, is_numeral_char, one_of
from .lookup import WordIndex
from .tables import Unit, currency_prefixes

_RATE = frozenset("每/／一")  # the characters that say "per" after an amount
_CENT_DIGIT = "一二两三四五六七八九壹贰叁肆伍陆柒捌玖123456789"
_CENTS = regex.compile(
    rf"(?P<zero>[零〇0])?(?P<d1>[{_CENT_DIGIT}])(?P<m1>[角毛毫分])?"
    rf"(?:(?P<d2>[{_CENT_DIGIT}])分?)?(?![十百千万亿拾佰仟萬億\d{_CENT_DIGIT}年月日])"
)
_PER_KINDS = ("area", "count", "duration", "volume", "length")


class UnitReader:
    """Unit, currency and rate look-ups over one unit table (packaged rows + user rows)."""

    def __init__(self, units: dict[str, Unit]) -> None:
        self.units = units
        self.index = WordIndex(units)
        currencies = {u.surface: u.unit for u in units.values() if u.kind == "money" and len(u.surface) > 1}
        currencies.update(currency_prefixes())
        self.currencies = currencies
        self.currency_index = WordIndex(currencies)
        # the characters tail() can read anything at: a unit's first character (a Latin
        # one in either case, or the space before it) and the marks tail reads itself
        firsts = {w[0] for w in units}
        self.tail_starts = frozenset(firsts | {ch.upper() for ch in firsts if ch.isascii()}
                                     | set(" 余多几幾个個大角毛毫"))
        # units of one character that starts no longer unit, no letter or quote (年, 名,
        # %, most measure words): unit_at reads them with one look-up and no walk
        self.lone_units = {w: u for w, u in units.items() if len(w) == 1 and w not in "\"'"
                           and not (w.isascii() and w.isalpha())
                           and not any(len(x) > 1 and x.startswith(w) for x in self.index.prefixes)}

    def _units_at(self, text: str, p: int) -> list[tuple[int, Unit]]:
        """(length, unit) of every unit written at p, shortest first; a Latin unit of two
        or more letters is also found in another case (KM, Kg)."""
        prefixes, units = self.index.prefixes, self.units
        found = []
        n = 1
        while p + n <= len(text):
            piece = text[p:p + n]
            if piece not in prefixes and not (piece.isascii() and piece.lower() in prefixes):
                break
            u = units.get(piece)
            if u is None and n > 1 and piece.isascii():
                u = units.get(piece.lower())
            if u is not None:
                found.append((n, u))
            n += 1
        return found

    def unit_at(self, text: str, pos: int) -> Unit | None:
        """The longest unit written at pos (one space allowed before a Latin unit)."""
        lone = self.lone_units.get(text[pos:pos + 1])
        if lone is not None:
            return lone
        p = pos + 1 if text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isascii() else pos
        for n, u in reversed(self._units_at(text, p)):
            if u.surface[-1].isascii() and u.surface[-1].isalpha():
                nxt = text[p + n:p + n + 1]
                if nxt.isascii() and nxt.isalpha():
                    continue
            if p != pos and not u.surface[0].isascii():
                continue
            if u.surface in ("\"", "'") and not (text[pos - 1:pos].isdigit() and text[pos - 1:pos].isascii()
                                               and not is_cjk(text[p + n:p + n + 1])):
                continue  # in Chinese text a straight quote is a quotation mark
            surface = text[pos:p + n]
            return u if surface == u.surface else Unit(surface, u.unit, u.kind, u.factor)
        return None

    def currency_before(self, text: str, pos: int) -> tuple[str, int] | None:
        """人民币3.14, 港币两千元, CNY 1.25: (unit, characters used before pos)."""
        space = 1 if text[pos - 1:pos] == " " and text[pos - 2:pos - 1].isascii() else 0
        for n in reversed(self.currency_index.lengths_to(text, pos - space)):
            unit = self.currencies[text[pos - space - n:pos - space]]
            if unit:
                return unit, n + space
        return None

    def rate_before(self, text: str, pos: int) -> Unit | None:
        """每平方米1.2万元: the unit a money amount is per, written before it."""
        for n in reversed(self.index.lengths_to(text, pos)):
            if n < pos and text[pos - n - 1] == "每":
                per = self.units[text[pos - n:pos]]
                if per.kind in _PER_KINDS:
                    return per
        return None

    def tail(self, text: str, pos: int, number: Number, form: str):
        """Unit, rate and suffixes after a numeral: returns (unit, value, end, more_than)."""
        if text[pos:pos + 1] not in self.tail_starts:
            return None, number.value, pos, False  # most numerals: nothing here can be read
        more = False
        p = pos
        if one_of(text[p:p + 1], "余多几幾") and form == "num":
            more = text[p] in "余多"
            p += 1
        unit = self._unit_after(text, p)
        if unit is None and one_of(text[p:p + 1], "角毛毫") and form == "num":
            unit = Unit(text[p], "元", "money", Decimal("0.1"))
            cents, used = money_cents(text, p + 1, after_jiao=True)
            return unit, number.value * unit.factor + cents, p + 1 + used, more
        if unit is None:
            return None, number.value, p, more
        end = p + len(unit.surface)
        unit, end = _yuan_from_kuai(text, unit, end, number)
        value = number.value
        if unit.unit == "折" and form == "num":
            value = _discount(text[_digits_start(text, pos):pos], number.value)
        value = value * unit.factor
        value, end = _trailing_digit(text, unit, value, end, form)
        if unit.kind == "money" and unit.unit == "元" and unit.factor == 1 and number.magnitude < 10 ** 4:
            cents, used = money_cents(text, end)
            if used:
                value += cents
                end += used
            else:
                other = self.unit_at(text, end) if end < len(text) else None
                if other is not None and other.kind == "money" and other.unit != "元":
                    unit = Unit(unit.surface + other.surface, other.unit, "money", Decimal(1))
                    end += len(other.surface)
        unit, value, end = self._rate_after(text, unit, value, end)
        return unit, value, end, more

    def _unit_after(self, text: str, p: int) -> Unit | None:
        """The unit at p, also behind 个 (3.2个亿, 两个月) and 大 (6大类)."""
        unit = None
        if one_of(text[p:p + 1], "个個") and p + 1 < len(text):
            inner = self.unit_at(text, p + 1)
            if inner is not None and inner.kind in ("volume", "length", "area", "money", "duration") \
                    and not inner.surface.isascii():
                unit = Unit(text[p] + inner.surface, inner.unit, inner.kind, inner.factor)
        if unit is None and p < len(text):
            unit = self.unit_at(text, p)
        if unit is None and text[p:p + 1] == "大" and p + 1 < len(text):
            inner = self.unit_at(text, p + 1)
            if inner is not None and inner.kind == "count":
                unit = Unit("大" + inner.surface, inner.unit, inner.kind, inner.factor)
        return unit

    def _rate_after(self, text: str, unit: Unit, value: Decimal, end: int):
        """1.34万元每平方米, 5元/人: the per-unit written after the amount."""
        rate = text[end:end + 1]
        if rate in _RATE and unit.kind in ("money", "count", "area", "volume", "length"):
            per = self.unit_at(text, end + 1) if end + 1 < len(text) else None
            # 一 reads as "per" only before an area or a time (一平方米, 一年), never a count
            by_one = rate == "一"
            if per is not None and (per.kind in ("area", "duration") or (
                    not by_one and per.kind in ("volume", "length", "count"))):
                unit = Unit(unit.surface, f"{unit.unit}/{per.unit}", unit.kind, unit.factor / per.factor)
                value = value / per.factor
                end = end + 1 + len(per.surface)
        return unit, value, end


def _yuan_from_kuai(text: str, unit: Unit, end: int, number: Number) -> tuple[Unit, int]:
    """块 is money before 钱/角/毛/a digit or for large values (三块五), else a count."""
    if unit.unit == "块":
        nxt = text[end:end + 1]
        if one_of(nxt, "钱角毛") or nxt in DIGITS or number.value >= 100:
            unit = Unit("块", "元", "money", Decimal(1))
            end += 1 if nxt == "钱" else 0
    return unit, end


def _trailing_digit(text: str, unit: Unit, value: Decimal, end: int, form: str) -> tuple[Decimal, int]:
    """八成五, 一米八, 三年半: a digit or 半 after the unit that belongs to the amount."""
    nxt = text[end:end + 1]
    if nxt != "半" and not DIGITS.get(nxt):
        return value, end  # most units: nothing of the amount follows
    lone_digit = bool(DIGITS.get(nxt)) and not is_numeral_char(text[end + 1:end + 2])
    if unit.unit in ("成", "折") and form == "num" and lone_digit:
        value += Decimal(DIGITS[nxt]) / 100
        end += 1
    if text[end:end + 1] == "半" and unit.kind in ("duration", "length", "volume", "ratio", "area"):
        value += Decimal("0.5") * unit.factor
        end += 1
    nxt = text[end:end + 1]
    lone_digit = bool(DIGITS.get(nxt)) and not is_numeral_char(text[end + 1:end + 2])
    if unit.unit == "米" and unit.factor == 1 and form == "num" and lone_digit:
        value += Decimal(DIGITS[nxt]) / 10
        end += 1
    return value, end


def money_cents(text: str, pos: int, after_jiao: bool = False) -> tuple[Decimal, int]:
    """After 元/块: 三块零四, 一块二角, 玖圆壹角捌分 → (the cents as yuan, chars used);
    after 角/毛: 两毛五 → the 分."""
    m = _CENTS.match(text, pos)
    if not m or not m.group("d1"):
        return Decimal(0), 0
    d1 = digit_value(m.group("d1"))
    d2 = digit_value(m.group("d2")) if m.group("d2") else None
    mark = m.group("m1")
    if after_jiao:
        if mark in (None, "分") and d2 is None and not m.group("zero"):
            return d1 / 100, m.end("m1") - pos if mark else m.end("d1") - pos
        return Decimal(0), 0
    if mark is None and d2 is None and is_cjk(text[m.end():m.end() + 1]):
        return Decimal(0), 0  # 5元一张: the digit starts the next phrase
    if mark == "分" or (mark is None and m.group("zero")):
        if d2 is not None:
            return Decimal(0), 0
        return d1 / 100, m.end() - pos
    total = d1 / 10
    if d2 is not None:
        total += d2 / 100
    return total, m.end() - pos


def _digits_start(text: str, pos: int) -> int:
    """Start of the digits that end at pos (for 折, whose digits are read one by one)."""
    i = pos
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] in DIGITS or text[i - 1] == "."):
        i -= 1
    return i


def _discount(digits: str, value: Decimal) -> Decimal:
    """七五折 / 75折 = 0.75 of the price, 8折 = 0.8: the value in tenths (× the 0.1 factor)."""
    plain = "".join(ch if ch.isdigit() else str(DIGITS.get(ch, "")) for ch in digits if ch != ".")
    if len(plain) == 2 and "." not in digits:
        return Decimal(plain) / 10
    return value
