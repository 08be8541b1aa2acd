"""PLACE candidates: gazetteer names read in context, street short forms and communities
after their district or street, and suffix places (…小区, …社区, …路) read leftwards."""
from __future__ import annotations

import re

import regex

from ..chars import is_cjk
from ..tables import word_pattern
from .gazetteer import Gazetteer
from .reading import FUNCTION_CHARS, LOCATIVES, Reader
from .resolve import Cand

_ORDINAL_BODY = regex.compile("第?[一二三四五六七八九十]+")
_NUMERALS = set("一二三四五六七八九十百千两")
_MEASURES = set("个座栋幢处家所项")
_LIST_MARKS = set("、，,：:。；;和及等")
_SET_PHRASES = ("特色", "式现代化")
_SUFFIX_WORDS_RIGHT = {"市民", "市场", "市值", "区域", "区间", "区块", "县城", "镇上"}
_DIGIT_ROAD = regex.compile(r"[东南西北中]?[一二三四五六七八九十\d]*[路街巷道](?!办)")


class _Stops:
    """Where a place name read leftwards must stop: administrative places and amounts
    (`hard`), other suffix matches (`soft`) except the one the name ends in."""

    def __init__(self, hard: set[int], soft: dict[int, int], own: int):
        self.hard, self.soft, self.own = hard, soft, own

    def __contains__(self, i: int) -> bool:
        return i in self.hard or (i in self.soft and i != self.own)


