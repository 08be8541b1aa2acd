"""Context that says "not an amount": dates, years, codes, ordinals, words, plan names, slogans.

Each test answers for one numeral and looks at a bounded window around it; the words it
looks for are rows of data/not_amount.tsv and data/numeral_words.txt.
"""
from __future__ import annotations

import re

import regex

from ..chars import is_cjk
from ..numerals import DIGITS, Number
from .found import Found
from .grammar import CN_DIGIT, is_numeral_char, is_year, one_of
from .lookup import WordIndex
from .qualifiers import QualifierReader
from .tables import Unit, context_rules, numbered_names, numeral_words
from .units import UnitReader

DATE_CHARS = set("月日号號时時点點分秒")
# The banker's (大写) digits and units; alone they are mostly parts of words.
_FINANCIAL = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
# Characters that may stand next to a bare one- or two-character Chinese numeral without
# making it part of a word: range, comparison and copula words (一到五, 比三十大, 是五).
_GLUE = "到至和与或以比约近超过余多几的是为有在了于"
_LEADING_OK = regex.compile(r"[百佰千仟](?=[余多几幾])|[万萬](?=[余多])")
# 十一五 … 十六五: the Five-Year Plans, named by number (十四五 is no range of 14 to 15)
_PLAN_NAME = regex.compile(r"十[一二三四五六]五")
# What may stand before a numeral that is no amount (_marked_before reads them)
_DAY_MARKS = "周初"  # 周一, 初三
_WEEK_WORDS = ("星期", "礼拜", "禮拜")  # 星期五
_DASHES = "-–—~～"  # the second half of 1-6座
_LIST_MARKS = "、，,"  # 第一、二批
_CODE_MARKS = "+#@_"  # #2
# ... all their characters, a Latin letter aside: most numerals have none of them before
_MARKS_BEFORE = frozenset("第" + _DAY_MARKS + "".join(w[-1] for w in _WEEK_WORDS) + _DASHES + _LIST_MARKS
                          + _CODE_MARKS)
_ORDINAL_BEFORE = regex.compile(rf"第[{CN_DIGIT}十百\d]{{1,4}}$")
# (literal characters only, so the standard engine matches alike, and a third faster)
_SHORT_QUOTE = re.compile(r'“[^“”\n]{1,16}”|‘[^‘’\n]{1,16}’|"[^"\n]{1,16}"|《[^《》\n]{1,24}》|「[^「」\n]{1,16}」')


