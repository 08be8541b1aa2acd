"""Find amounts in (layout-cleaned) text and normalize them to the contract's Quantity.

The scanner is rules over characters, in the spirit of Duckling's Rules/Corpus split:
the tables (units, measure words, qualifier words, words in which a numeral is not an
amount) live in `data/`, the grammar here.  It runs in one left-to-right pass: a regex
finds each numeral, then small anchored matches look around it for a sign, qualifier,
currency, unit, range partner or rate.  Every match is bounded, so time is linear in the
length of the text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .layout import clean_layout, doc_text
from .tables import data_rows
from .numerals import BIG_UNITS, DIGITS, SMALL_UNITS, Number, decimal_text, parse_number, to_json_number

# --- tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    kind: str
    factor: Decimal


@lru_cache(maxsize=None)
def unit_table() -> dict[str, Unit]:
    """Surface → Unit, from data/units.tsv and data/measure_words.txt."""
    table: dict[str, Unit] = {}
    for (word, *_) in data_rows("measure_words.txt"):
        table[word.strip()] = Unit(word.strip(), word.strip(), "count", Decimal(1))
    for surface, unit, kind, factor in data_rows("units.tsv"):
        table[surface] = Unit(surface, unit, kind, Decimal(factor))
    return table


@lru_cache(maxsize=None)
def numeral_words() -> frozenset[str]:
    return frozenset(w.strip() for (w, *_) in data_rows("numeral_words.txt"))


@lru_cache(maxsize=None)
def qualifier_table() -> tuple[dict[str, str], dict[str, str]]:
    """(prefix words, suffix words) → qualifier, from data/qualifiers.tsv."""
    prefix, suffix = {}, {}
    for where, word, qualifier in data_rows("qualifiers.tsv"):
        (prefix if where == "prefix" else suffix)[word] = qualifier
    return prefix, suffix


@lru_cache(maxsize=None)
def context_rules() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(rule, applies_to, before|after, words) from data/not_amount.tsv."""
    rules = []
    for rule, applies, where, words in data_rows("not_amount.tsv"):
        rules.append((rule, applies, where, tuple(sorted(words.split(), key=len, reverse=True))))
    return tuple(rules)


@lru_cache(maxsize=None)
def currency_prefixes() -> dict[str, str]:
    return {surface: unit for surface, unit in data_rows("currency_prefixes.tsv")}


# --- the numeral regex ----------------------------------------------------------------

_CN_DIGIT = "零〇○一二两兩倆三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖"
_CN_ALL = _CN_DIGIT + "十拾百佰千仟万萬亿億廿卅卌几幾"
_BIG = "万萬亿億"
_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3}(?!\d))?"
_ARABIC_TAIL = rf"(?:[余多](?=[{_BIG}])|[{_BIG}千仟百佰兆]|[kKwW](?![a-zA-Z])|[几幾](?![{_BIG}]?[年月日号时]))*"
# 5万4千6百, 1万600, 100万三千, 2千零30万: digits again after a unit character
_ARABIC_MORE = rf"(?:(?<=[{_BIG}千仟百佰兆零])(?:\d+|[{_CN_DIGIT}])[{_BIG}千仟百佰十兆]?)*"
_CN_NUM = (rf"(?:数(?=[十百千万亿拾佰仟萬億]))?[{_CN_ALL}]"
           rf"(?:[{_CN_ALL}兆]|[点點](?=[{_CN_DIGIT}\d])|(?<=[点點零〇一二三四五六七八九]|\d)\d|[余多](?=[{_BIG}]))*")
_NUM = rf"(?:{_ARABIC}){_ARABIC_TAIL}{_ARABIC_MORE}|{_CN_NUM}"
_SIGN = r"(?:[负負](?=[\d" + _CN_DIGIT + r"十百])|-(?=[\d百]))?"
_FRAC = rf"(?P<den>{_NUM})分\s*之(?P<nom>{_NUM})"
_SLASH = r"(?<![\d/.])\d+\s*/\s*\d+(?![\d/])"

