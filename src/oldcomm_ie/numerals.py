"""Exact values of Arabic, Chinese and mixed numerals, in Decimal.

Why not cn2an.cn2an() at run time: it computes decimals and mixed forms through float
(16.4亿 becomes 1639999999), rejects colloquial forms news use every day (九万四,
两千六, 七百三四十, 十几万, 500余万) in strict mode and reads 九龙坡 as a number in smart
mode.  The grammar below is small enough to own; tests/test_numerals.py checks it
against cn2an.an2cn on random integers, where cn2an is right.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "倆": 2, "俩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8, "兆": 10 ** 12}
TENS = {"廿": 20, "卅": 30, "卌": 40}
VAGUE = set("几幾")  # 十几, 几十: an unknown digit
ARABIC_MAGNITUDE = {"k": 10 ** 3, "K": 10 ** 3, "w": 10 ** 4, "W": 10 ** 4}
# A numeral longer than this is no amount (serial numbers, digit soup, 兆 repeated): every
# path refuses it before any arithmetic, so 兆 × 80,000 cannot overflow Decimal.
MAX_NUMERAL_CHARS = 48


class Number(NamedTuple):
    """A parsed numeral: value, optional upper bound, and what its surface implies (a
    NamedTuple: immutable like a frozen dataclass, and built about twice as fast)."""

    value: Decimal
    value_max: Decimal | None = None
    approx: bool = False       # 几, 数: the digit is unknown
    more_than: bool = False    # 余/多 inside the numeral: 十余万, 500多亿
    magnitude: int = 1         # the trailing 万/亿/k multiplier, for 两到三万 ranges


def _digit_string(s: str) -> Decimal | None:
    """二零一八 → 2018: a run of digits read one by one (两 never appears here)."""
    if len(s) < 2 or any(ch not in DIGITS or ch in "两兩倆俩幺" for ch in s):
        return None
    return Decimal("".join(str(DIGITS[ch]) for ch in s))


_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


def _integer(s: str) -> Decimal | None:
    """A Chinese (or mixed) integer with units: 三万四千五百零七, 九万四 (colloquial),
    一千億零九百萬, 5万4千6百, 1万600."""
    if not s:
        return None
    as_digits = _digit_string(s)
    if as_digits is not None:
        return as_digits
    parts: list[tuple[int, Decimal]] = []  # (big unit, value) of the parts above 万, 亿 …
    section = Decimal(0)   # value below the smallest big unit passed
    digit: Decimal | None = None
    colloquial = False     # the pending digit is one Chinese digit (两千六 = 2600)
    last_unit = 0
    zero_seen = False
    for tok in _TOKEN.findall(s):
        if tok[0].isdigit():
            if digit is not None:
                return None
            digit, colloquial = Decimal(tok), False
        elif tok in DIGITS:
            d = DIGITS[tok]
            if d == 0:
                zero_seen, digit = True, None
                continue
            if digit is not None:
                return None  # two digits in a row are not a unit numeral
            digit, colloquial = Decimal(d), True
        elif tok in TENS:
            if digit is not None:
                return None
            section += TENS[tok]
            last_unit, zero_seen = 10, False
        elif tok in SMALL_UNITS:
            u = SMALL_UNITS[tok]
            section += (1 if digit is None else digit) * u
            digit, last_unit, zero_seen = None, u, False
        elif tok in BIG_UNITS:
            u = BIG_UNITS[tok]
            below = section + (digit or 0) + sum(v for unit, v in parts if unit < u)
            if below == 0 and parts and parts[-1][0] == u:
                below = parts.pop()[1]  # 四万万 = 4×10^8, the old way of saying 亿
            if below == 0:
                return None
            parts = [(unit, v) for unit, v in parts if unit > u] + [(u, below * u)]
            section, digit, last_unit, zero_seen = Decimal(0), None, u, False
        else:
            return None
    if digit is not None:
        if colloquial and last_unit and not zero_seen:
            section += digit * (last_unit // 10 if last_unit >= 10 else 1)
        else:
            section += digit
    return sum((v for _, v in parts), Decimal(0)) + section


def _fraction_digits(s: str) -> str | None:
    if not s or any(ch not in DIGITS and not ch.isdigit() for ch in s):
        return None
    return "".join(ch if ch.isdigit() else str(DIGITS[ch]) for ch in s)


def _split_magnitude(s: str) -> tuple[str, int]:
    """Strip trailing 万/亿 after a decimal part: 十二点二亿 → (十二点二, 10**8)."""
    mag = 1
    end = len(s)
    while end > 0 and s[end - 1] in BIG_UNITS:
        end -= 1
        mag *= BIG_UNITS[s[end]]
    return s[:end], mag


def chinese_value(s: str) -> Decimal | None:
    """Value of a Chinese numeral without range or vagueness: 十二点二亿, 负十点五 aside."""
    if "点" in s or "點" in s:
        s = s.replace("點", "点")
        left, _, right = s.partition("点")
        right, mag = _split_magnitude(right)
        frac = _fraction_digits(right)
        whole = _integer(left) if left else Decimal(0)
        if frac is None or whole is None:
            return None
        return (whole + Decimal("0." + frac)) * mag
    return _integer(s)


def _range_pair(s: str) -> tuple[str, str] | None:
    """七百三四十 → (七百三十, 七百四十); 三五百 → (三百, 五百); 八九 → (八, 九)."""
    if "点" in s or "點" in s:
        return None
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if a in DIGITS and b in DIGITS:
            da, db = DIGITS[a], DIGITS[b]
            if da and db and (db == da + 1 or (da, db) == (3, 5)):
                if _digit_string(s) is not None and len(s) > 2:
                    return None
                return s[:i] + a + s[i + 2:], s[:i] + b + s[i + 2:]
    return None


def parse_chinese(s: str) -> Number | None:
    """A Chinese numeral, with 几/数 vagueness, 余/多 inside and adjacent-digit ranges."""
    approx = more = False
    if s[:1] == "数":
        approx = True
        s = "一" + s[1:]
    if any(ch in VAGUE for ch in s):
        approx = True
        s = ("一" + s[1:]) if s[0] in VAGUE else s
        s = "".join("零" if ch in VAGUE else ch for ch in s)
        if s.endswith("零") and len(s) > 1 and s[-2] in SMALL_UNITS:
            s = s[:-1]
    if "余" in s or "多" in s:
        more = True
        s = s.replace("余", "").replace("多", "")
    if not s:
        return None
    mag = BIG_UNITS.get(s[-1], SMALL_UNITS.get(s[-1], 1))
    pair = _range_pair(s) if not approx else None
    if pair:
        lo, hi = chinese_value(pair[0]), chinese_value(pair[1])
        if lo is not None and hi is not None and lo < hi:
            return Number(lo, hi, magnitude=mag)
    value = chinese_value(s)
    if value is None:
        return None
    return Number(value, None, approx, more, mag)


def parse_arabic(s: str) -> Number | None:
    """1,234.5 / 3.7亿 / 500余万 / 15k / 2.789e-1 / 10几."""
    approx = more = False
    if s.isascii() and s.isdigit():
        value, tail = Decimal(s), ""  # the common case (2020, 15), told without the scan below
    else:
        i = 0
        while i < len(s) and (s[i].isdigit() or s[i] in ".,，eE+-"):
            i += 1
        head, tail = s[:i], s[i:]
        try:
            value = Decimal(head.replace(",", "").replace("，", ""))
        except InvalidOperation:
            return None
    if tail and any(ch.isdigit() or ch in DIGITS for ch in tail):
        return _mixed(s)
    mag = 1
    for ch in tail:
        if ch in "余多":
            more = True
        elif ch in VAGUE:
            approx = True
        elif ch in BIG_UNITS:
            mag *= BIG_UNITS[ch]
        elif ch in SMALL_UNITS:
            mag *= SMALL_UNITS[ch]
        elif ch in ARABIC_MAGNITUDE:
            mag *= ARABIC_MAGNITUDE[ch]
        else:
            return None
    return Number(value * mag, None, approx, more, mag)


def _mixed(s: str) -> Number | None:
    """5万4千6百, 1万600, 100万三千: Arabic digits used as the digits of a unit numeral."""
    more = "余" in s or "多" in s
    value = _integer(s.replace("余", "").replace("多", ""))
    if value is None:
        return None
    mag = BIG_UNITS.get(s[-1], SMALL_UNITS.get(s[-1], 1))
    return Number(value, None, False, more, mag)


def parse_number(s: str) -> Number | None:
    """Dispatch on the first character: Arabic digits (maybe with 万/亿) or Chinese.
    None for what is no numeral, and for anything over MAX_NUMERAL_CHARS characters."""
    one = _ONE_CHAR.get(s)
    if one is not None:
        return one
    return _parse_number(s)


def _parse_number(s: str) -> Number | None:
    """parse_number by the grammar, without the one-character table."""
    if not s or len(s) > MAX_NUMERAL_CHARS:
        return None
    negative = s[0] in "负負-−"
    if negative:
        s = s[1:]
    if not s:
        return None
    n = parse_arabic(s) if s[0].isdigit() else parse_chinese(s)
    if n is None or not negative:
        return n
    return Number(-n.value, None if n.value_max is None else -n.value_max, n.approx,
                  n.more_than, n.magnitude)


# Most numerals in running text are one character (一个, 三年, 5栋): their Numbers, read
# once by the grammar above (a Number is immutable, so one object serves every call).
_ONE_CHAR = {ch: n for ch in [*DIGITS, *SMALL_UNITS, *BIG_UNITS, *TENS, *"0123456789"]
             if (n := _parse_number(ch)) is not None}


def to_plain(value: Decimal) -> int | Decimal:
    """An int where the value is whole, else the Decimal normalized."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def to_json_number(value: Decimal | None) -> int | float | None:
    """The JSON boundary: an int where whole, else the nearest float (exact digits stay
    on the Quantity object; a float's repr is the shortest string that reads back)."""
    if value is None or not value.is_finite() or abs(value) > JSON_MAX:
        return None
    plain = to_plain(value)
    return plain if isinstance(plain, int) else float(plain)


def decimal_text(value: Decimal) -> str:
    """Exact text of a value for plain storage: 370000000, 0.00028, 1E+5000 when huge."""
    if value.is_finite() and abs(value) < PLAIN_MAX:
        return str(to_plain(value))
    return str(value)


PLAIN_MAX = Decimal(10) ** 40  # past this a value stays a Decimal, written with an exponent
JSON_MAX = Decimal(10) ** 300  # beyond this a value is written as null (and flagged out of range)
