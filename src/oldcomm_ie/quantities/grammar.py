"""The numeral regex and the reading of one match into a Number.

One regex finds each numeral (Arabic, Chinese, mixed, fractions, 一半); every branch is a
flat character-class run taken possessively (`*+`: never given back), so a search is linear
in the text even over a 100k-character run of numeral characters.  The small character tests
every rule family shares live here too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import regex

from ..numerals import BIG_UNITS, DIGITS, SMALL_UNITS, Number, parse_number

CN_DIGIT = "零〇○一二两兩倆三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖"
CN_ALL = CN_DIGIT + "十拾百佰千仟万萬亿億廿卅卌几幾"
_BIG = "万萬亿億"
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?!\d))?"
_ARABIC_TAIL = rf"(?:[余多](?=[{_BIG}])|[{_BIG}千仟百佰兆]|[kKwW](?![a-zA-Z])|[几幾](?![{_BIG}]?[年月日号时]))*+"
# 5万4千6百, 1万600, 100万三千, 2千零30万: digits again after a unit character
_ARABIC_MORE = rf"(?:(?<=[{_BIG}千仟百佰兆零])(?:\d+|[{CN_DIGIT}])[{_BIG}千仟百佰十兆]?)*+"
_CN_NUM = (rf"(?:数(?=[十百千万亿拾佰仟萬億]))?[{CN_ALL}]"
           rf"(?:[{CN_ALL}兆]|[点點](?=[{CN_DIGIT}\d])|(?<=[点點零〇一二三四五六七八九]|\d)\d|[余多](?=[{_BIG}]))*+")
_NUM = rf"(?:{_ARABIC}){_ARABIC_TAIL}{_ARABIC_MORE}|{_CN_NUM}"
# a minus sign, not the dash of 2023-2025年 or A-3
_SIGN = r"(?:[负負](?=[\d" + CN_DIGIT + r"十百])|(?<![0-9A-Za-z])-(?=[\d百]))?"
_FRAC = rf"(?:{_NUM})分\s*之{_SIGN}(?:{_NUM})"
_SLASH = r"(?<![\d/.])\d+\s*/\s*\d+(?![\d/])"

# One numeral with an optional tail: 又 and a fraction (二又三分之一, 1又1/2) or 分之 and a
# numerator (三分之一, 百分之五).  The numeral is read once, not once per reading: no
# numeral can be followed by 又 or 分 after a shorter match of its own (neither is a
# numeral character), so the tail changes no match.  A slash fraction or a half can
# never start where a numeral with a tail does, so they go first.
_NUMBER = (
    rf"(?P<slash>(?:(?<![0-9A-Za-z])-)?{_SLASH})"
    rf"|(?P<half>一半|百分百|半(?=[个個]?[月年天公加立平小周]))"
    rf"|{_SIGN}(?P<lead>{_NUM})(?:又(?P<part>{_FRAC}|{_SLASH})|分\s*之(?P<nom>{_SIGN}(?:{_NUM})))?"
)
NUMBER_RE = regex.compile(_NUMBER)
# The standard engine matches the same pattern at one position about twice as fast.  Only
# its Unicode tables differ from `regex`'s (digits past the BMP, \x1c-\x1f as spaces): a
# text holding such a character keeps to `regex` (tests check the two agree on the rest).
_NUMBER_STD = re.compile(_NUMBER)
_TABLES_DIFFER = re.compile(r"[\x1c-\x1f\U00010000-\U0010ffff]")
# Every character a NUMBER_RE match can start with: the standard engine finds the next one
# faster than `regex` tries NUMBER_RE at every position, so next_numeral searches with it
# and matches NUMBER_RE only there.  Past the BMP every character is tried: `regex` knows
# digits there that the standard engine's older Unicode tables do not.  The BMP's decimal
# digits are listed out: they are the characters \d matches there, found by one table
# look-up where \d asks the Unicode database at every character of the text (2x slower).
_BMP_DIGITS = "".join(filter(str.isdecimal, map(chr, range(0x10000))))
_NUMERAL_START = re.compile(rf"[{_BMP_DIGITS}{CN_ALL}数半负負\-\U00010000-\U0010ffff]")
URL_RE = regex.compile(r"(?:https?://|www\.)[^\s\u3000\u4e00-\u9fff，。；]+")

_YEAR = regex.compile(r"(?:1[0-9]|2[01])\d\d|[一二][〇零○九一二三四五六七八九]{3}")


def numeral_matcher(text: str) -> Callable[[str, int], re.Match | regex.Match | None]:
    """NUMBER_RE.match, or the same pattern on the standard engine where it matches alike."""
    return NUMBER_RE.match if _TABLES_DIFFER.search(text) else _NUMBER_STD.match


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address in text.  Every one starts with http or www., and
    most texts hold neither: two substring tests tell so faster than a regex pass."""
    if "http" not in text and "www." not in text:
        return []
    return [m.span() for m in URL_RE.finditer(text)]