NUMBER_RE = regex.compile(
    rf"(?P<mixed>{_SIGN}(?P<whole>{_NUM})又(?P<part>{_FRAC}|{_SLASH}))"
    rf"|(?P<frac>{_SIGN}{_FRAC})"
    rf"|(?P<slash>-?{_SLASH})"
    rf"|(?P<half>一半|百分百|半(?=[个個]?[月年天公加立平小周]))"
    rf"|(?P<num>{_SIGN}(?:{_NUM}))"
)
_URL_RE = regex.compile(r"(?:https?://|www\.)[^\s\u3000\u4e00-\u9fff，。；]+")
_RANGE_SEP = regex.compile(r"\s*(?:\(含\)|（含）)?\s*(?:——|--|[到至~〜\-—–－])\s*(?:百分之)?")
_PAIR_SEP = regex.compile(r"[和与與]")
_PAIR_END = regex.compile(r"之?间")
_RATE = regex.compile(r"每|/|／|一")

DATE_CHARS = set("月日号號时時点點分秒")


@dataclass(frozen=True)
class Found:
    """One amount found in clean text (offsets into that text)."""

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    qualifier: str = "exact"
    value_max: Decimal | None = None
    out_of_range: bool = False

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind,
                "value": to_json_number(self.value), "unit": self.unit,
                "qualifier": self.qualifier, "value_max": to_json_number(self.value_max)}


# A numeral longer than this is skipped whole (serial numbers, digit soup).
MAX_NUMERAL_CHARS = 48
# A value past this is flagged: no newspaper amount is larger than 10^20 of a unit.
MAX_VALUE = Decimal(10) ** 20


