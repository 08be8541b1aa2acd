"""PLACE candidates: gazetteer names read in context, street short forms and communities
after their district or street, and suffix places (…小区, …社区, …路) read leftwards."""
from __future__ import annotations

import regex

from .gazetteer import Gazetteer
from .reading import Reader, alternation
from .resolve import Cand

_ORDINAL_BODY = regex.compile("第?[一二三四五六七八九十]+")
_NUMERALS = set("一二三四五六七八九十百千两")
_SET_PHRASE = regex.compile("特色|式现代化")
_SUFFIX_WORDS_RIGHT = {"市民", "市场", "市值", "区域", "区间", "区块", "县城", "镇上"}
_DIGIT_ROAD = regex.compile(r"[一二三四五六七八九十\d]*[路街巷道]")


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
        self.suffix_re = regex.compile(alternation(self.lex.place_suffix))
        self.extra_re = regex.compile(
            r"(?<=[在来赴驻入返回离抵访])(?:" + alternation(gazetteer.after_only) + ")")

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
        for start, end, readings in hits:
            reading = self._reading(text, start, end, readings, mentioned)
            if reading is not None:
                out.append(Cand(start, end, "PLACE", reading[0], "gazetteer"))
                out.extend(self._after(text, end, *reading))
        for m in self.extra_re.finditer(text):
            if text[m.start():m.end() + 1] not in self.lex.words:
                out.append(Cand(m.start(), m.end(), "PLACE", self.gaz.after_only[m.group(0)], "gazetteer"))
        return out

    def _after(self, text: str, end: int, level: str, row: int) -> list[Cand]:
        """A street's short form right after its district (南岸区铜元局), a community right
        after its street."""
        out = []
        kids = self.gaz.children.get(row) if row >= 0 else None
        if kids:
            for n in range(6, 1, -1):
                hit = kids.get(text[end:end + n])
                if hit and not text.startswith(("区", "县", "街道", "镇"), end + n):
                    out.append(Cand(end, end + n, "PLACE", hit[1], "gazetteer"))
                    break
        if level == "street" and row >= 0:
            n = self.gaz.community_at(text, end, row)
            if n:
                out.append(Cand(end, end + n, "PLACE", "community", "gazetteer"))
        return out

    def _reading(self, text: str, start: int, end: int, readings: tuple, mentioned: set[int]):
        """The reading of a gazetteer hit that its context supports, or None."""
        if end - start == 2 and _DIGIT_ROAD.match(text, end):
            return None  # 北京路, 中山二路: a road named after a place
        top = all(self.gaz.parent.get(row, -1) < 0 for _, row, _ in readings)
        if start > 0 and end - start == 2 and not top and text[start - 1:start + 1] in self.lex.words:
            return None  # 朝天门: the name's first character ends another word
        if _SET_PHRASE.match(text, end):
            return None  # 中国特色社会主义, 中国式现代化: a set phrase, not the country
        if text[end - 1:end + 1] in _SUFFIX_WORDS_RIGHT:
            return None  # 上海市民, 上海市场: the 市 begins the next word (the short form matches)
        for level, row, vague in readings:
            if not vague:
                return level, row
        for level, row, _ in readings:
            if row >= 0 and self.gaz.parent.get(row, -1) in mentioned:
                return level, row  # 渝中 when 重庆 is in the text
        return None

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
            if start < 0 or self._description(text, start, m, stops):
                continue
            end = m.end()
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
        if body_end in adjacent and body_end not in stops.hard:
            body_end = adjacent[body_end]
        elif body_end in soft:
            body_end = soft[body_end]
        start = self.read.left(text, body_end, 0, hi, "place", {}, stops, road=suffix in self.lex.road_suffixes)
        if start < 0 or m.start() - start < lo:
            return -1
        if sub == "community":
            known = self._known_community(text, start, m.end())
            if known >= 0:
                return known
            if suffix == "村" and start not in stops:
                return -1  # 村 alone is a common word (农村, 城中村): only after a known place
        return start

    def _description(self, text: str, start: int, m, stops: _Stops) -> bool:
        """问题小区, 基层社区, 休闲广场, 一带一路: a description or slogan, not a name."""
        suffix, end = m.group(0), m.end()
        body = text[start:m.start()]
        numbered = text[m.start() - 1:m.start()] in "一二三四五六七八九十"  # 中山四路
        last2 = text[m.start() - 1:end] if len(suffix) == 1 and not numbered else ""
        if last2 in self.lex.common or text[start:end] in self.lex.common:
            return True
        numbered = _ORDINAL_BODY.fullmatch(body) is not None and start in stops  # 街道第一社区
        if suffix not in self.lex.road_suffixes and not numbered and (self.read.generic(body) or self.read.everyday(body)):
            return True
        return text[start:end] in self.lex.idioms or self._quoted_slogan(text, start, end)

    def _continues(self, text: str, m) -> bool:
        """Does the suffix run on into a longer dictionary word (路网, 站位, 花园洋房)?"""
        for k in (1, 2):
            word = text[m.start():m.end() + k]
            if len(word) == len(m.group(0)) + k and word in self.lex.words and word not in self.lex.place_suffix:
                return True
        return len(m.group(0)) == 1 and text[m.end() - 1:m.end() + 1] in self.lex.common

    def _quoted_slogan(self, text: str, start: int, end: int) -> bool:
        """“一带一路”: a quoted name counting things with numerals is a slogan."""
        quoted = text[start - 1:start] in "“\"‘「" and text[end:end + 1] in "”\"’」"
        return quoted and sum(ch in _NUMERALS for ch in text[start:end]) >= 2

    def _known_community(self, text: str, start: int, end: int) -> int:
        """Start of the longest known community name inside [start, end), or -1."""
        for s in range(start, end - 2):
            if self.gaz.is_community(text[s:end]):
                return s
        return -1