class PlaceRules:
    """The two sources of places: the gazetteer and suffix rules."""

    def __init__(self, reader: Reader, gazetteer: Gazetteer) -> None:
        self.read, self.lex, self.gaz = reader, reader.lex, gazetteer
        # 建设社区, 和平村: an action verb among the generic heads is a common community name
        self.community_descriptions = self.lex.descriptors | (self.lex.generic - self.lex.action)
        self.suffix_re = word_pattern(self.lex.place_suffix)
        # a place named only after a verb of motion: the verb is matched and the name looked
        # ahead, so the engine scans for the verb (a lookbehind is tried at every position)
        self.extra_re = re.compile("[在来赴驻入返回离抵访](?=(" + word_pattern(gazetteer.after_only).pattern + "))")

    # -- the gazetteer -------------------------------------------------------------------
    def gazetteer_places(self, text: str) -> list[Cand]:
        """Gazetteer names whose context supports them; a vague name (渝中) needs its
        parent in the text."""
        hits = self.gaz.find(text)
        mentioned: set[int] = set()
        for _, _, readings in hits:
            for _, row, vague in readings:
                if not vague and row >= 0:
                    mentioned.add(row)
        mentioned |= {a for row in list(mentioned) for a in self.gaz.ancestors(row)}
        out = []
        hit_ends = {end for _, end, readings in hits if any(not vague for _, _, vague in readings)}
        for start, end, readings in hits:
            reading = self._reading(text, start, end, readings, mentioned, hit_ends)
            if reading is not None:
                out.append(Cand(start, end, "PLACE", reading[0], "gazetteer"))
                out.extend(self._after(text, end, *reading))
        last = 0
        for m in self.extra_re.finditer(text):
            start, end = m.span(1)
            if start < last:
                continue  # a verb inside the name before: the names do not overlap
            last = end
            if text[start:end + 1] not in self.lex.words:
                out.append(Cand(start, end, "PLACE", self.gaz.after_only[m.group(1)], "gazetteer"))
        return out

    def _after(self, text: str, end: int, level: str, row: int) -> list[Cand]:
        """A street's short form right after its district (南岸区铜元局), a community right
        after its street."""
        out = []
        for n in self.gaz.child_lengths.get(row, ()):
            hit = self.gaz.children[row].get(text[end:end + n]) if end + n <= len(text) else None
            if hit and not text.startswith(("区", "县", "街道", "镇"), end + n):
                out.append(Cand(end, end + n, "PLACE", hit[1], "gazetteer"))
                break
        if level == "street" and row >= 0:
            n = self.gaz.community_at(text, end, row)
            if n:
                out.append(Cand(end, end + n, "PLACE", "community", "gazetteer"))
        return out

    def _reading(self, text: str, start: int, end: int, readings: tuple, mentioned: set[int], hit_ends: set[int]):
        """The reading of a gazetteer hit that its context supports, or None."""
        if end - start == 2 and _DIGIT_ROAD.match(text, end):
            return None  # 北京路, 中山二路: a road named after a place
        if text.startswith(_SET_PHRASES, end) and any(row < 0 for _, row, _ in readings):
            return None  # 中国特色社会主义, 中国式现代化: a set phrase, not the country (not 泉城特色)
        if text[end - 1:end + 1] in _SUFFIX_WORDS_RIGHT and text[end:end + 2] not in self.lex.words:
            return None  # 上海市民, 上海市场: the 市 begins the next word (not 和县|城镇化)
        if self._crossed(text, start, end, hit_ends):
            return None  # 上海城市, 朝天门: the name starts inside another word
        for level, row, vague in readings:
            if not vague:
                return level, row
        for level, row, _ in readings:
            if row >= 0 and (row in mentioned or self.gaz.parent.get(row, -1) in mentioned):
                return level, row  # 渝中 when 重庆 is in the text, 泉城 when 济南 is
        return None

    def _crossed(self, text: str, start: int, end: int, hit_ends: set[int]) -> bool:
        """Does a dictionary word run across the name's first character while no word
        ends right before it (上|海城市, 县|域城镇, 地|方城镇; not 其中|上城区, 湖南省|长沙市)?"""
        if start == 0 or start in hit_ends or not is_cjk(text[start - 1]):
            return False
        if text[start - 1] in FUNCTION_CHARS:
            return False  # 为|重庆: a preposition before the name
        if self.lex.word_before(text, start) > 1:
            return False
        for k in (1, 2):
            for j in (1, 2):
                word = text[start - k:start + j]
                if len(word) == k + j and start + j <= end and word in self.lex.words:
                    return True
        return False

    # -- suffix places -------------------------------------------------------------------
    def suffix_places(self, text: str, hard: set[int], adjacent: dict[int, int]) -> list[Cand]:
        """…小区, …社区, …路: read leftwards, stopping at an administrative place or an
        amount before it.  A place standing right against the suffix is part of the
        name (长江村, 南桥苑小区, 南坪正街)."""
        out = []
        matches = list(self.suffix_re.finditer(text))
        soft = {m.end(): m.start() for m in matches}
        for m in matches:
            if self._continues(text, m):
                continue  # 路演, 站位, 花园洋房: the suffix begins another word
            stops = _Stops(hard, soft, m.start())
            start = self._start(text, m, adjacent, soft, stops)
            end = m.end()
            if start >= 0 and self.lex.suffix_kind.get(m.group(0)) == "zone":
                start = _zone_start(start, m, adjacent)
            if start < 0 or self._description(text, start, m, stops):
                continue
            if end in hard and start < adjacent.get(end, start) <= start + 1:
                continue  # 其中|上城区: the district itself, not a longer name around it
            if m.group(0) == "示范区" and not text.startswith("位于", end) and text[start - 1:start] != "在":
                out.append(Cand(start, end, "PROJECT", None, "suffix"))  # a demonstration area is a project
                continue
            out.append(Cand(start, end, "PLACE", self.lex.place_suffix[m.group(0)][0], "suffix"))
        return out

    def _start(self, text: str, m, adjacent: dict[int, int], soft: dict[int, int], stops: _Stops) -> int:
        """Where the name ending in suffix m begins, or -1 (too short, or a bare 村)."""
        suffix = m.group(0)
        sub, lo, hi = self.lex.place_suffix[suffix]
        body_end = m.start()
        if body_end in stops.hard and _named_after(text, suffix, adjacent.get(body_end, body_end), body_end):
            return adjacent[body_end]
        if body_end in adjacent and body_end not in stops.hard:
            body_end = adjacent[body_end]
        elif body_end in soft:
            body_end = soft[body_end]
        start = self.read.left(text, body_end, 0, hi, "place", {}, stops, road=suffix in self.lex.road_suffixes)
        if 0 < start < body_end and text[start] in LOCATIVES and text[start - 1:start + 1] in self.lex.words:
            start += 1  # 其中|南川西路: the word before ends in the name's first character
        if 0 < start < body_end and text[start - 1].isdigit() and text[start] in _MEASURES:
            start += 1  # 30个|旧住宅小区: a count's measure word is no part of the name
        if (sub == "community" or self.lex.suffix_kind.get(suffix) == "housing") and start == body_end == m.start():
            start = self._listed_word(text, body_end, m.end())
        if start < 0 or m.start() - start < lo:
            return -1
        if sub == "community":
            known = self._known_community(text, start, m.end())
            if known >= 0 and (known == start or not (start in stops or self.read.clause_start(text, start))):
                return known  # a known name, unless the reading is cleanly longer (、供水厂社区)
            if suffix == "村" and start not in stops and not self.read.clause_start(text, start):
                return -1  # 村 alone is a common word (农村, 城中村): only after a place or a boundary
        return start

    def _listed_word(self, text: str, body_end: int, end: int) -> int:
        """、建设社区、: in a list, a community or unit housing may be named by a verb or
        generic word (not 推进社区治理)."""
        n = self.lex.word_before(text, body_end)
        start = body_end - n
        if n >= 2 and text[start - 1:start] in _LIST_MARKS and text[end:end + 1] in _LIST_MARKS and \
                "、" in (text[start - 1], text[end:end + 1]):
            return start
        return body_end

    def _description(self, text: str, start: int, m, stops: _Stops) -> bool:
        """问题小区, 基层社区, 休闲广场, 一带一路: a description or slogan, not a name."""
        suffix, end = m.group(0), m.end()
        body = text[start:m.start()]
        numbered = text[m.start() - 1:m.start()] in "一二三四五六七八九十"  # 中山四路
        last2 = text[m.start() - 1:end] if len(suffix) == 1 and not numbered else ""
        body_word = len(body) >= 2 and body in self.gaz.names
        if (last2 in self.lex.common and not body_word) or text[start:end] in self.lex.common:
            return True  # 思路, 网站; not 南山|路, whose body is a place's name
        numbered = _ORDINAL_BODY.fullmatch(body) is not None and start in stops  # 街道第一社区
        kind = self.lex.suffix_kind.get(suffix)
        if m.start() in stops.soft and not self.read.generic(body):
            return False  # 职工大院|小区: the body is itself a place name
        if self.lex.place_suffix[suffix][0] == "community" or kind == "housing":
            # community names are often everyday words (胜利社区); descriptions are not names
            if not numbered and self.read.made_of(body, self.community_descriptions):
                return True
        elif kind == "part" and start in stops.soft:
            return False  # X花园|玫瑰苑: a part of the compound before it may be any word
        elif kind != "road" and not numbered and (self.read.generic(body) or self.read.everyday(body)
                                                  or self.read.made_of(body, self.lex.descriptors)):
            return True
        return text[start:end] in self.lex.idioms or _quoted_slogan(text, start, end)

    def _continues(self, text: str, m) -> bool:
        """Does the suffix run on into a longer dictionary word (路网, 站位, 花园洋房)?"""
        start, end = m.span()
        side = self._side_after(text, end)  # 路|南侧: a side of the place follows the suffix
        for k in (2,) if side else (1, 2):
            word = text[start:end + k]
            if len(word) == end - start + k and word in self.lex.words and word not in self.lex.place_suffix:
                return True
        return end - start == 1 and text[end - 1:end + 1] in self.lex.common and not side

    def _side_after(self, text: str, i: int) -> bool:
        """A locative word (南侧, 以东, 东面) right after position i."""
        return text[i:i + 1] in LOCATIVES and text[i:i + 2] in self.lex.words

    def _known_community(self, text: str, start: int, end: int) -> int:
        """Start of the longest known community name inside [start, end), or -1."""
        for s in range(start, end - 2):
            if self.gaz.is_community(text[s:end]):
                return s
        return -1


def _named_after(text: str, suffix: str, start: int, end: int) -> bool:
    """A community or area named after a city (中山社区, 嘉兴片区): the city's short form
    (no 市/省/区/县) stands right against 社区/村/片区."""
    return suffix in ("社区", "村", "片区") and text[end - 1] not in "省市区县州旗" and end - start >= 2


def _zone_start(start: int, m, adjacent: dict[int, int]) -> int:
    """A zone takes the place right before it into its name (X市经开区, X湖风景名胜区);
    with neither a place nor a two-character body it names no place (古城 alone)."""
    if start == m.start() and start in adjacent:
        start = adjacent[start]
    return start if m.start() - start >= 2 else -1


def _quoted_slogan(text: str, start: int, end: int) -> bool:
    """“一带一路”: a quoted name counting things with numerals is a slogan."""
    quoted = text[start - 1:start] in "“\"‘「" and text[end:end + 1] in "”\"’」"
    return quoted and sum(ch in _NUMERALS for ch in text[start:end]) >= 2