class QuantityScanner:
    """Finds every amount in a clean text; `bare=True` also returns unit-less numerals."""

    def __init__(self) -> None:
        self.units = unit_table()
        self.max_unit = max(map(len, self.units))
        self.prefix_q, self.suffix_q = qualifier_table()
        self.max_prefix = max(map(len, self.prefix_q))
        self.max_suffix = max(map(len, self.suffix_q))
        self.currencies = {u.surface: u.unit for u in self.units.values()
                           if u.kind == "money" and len(u.surface) > 1}
        self.currencies.update(currency_prefixes())
        self.max_currency = max(map(len, self.currencies))
        self.words = numeral_words()

    # -- small anchored look-ups ----------------------------------------------------
    def _unit_at(self, text: str, pos: int) -> Unit | None:
        p = pos + 1 if text[pos:pos + 1] == " " and text[pos + 1:pos + 2].isascii() else pos
        for n in range(min(self.max_unit, len(text) - p), 0, -1):
            piece = text[p:p + n]
            u = self.units.get(piece)
            if u is None and len(piece) > 1 and piece.isascii():
                u = self.units.get(piece.lower())
            if u is None:
                continue
            if u.surface[-1].isascii() and u.surface[-1].isalpha():
                nxt = text[p + n:p + n + 1]
                if nxt.isascii() and nxt.isalpha():
                    continue
            if p != pos and not u.surface[0].isascii():
                continue
            if u.surface in ("\"", "'") and not (text[pos - 1:pos].isdigit() and text[pos - 1:pos].isascii()
                                               and not _is_cjk_letter(text[p + n:p + n + 1])):
                continue  # in Chinese text a straight quote is a quotation mark
            return replace(u, surface=text[pos:p + n])
        return None

    def _suffix_at(self, text: str, pos: int) -> tuple[str, int] | None:
        for n in range(min(self.max_suffix, len(text) - pos), 0, -1):
            q = self.suffix_q.get(text[pos:pos + n])
            if q:
                return q, n
        return None

    def _prefix_before(self, text: str, pos: int) -> tuple[str, int] | None:
        for n in range(min(self.max_prefix, pos), 0, -1):
            word = text[pos - n:pos]
            q = self.prefix_q.get(word)
            if q is None:
                continue
            if word == "近" and pos - 2 >= 0 and text[pos - 2] in "最附邻靠就亲新接将":
                continue
            if word == "上" and not _one_of(text[pos:pos + 1], "百千万"):
                continue
            return q, n
        return None

    def _currency_before(self, text: str, pos: int) -> tuple[str, int] | None:
        """人民币3.14, 港币两千元, CNY 1.25: (unit, characters used before pos)."""
        space = 1 if text[pos - 1:pos] == " " and text[pos - 2:pos - 1].isascii() else 0
        for n in range(min(self.max_currency, pos - space), 0, -1):
            unit = self.currencies.get(text[pos - space - n:pos - space])
            if unit:
                return unit, n + space
        return None

    def _in_word(self, text: str, start: int, end: int) -> bool:
        """Is the numeral at [start, end) part of a word or idiom that is no amount?"""
        for a in range(max(0, start - 5), start + 1):
            for b in range(max(start + 1, a + 2), min(len(text), a + 9) + 1):
                if (a < start or b > end) and text[a:b] in self.words:
                    return True
        return False

    # -- one numeral and its surroundings ---------------------------------------------
    def _number(self, m: regex.Match) -> tuple[Number, str] | None:
        """(number, form) where form is 'frac', 'percent', 'num' or 'half'."""
        if m.group("mixed") is not None:
            whole, part = parse_number(m.group("whole")), _fraction(m.group("part"))
            if whole is None or part is None:
                return None
            value = whole.value + part
            return Number(-value if _negative(m.group("mixed")) else value), "num"
        if m.group("frac") is not None:
            den, nom = _denominator(m.group("den")), parse_number(m.group("nom"))
            if den is None or nom is None or den.value == 0:
                return None
            value = nom.value / den.value
            if _negative(m.group("frac")):
                value = -value
            vmax = None if nom.value_max is None else nom.value_max / den.value
            percent = den.value == 100 and m.group("den")[:1] in "百佰"
            return Number(value, vmax, nom.approx, nom.more_than), "percent" if percent else "frac"
        if m.group("slash") is not None:
            value = _fraction(m.group("slash").lstrip("-"))
            if value is None:
                return None
            return Number(-value if _negative(m.group("slash")) else value), "frac"
        if m.group("half") is not None:
            if m.group("half") == "百分百":
                return Number(Decimal(1)), "percent"
            return Number(Decimal("0.5")), "half"
        n = parse_number(m.group("num"))
        return (n, "num") if n is not None else None

    def _money_cents(self, text: str, pos: int, after_jiao: bool = False) -> tuple[Decimal, int]:
        """After 元/块: 三块零四, 一块二角, 玖圆壹角捌分 → (the cents as yuan, chars used);
        after 角/毛: 两毛五 → the 分."""
        m = _CENTS.match(text, pos)
        if not m or not m.group("d1"):
            return Decimal(0), 0
        d1 = _digit_value(m.group("d1"))
        d2 = _digit_value(m.group("d2")) if m.group("d2") else None
        mark = m.group("m1")
        if after_jiao:
            if mark in (None, "分") and d2 is None and not m.group("zero"):
                return d1 / 100, m.end("m1") - pos if mark else m.end("d1") - pos
            return Decimal(0), 0
        if mark is None and d2 is None and _is_cjk_letter(text[m.end():m.end() + 1]):
            return Decimal(0), 0  # 5元一张: the digit starts the next phrase
        if mark == "分" or (mark is None and m.group("zero")):
            if d2 is not None:
                return Decimal(0), 0
            return d1 / 100, m.end() - pos
        total = d1 / 10
        if d2 is not None:
            total += d2 / 100
        return total, m.end() - pos

    def _tail(self, text: str, pos: int, number: Number, form: str):
        """Unit, rate and suffixes after a numeral: returns (unit, value, end, more_than)."""
        more = False
        p = pos
        if _one_of(text[p:p + 1], "余多几幾") and form == "num":
            more = text[p] in "余多"
            p += 1
        unit = None
        if _one_of(text[p:p + 1], "个個") and p + 1 < len(text):
            inner = self._unit_at(text, p + 1)
            if inner is not None and inner.kind in ("volume", "length", "area", "money", "duration") \
                    and not inner.surface.isascii():
                unit = replace(inner, surface=text[p:p + 1] + inner.surface)
        if unit is None and p < len(text):
            unit = self._unit_at(text, p)
        if unit is None and text[p:p + 1] == "大" and p + 1 < len(text):
            inner = self._unit_at(text, p + 1)
            if inner is not None and inner.kind == "count":
                unit = replace(inner, surface="大" + inner.surface)
        if unit is None and _one_of(text[p:p + 1], "角毛毫") and form == "num":
            unit = Unit(text[p], "元", "money", Decimal("0.1"))
            cents, used = self._money_cents(text, p + 1, after_jiao=True)
            return unit, number.value * unit.factor + cents, p + 1 + used, more
        value = number.value
        if unit is None:
            return None, value, p, more
        end = p + len(unit.surface)
        if unit.unit == "块":
            nxt = text[end:end + 1]
            if _one_of(nxt, "钱角毛") or nxt in DIGITS or number.value >= 100:
                unit = Unit("块", "元", "money", Decimal(1))
                end += 1 if nxt == "钱" else 0
        if unit.unit == "折" and form == "num":
            value = _discount(text[_digits_start(text, pos):pos], number.value)
        value = value * unit.factor
        if unit.unit in ("成", "折") and form == "num":
            nxt = text[end:end + 1]
            if DIGITS.get(nxt) and not _is_numeral_char(text[end + 1:end + 2]):
                value += Decimal(DIGITS[nxt]) / 100
                end += 1
        if text[end:end + 1] == "半" and unit.kind in ("duration", "length", "volume", "ratio", "area"):
            value += Decimal("0.5") * unit.factor
            end += 1
        if unit.kind == "money" and unit.unit == "元" and unit.factor == 1 and number.magnitude < 10 ** 4:
            cents, used = self._money_cents(text, end)
            if used:
                value += cents
                end += used
            else:
                other = self._unit_at(text, end) if end < len(text) else None
                if other is not None and other.kind == "money" and other.unit != "元":
                    unit = Unit(unit.surface + other.surface, other.unit, "money", Decimal(1))
                    end += len(other.surface)
        if unit.unit == "米" and unit.factor == 1 and form == "num":
            nxt = text[end:end + 1]
            if DIGITS.get(nxt) and not _is_numeral_char(text[end + 1:end + 2]):
                value += Decimal(DIGITS[nxt]) / 10
                end += 1
        rate = _RATE.match(text, end)
        if rate and unit.kind in ("money", "count", "area", "volume", "length"):
            per = self._unit_at(text, rate.end()) if rate.end() < len(text) else None
            if per is not None and (rate.group(0) != "一" or per.kind in ("area", "duration")):
                if per.kind in ("area", "duration", "volume", "length") or (
                        per.kind == "count" and rate.group(0) != "一"):
                    unit = Unit(unit.surface, f"{unit.unit}/{per.unit}", unit.kind,
                                unit.factor / per.factor)
                    value = value / per.factor
                    end = rate.end() + len(per.surface)
        return unit, value, end, more

    def scan(self, text: str, bare: bool = False) -> list[Found]:
        found: list[Found] = []
        blocked = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
        pos = 0
        while True:
            m = NUMBER_RE.search(text, pos)
            if m is None:
                break
            if m.end() - m.start() > MAX_NUMERAL_CHARS:
                pos = m.end()  # a run of thousands of digits is data, not an amount
                continue
            got = self._one(text, m, bare, blocked)
            if got is None:
                pos = m.end() if m.end() > m.start() else m.start() + 1
                continue
            found.append(got)
            pos = got.end
        if not bare:
            found = _drop_slogans(text, found)
        return _merge_intervals(text, found)

    def _one(self, text: str, m: regex.Match, bare: bool, blocked) -> Found | None:
        start, end = m.start(), m.end()
        if any(a <= start < b for a, b in blocked):
            return None
        parsed = self._number(m)
        if parsed is None:
            return None
        number, form = parsed
        surface = m.group(0)
        if not self._plausible(text, start, end, surface, form):
            return None
        unit, value, tail_end, more = self._tail(text, end, number, form)
        chinese = not surface.lstrip("负負-")[:1].isdigit()
        if form in ("num", "half") and chinese and self._in_word(text, start, tail_end):
            return None
        qualifier = "approx" if number.approx else "more_than" if (number.more_than or more) else "exact"
        value_max = number.value_max
        if value_max is not None:
            qualifier = "range"
            value_max = value_max * (unit.factor if unit else 1)
        rng = self._range(text, tail_end, surface, number, value, unit, form)
        if rng is not None:
            value, value_max, unit, tail_end = rng
            qualifier = "range"
        kind, unit_name = self._kind(unit, form)
        q_start = start
        cur = self._currency_before(text, start) if form == "num" else None
        if cur is not None and (unit is None or (unit.kind == "money" and unit.unit == "元")):
            if unit is None:
                kind, unit_name = "money", cur[0]
            elif cur[0] != "元":
                unit_name = cur[0] + unit_name[len("元"):]
            q_start = start - cur[1]
        elif unit is None and form == "num" and number.magnitude >= 10 ** 4 and \
                "面积" in text[max(0, start - 8):start]:
            unit = self.units["平方米"]  # 绿化面积约104.66万: the 平方米 of an area is often left out
            kind, unit_name = unit.kind, unit.unit
        elif unit is None and form == "num":
            if not bare or self._date_or_code(text, start, end, surface):
                return None
        if unit is not None and self._not_amount(text, start, tail_end, surface, number, unit, form, bare):
            return None
        if unit is not None and unit.kind == "money" and "/" not in unit_name:
            per = self._rate_before(text, q_start)
            if per is not None:
                unit_name, value = f"{unit_name}/{per.unit}", value / per.factor
        if unit is not None and self._context_says_no(text, q_start, tail_end, unit, number):
            return None
        q_start, tail_end, qualifier = self._qualify(text, q_start, tail_end, qualifier)
        return Found(q_start, tail_end, value, unit_name, kind, qualifier, value_max,
                     abs(value) > MAX_VALUE)

    def _qualify(self, text: str, start: int, end: int, qualifier: str) -> tuple[int, int, str]:
        """Widen [start, end) over the qualifier words around it and set the qualifier."""
        pre = self._prefix_before(text, start)
        if pre is not None:
            word_q, n = pre
            if word_q == "comparative_than":
                cmp = _COMPARATIVE.match(text, end)
                if cmp:
                    return start - n, cmp.end(), "more_than" if cmp.group(0) in "大高多长" else "less_than"
            elif qualifier != "range":
                if qualifier == "exact" or word_q != "approx":
                    qualifier = word_q
                start -= n
        suf = self._suffix_at(text, end)
        if suf is not None:
            word_q, n = suf
            if word_q == "between":
                if qualifier == "range":
                    end += n
            elif qualifier in ("exact", "approx") or qualifier == word_q:
                qualifier = word_q
                end += n
        return start, end, qualifier

    def _range(self, text: str, pos: int, first_surface: str, first: Number, first_value: Decimal,
               first_unit: Unit | None, form: str):
        """N1 [unit] 到 N2 [unit]: (low, high, unit, end) or None."""
        sep = _RANGE_SEP.match(text, pos)
        pair = None
        if sep is None:
            pair = _PAIR_SEP.match(text, pos)
            if pair is None:
                return None
        m2 = NUMBER_RE.match(text, (sep or pair).end())
        if m2 is None or m2.group("slash") is not None:
            return None
        parsed = self._number(m2)
        if parsed is None:
            return None
        second, form2 = parsed
        if pair is not None and not _PAIR_END.match(text, self._tail(text, m2.end(), second, form2)[2]):
            return None
        unit2, value2, end2, _ = self._tail(text, m2.end(), second, form2)
        if form == "percent" and unit2 is None:
            if form2 == "num":
                value2 = second.value / 100
            end2 = m2.end()
        unit = unit2 or first_unit
        if unit is None and form == "num" and form2 == "num":
            end2 = m2.end()
        if first_unit is not None and unit2 is not None and first_unit.unit != unit2.unit:
            return None
        if _is_year(first_surface) and _is_year(m2.group(0)):
            return None
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

    def _kind(self, unit: Unit | None, form: str) -> tuple[str, str]:
        if unit is not None:
            return unit.kind, unit.unit
        if form == "percent":
            return "percent", "%"
        if form == "frac":
            return "ratio", "分之"
        return "number", ""

    def _plausible(self, text: str, start: int, end: int, surface: str, form: str) -> bool:
        """Numerals that are not amounts whatever follows them."""
        before = text[start - 1:start]
        after = text[end:end + 1]
        if before == "第" or (_one_of(before, "周初") and surface in _CN_DIGIT):
            return False
        if text[max(0, start - 2):start] in ("星期", "礼拜", "禮拜"):
            return False
        if (before.isascii() and before.isalpha() and self._currency_before(text, start) is None
                or _one_of(before, "+#@_")):
            return False
        if after == "+" and text[end + 1:end + 2].isascii() and text[end + 1:end + 2].isalnum():
            return False  # 1+2+N: a formula or a plan's name
        head = surface.lstrip("负負-")
        if head in _FINANCIAL and _is_cjk_letter(after) and after not in "元圆角分":
            return False  # 拾起, 伍仁, 陆地: a lone banker's numeral inside a word
        if form == "num" and head[:1] in "百佰千仟万萬亿億" and not _LEADING_OK.match(
                text, start + (len(surface) - len(head))):
            prev = self._prefix_before(text, start)
            if prev is None:
                return False
        return True

    def _rate_before(self, text: str, pos: int) -> Unit | None:
        """每平方米1.2万元: the unit a money amount is per, written before it."""
        for n in range(min(self.max_unit, pos - 1), 0, -1):
            if text[pos - n - 1:pos - n] == "每":
                per = self.units.get(text[pos - n:pos])
                if per is not None and per.kind in ("area", "count", "duration", "volume", "length"):
                    return per
        return None

    def _context_says_no(self, text: str, start: int, end: int, unit: Unit, number: Number) -> bool:
        """The rules of data/not_amount.tsv: relative time, plan names, ordinals, house numbers."""
        if unit.kind == "duration" and number.approx and not number.value_max:
            return True  # 几年, 几个月: "a few", not an amount
        for _, applies, where, words in context_rules():
            if applies not in (unit.kind, unit.unit):
                continue
            if where == "after":
                if text.startswith(words, end):
                    return True
            elif any(text.endswith(w, 0, start) for w in words):
                return True
        return False

    def _not_amount(self, text: str, start: int, end: int, surface: str, number: Number,
                    unit: Unit, form: str, bare: bool) -> bool:
        """Dates and years; 一 + measure word + noun, an article rather than a count."""
        if form != "num":
            return False
        nxt = text[end:end + 1]
        if unit.unit == "年" and (_is_year(surface) or _one_of(nxt, "代级")):
            return True  # 2018年, 二〇二〇年, 90年代, 三年级
        if number.value == 1 and surface in ("一", "壹") and unit.kind == "count":
            return not bare or _is_cjk_letter(nxt)
        return False

    def _date_or_code(self, text: str, start: int, end: int, surface: str) -> bool:
        """A bare numeral that is a date, a clock time or a code, not an amount."""
        after = text[end:end + 1]
        if after == "许":
            after = text[end + 1:end + 2]
        if after and after in DATE_CHARS:
            return True
        if after.isascii() and after.isalpha():
            return True
        head = surface.lstrip("负負-")
        if _PLAN_NAME.fullmatch(head):
            return True
        if not head[:1].isdigit():
            before = text[start - 1:start]
            # a one-character Chinese numeral inside a run of Chinese text is a word part
            if len(head) <= 2 and all(ch in DIGITS for ch in head):
                if any(_is_cjk_letter(c) and not _one_of(c, _GLUE) for c in (before, after)):
                    return True
        return False