class NotAmountFilter:
    """The tests that reject a numeral found by the grammar."""

    def __init__(self, units: UnitReader, qualifiers: QualifierReader) -> None:
        self.units = units
        self.qualifiers = qualifiers
        self.words = numeral_words()
        self.names = WordIndex(numbered_names())
        # the rules of data/not_amount.tsv by the kind or unit they apply to
        self.rules: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for _, applies, where, words in context_rules():
            self.rules.setdefault(applies, []).append((where, words))

    @property
    def words(self) -> frozenset[str]:
        """The words and idioms in_word looks for (settable: build_data reads without them)."""
        return self._words.words

    @words.setter
    def words(self, words: frozenset[str]) -> None:
        self._words = WordIndex(words)

    def in_word(self, text: str, start: int, end: int) -> bool:
        """Is the numeral at [start, end) part of a word or idiom that is no amount?
        (a word of 2 to 9 characters over its first character, starting at most 5 before
        it, or starting with it and longer than the amount read)"""
        words = self._words
        return (words.word_over(text, max(0, start - 5), start, start, 9)
                or words.word_from(text, start, max(end - start + 1, 2), 9))

    def in_name(self, text: str, start: int) -> bool:
        """Does a policy formula or fixed name (两个一百年, 八一) cover the numeral's first
        character?  Unlike an idiom, a name blocks even where it is the numeral itself."""
        names = self.names
        return names.word_over(text, max(0, start - names.longest + 1), start + 1, start, names.longest)

    def plausible(self, text: str, start: int, end: int, surface: str, form: str) -> bool:
        """Numerals that are not amounts whatever follows them."""
        before = text[start - 1:start]
        if (before in _MARKS_BEFORE or before.isascii() and before.isalpha()) and \
                self._marked_before(text, start, before, surface):
            return False
        after = text[end:end + 1]
        if after == "+" and text[end + 1:end + 2].isascii() and text[end + 1:end + 2].isalnum():
            return False  # 1+2+N: a formula or a plan's name
        head = surface.lstrip("负負-")
        if head in _FINANCIAL and is_cjk(after) and after not in "元圆角分":
            return False  # 拾起, 伍仁, 陆地: a lone banker's numeral inside a word
        # 万人, 千家: a unit character alone is no numeral unless 余/多 or a qualifier makes it one
        return not (form == "num" and head[:1] in "百佰千仟万萬亿億"
                    and not _LEADING_OK.match(text, start + (len(surface) - len(head)))
                    and self.qualifiers.prefix_before(text, start) is None)

    def _marked_before(self, text: str, start: int, before: str, surface: str) -> bool:
        """第三, 星期五, 周一, A3, #2: what stands before the numeral makes it no amount."""
        if before == "第" or (before in _DAY_MARKS and surface in CN_DIGIT):
            return True
        if text[max(0, start - 2):start] in _WEEK_WORDS:
            return True
        if before in _DASHES and text[start - 2:start - 1].isdigit():
            return True  # the second half of 1-6座 or 0571-8888 when the first was no amount
        if before in _LIST_MARKS and _ORDINAL_BEFORE.search(text, max(0, start - 6), start - 1):
            return True  # 第一、二批: the ordinal goes on over the list
        return (before.isascii() and before.isalpha() and self.units.currency_before(text, start) is None
                or before in _CODE_MARKS)

    def context_says_no(self, text: str, start: int, end: int, unit: Unit, number: Number) -> bool:
        """The rules of data/not_amount.tsv: relative time, plan names, ordinals, house numbers."""
        if unit.kind == "duration" and number.approx and not number.value_max:
            return True  # 几年, 几个月: "a few", not an amount
        for where, words in (*self.rules.get(unit.kind, ()), *self.rules.get(unit.unit, ())):
            if where == "after":
                if text.startswith(words, end):
                    return True
            elif where == "only_before":
                if not text.endswith(words, 0, start):
                    return True
            elif text.endswith(words, 0, start):
                return True
        return False

    @staticmethod
    def compared_with_itself(text: str, start: int, end: int) -> bool:
        """一天比一天好, 一年比一年新: X比X says "ever more", it counts nothing."""
        if text[end:end + 1] != "比" and text[start - 1:start] != "比":
            return False  # the common case, told without building the two patterns
        surface = text[start:end]
        return text.startswith("比" + surface, end) or text.endswith(surface + "比", 0, start)

    @staticmethod
    def plan_name(surface: str, unit: Unit | None) -> bool:
        """十四五期间, “十三五”: a Five-Year Plan named by number, unless a count follows
        (十四五个 is fourteen or fifteen)."""
        if not _PLAN_NAME.fullmatch(surface.lstrip("负負-")):
            return False
        return unit is None or unit.kind != "count" or unit.unit == "期"

    @staticmethod
    def not_amount(text: str, end: int, surface: str, number: Number, unit: Unit, bare: bool) -> bool:
        """Dates and years; 一 + measure word + noun, an article rather than a count."""
        nxt = text[end:end + 1]
        if unit.unit == "年" and (is_year(surface) or one_of(nxt, "代级")):
            return True  # 2018年, 二〇二〇年, 90年代, 三年级
        if number.value == 1 and surface in ("一", "壹") and unit.kind == "count":
            # 一个观众, 一栋楼, 下一步，: an article or a word; 一栋三层: a count; a lone
            # 一个 asked of parse_quantity (bare) is one
            return (not bare or is_cjk(nxt)) and not is_numeral_char(nxt)
        return False

    @staticmethod
    def date_or_code(text: str, start: int, end: int, surface: str) -> bool:
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
        # a one- or two-character Chinese numeral inside a run of Chinese text is a word part
        before = text[start - 1:start]
        return (not head[:1].isdigit() and len(head) <= 2 and all(ch in DIGITS for ch in head)
                and any(is_cjk(c) and not one_of(c, _GLUE) for c in (before, after)))


def drop_slogans(text: str, found: list[Found]) -> list[Found]:
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