def next_numeral(text: str, pos: int, match=NUMBER_RE.match) -> re.Match | regex.Match | None:
    """NUMBER_RE.search(text, pos): the first numeral starting at pos or after (`match`:
    numeral_matcher(text))."""
    while (start := _NUMERAL_START.search(text, pos)) is not None:
        m = match(text, start.start())
        if m is not None:
            return m
        pos = start.start() + 1
    return None


def is_year(surface: str) -> bool:
    """2018, 二〇二〇: four digits read one by one, as years are written."""
    return _YEAR.fullmatch(surface) is not None


def one_of(ch: str, chars: str) -> bool:
    """`ch in chars` for one character; the empty string (text edge) is in nothing."""
    return len(ch) == 1 and ch in chars


def is_numeral_char(ch: str) -> bool:
    return bool(ch) and (ch.isdigit() or ch in CN_ALL)


def negative(surface: str) -> bool:
    return surface[:1] in ("负", "負", "-")


def digit_value(ch: str) -> Decimal:
    return Decimal(int(ch)) if ch.isdigit() else Decimal(DIGITS[ch])


def fraction(surface: str) -> Decimal | None:
    """三分之一, 1/5 → the fraction's value (None for a zero denominator)."""
    if "/" in surface:
        a, b = (part.strip() for part in surface.split("/"))
        den, nom = parse_number(b), parse_number(a)
    else:
        a, _, b = surface.partition("分")
        den, nom = parse_number(a.strip()), parse_number(b.strip().lstrip("之").strip())
    if den is None or nom is None or den.value == 0:
        return None
    return nom.value / den.value


def _denominator(surface: str) -> Number | None:
    """万分之三, 千分之五: a lone unit character is its own value under 分之."""
    unit = BIG_UNITS.get(surface) or SMALL_UNITS.get(surface)
    return Number(Decimal(unit)) if unit else parse_number(surface)


def read_number(m: regex.Match) -> tuple[Number, str] | None:
    """(number, form) of a NUMBER_RE match; form is 'frac', 'percent', 'num' or 'half'.
    The branch is the last group matched (a name look-up per group costs ten times more)."""
    branch = m.lastgroup
    if branch == "lead":  # the common case: a plain numeral
        n = parse_number(m.group(0))
        return (n, "num") if n is not None else None
    if branch == "part":
        return _mixed(m.group(0), m.group("lead"), m.group("part"))
    if branch == "nom":
        return _fraction_of(m.group(0), m.group("lead"), m.group("nom"))
    if branch == "slash":
        value = fraction(m.group(0).lstrip("-"))
        if value is None:
            return None
        return Number(-value if negative(m.group(0)) else value), "frac"
    if m.group(0) == "百分百":  # the half branch is the one left
        return Number(Decimal(1)), "percent"
    return Number(Decimal("0.5")), "half"


def _mixed(surface: str, whole: str, part: str) -> tuple[Number, str] | None:
    """二又三分之一, 1又1/2: a whole number and a fraction."""
    n, frac = parse_number(whole), fraction(part)
    if n is None or frac is None:
        return None
    value = n.value + frac
    return Number(-value if negative(surface) else value), "num"


def _fraction_of(surface: str, den_text: str, nom_text: str) -> tuple[Number, str] | None:
    """三分之一, 百分之五 (a percent), 负三分之二: the numerator over the denominator."""
    den, nom = _denominator(den_text), parse_number(nom_text)
    if den is None or nom is None or den.value == 0:
        return None
    value = nom.value / den.value
    if negative(surface):
        value = -value
    vmax = None if nom.value_max is None else nom.value_max / den.value
    percent = den.value == 100 and den_text[:1] in "百佰"
    return Number(value, vmax, nom.approx, nom.more_than), "percent" if percent else "frac"