# The banker's (大写) digits and units; alone they are mostly parts of words.
_FINANCIAL = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
# Characters that may stand next to a bare one- or two-character Chinese numeral without
# making it part of a word: range, comparison and copula words (一到五, 比三十大, 是五).
_GLUE = "到至和与或以比约近超过余多几的是为有在了于"


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


def _denominator(surface: str) -> Number | None:
    """万分之三, 千分之五: a lone unit character is its own value under 分之."""
    unit = BIG_UNITS.get(surface) or SMALL_UNITS.get(surface)
    return Number(Decimal(unit)) if unit else parse_number(surface)


def _negative(surface: str) -> bool:
    return surface[:1] in ("负", "負", "-")


def _fraction(surface: str) -> Decimal | None:
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


def _one_of(ch: str, chars: str) -> bool:
    """`ch in chars` for one character; the empty string (text edge) is in nothing."""
    return len(ch) == 1 and ch in chars


def _is_cjk_letter(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _is_numeral_char(ch: str) -> bool:
    return bool(ch) and (ch.isdigit() or ch in _CN_ALL)


_YEAR = regex.compile(r"(?:1[0-9]|2[01])\d\d|[一二][〇零○九一二三四五六七八九]{3}")


def _is_year(surface: str) -> bool:
    """2018, 二〇二〇: four digits read one by one, as years are written."""
    return _YEAR.fullmatch(surface) is not None


_LEADING_OK = regex.compile(r"[百佰千仟](?=[余多几幾])|[万萬](?=[余多])")
# 十一五 … 十六五: the Five-Year Plans, named by number (十四五 is no range of 14 to 15)
_PLAN_NAME = regex.compile(r"十[一二三四五六]五")
_COMPARATIVE = regex.compile(r"[大高多长小低少短]")
_CENT_DIGIT = "一二两三四五六七八九壹贰叁肆伍陆柒捌玖123456789"
_CENTS = regex.compile(
    rf"(?P<zero>[零〇0])?(?P<d1>[{_CENT_DIGIT}])(?P<m1>[角毛毫分])?"
    rf"(?:(?P<d2>[{_CENT_DIGIT}])分?)?(?![十百千万亿拾佰仟萬億\d{_CENT_DIGIT}年月日])"
)


def _digit_value(ch: str) -> Decimal:
    return Decimal(int(ch)) if ch.isdigit() else Decimal(DIGITS[ch])


_SHORT_QUOTE = regex.compile(r'“[^“”\n]{1,16}”|‘[^‘’\n]{1,16}’|"[^"\n]{1,16}"|《[^《》\n]{1,24}》|「[^「」\n]{1,16}」')


def _drop_slogans(text: str, found: list[Found]) -> list[Found]:
    """“四个自信”, 《民生政策30条》: a numeral inside a short quoted name or title names
    something; an amount quoted on its own (“300户”) stays."""
    if not found:
        return found
    # A quote whose content starts with an amount is a name or slogan (“四个自信”,
    # “一年新、三年旧、五年破”); titles (《…》) name whatever they hold.
    # Quotes do not overlap and `found` is in text order: one sweep pairs them.
    names = [(m.start() + 1, m.end() - 1, m.group(0)[0] == "《") for m in _SHORT_QUOTE.finditer(text)]
    inside: dict[int, list[Found]] = {}
    k = 0
    for q in found:
        while k < len(names) and names[k][1] < q.end:
            k += 1
        if k < len(names) and names[k][0] <= q.start:
            inside.setdefault(k, []).append(q)
    dropped = set()
    for k, qs in inside.items():
        a, b, title = names[k]
        first = qs[0]
        if (title or first.start == a) and (first.start, first.end) != (a, b):
            dropped.update(id(q) for q in qs)
    return [q for q in found if id(q) not in dropped]


def _merge_intervals(text: str, found: list[Found]) -> list[Found]:
    """大于10小于20, 1000以上，1500以下: a lower and an upper bound become one range."""
    out: list[Found] = []
    for q in found:
        if out:
            p = out[-1]
            gap = text[p.end:q.start]
            bounds = {p.qualifier, q.qualifier} == {"more_than", "less_than"}
            if bounds and len(gap) <= 3 and _GAP_OK.fullmatch(gap) and p.unit == q.unit and p.kind == q.kind:
                lo, hi = (p, q) if p.qualifier == "more_than" else (q, p)
                if lo.value < hi.value:
                    out[-1] = Found(p.start, q.end, lo.value, p.unit, p.kind, "range", hi.value)
                    continue
        out.append(q)
    return out


_GAP_OK = regex.compile(r"[\s,，、;；]*(?:并且|并|且|而且|但|又)?[\s,，]*")


@lru_cache(maxsize=1)
def default_scanner() -> QuantityScanner:
    return QuantityScanner()


def find_quantities(clean_text: str, bare: bool = False) -> list[Found]:
    """All amounts in an already cleaned text (see layout.clean_layout)."""
    return default_scanner().scan(clean_text, bare=bare)


def parse_quantity(text: str) -> dict | None:
    """The first amount expression in `text` (a bare numeral too, as kind 'number').

    Returns a contract Quantity dict with offsets into `text`, or None when it holds none.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantity takes str, not {type(text).__name__}")
    layout = clean_layout(text)
    found = find_quantities(layout.clean, bare=True)
    if not found:
        return None
    q = found[0]
    d = q.to_dict()
    d["start"], d["end"] = layout.raw_span(q.start, q.end)
    d["text"] = layout.surface(q.start, q.end)
    return d


# --- the spaCy component ----------------------------------------------------------------

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)
for _name in ("value", "value_max", "unit", "qualifier"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=lambda span, _n=_name: _span_field(span, _n))


def _span_field(span: Span, name: str):
    """span._.value and friends: read from doc._.quantities by character offsets."""
    for q in span.doc._.quantities or ():
        if q["start"] == span.start_char and q["end"] == span.end_char:
            raw = q[name]
            return Decimal(raw) if name in ("value", "value_max") and raw is not None else raw
    return None


def found_to_doc(q: Found) -> dict:
    """Plain, msgpack-safe form of a Found (values as exact decimal strings)."""
    return {"start": q.start, "end": q.end, "kind": q.kind, "unit": q.unit,
            "value": decimal_text(q.value), "qualifier": q.qualifier,
            "value_max": None if q.value_max is None else decimal_text(q.value_max),
            "out_of_range": q.out_of_range}


class QuantityRecognizer:
    """Writes doc._.quantities (plain dicts, clean-text offsets) and doc.spans[spans_key]."""

    def __init__(self, nlp: Language, name: str, spans_key: str, scanner: QuantityScanner):
        self.name = name
        self.spans_key = spans_key
        self.scanner = scanner

    def __call__(self, doc: Doc) -> Doc:
        found = self.scanner.scan(doc_text(doc))
        doc._.quantities = [found_to_doc(q) for q in found]
        spans = []
        for q in found:
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@registry.misc("oldcomm_ie.quantity_scanner.v1")
def create_quantity_scanner() -> QuantityScanner:
    """The default scanner with the packaged tables; swap it in the config to extend."""
    return default_scanner()


@Language.factory(
    "oldcomm_quantities",
    assigns=["doc._.quantities", "doc.spans"],
    default_config={"spans_key": "quantities",
                    "scanner": {"@misc": "oldcomm_ie.quantity_scanner.v1"}},
)
def make_quantities(nlp: Language, name: str, spans_key: str, scanner: QuantityScanner):
    return QuantityRecognizer(nlp, name, spans_key, scanner)
