"""Places built from other places, as Chinese writes them: street addresses (X路76号),
numbered compounds (X路9号院, X路75弄小区, 32号街坊, X花园1-6座), parts of a compound
(X花园东区, X花园Y苑), metro lines, a street written X街 for X街道, and a name seen once
in a supported context found again where it stands alone."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import ahocorasick
import regex

from ..chars import is_cjk
from .gazetteer import Gazetteer, Lexicon
from .resolve import Cand

_NUMBER = r"(?:\d+|[一二三四五六七八九十]{1,3})"
# 76号, 314、316号, 75弄, 9号院; the house number of a road
_HOUSE = regex.compile(r"\d+(?:[-—~、]\d+)*[号弄](?:\d+(?:[-—~、]\d+)*号)?(?P<yard>大院|院|小区)?")
# 32号街坊, 3号院, 12号大院 standing alone
_NUMBERED = regex.compile(r"(?<!\d)\d+号(?:大院|院|街坊)")
# 1-6座, 3-5栋 after a compound: the buildings the name covers
_BLOCKS = regex.compile(r"\d+(?:[-—~至]\d+)?座|\d+[-—~至]\d+[栋幢]")
_LINE = regex.compile(r"(?:地铁|轨道交通|轻轨)" + _NUMBER + "号线")
_RING = regex.compile(r"[东南西北内外]?[二三四五六]环(?:路|线)?")  # 西三环, 二环路: ring roads
_SIDE = regex.compile(r"[东西南北两]侧|以[东西南北]|[东西南北]段|路口")  # X街东侧: a road, not a street


class CompoundRules:
    """Rewrite and extend place candidates with the compound forms above."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex, self.gaz = lexicon, gazetteer
        self.parts = tuple(s for s, kind in lexicon.suffix_kind.items() if kind == "part")

    def lines(self, text: str) -> list[Cand]:
        """地铁十四号线, 西三环: metro lines and ring roads are places (their end stops a
        station's name); not 三环|境 …, where 环 begins a word."""
        rings = [
            m
            for m in _RING.finditer(text)
            if text[m.end() - 1 : m.end() + 1] not in self.lex.words and not text[m.start() - 1 : m.start()].isdigit()
        ]
        return [Cand(m.start(), m.end(), "PLACE", "other", "suffix") for m in [*_LINE.finditer(text), *rings]]

    def refine(self, text: str, cands: list[Cand]) -> list[Cand]:
        """The candidates with streets written X街 relabelled, plus addresses, numbered
        compounds and compound parts."""
        out = [self._street(text, c) for c in cands]
        by_start: dict[int, Cand] = {}
        for c in out:
            known = by_start.get(c.start)
            if c.label == "PLACE" and c.subtype == "compound" and (known is None or c.end > known.end):
                by_start[c.start] = c
        extra = []
        for c in cands:
            if c.label != "PLACE":
                continue
            if c.subtype == "other" and text[c.end - 1] in "路街巷道":
                extra.extend(self._address(text, c, by_start))
            elif c.subtype == "compound" and c.source == "suffix":
                extra.extend(self._compound_tail(text, c, by_start))
        extra.extend(Cand(m.start(), m.end(), "PLACE", "compound", "suffix") for m in _NUMBERED.finditer(text))
        return out + extra

    def _street(self, text: str, c: Cand) -> Cand:
        """三元里街 for 三元里街道: a street, not a road."""
        if (
            c.label == "PLACE"
            and c.subtype == "other"
            and text[c.end - 1] == "街"
            and text[c.start : c.end] + "道" in self.gaz.street_names
            and not _SIDE.match(text, c.end)
        ):
            return Cand(c.start, c.end, "PLACE", "street", c.source)
        return c

    @staticmethod
    def _address(text: str, road: Cand, by_start: dict[int, Cand]) -> list[Cand]:
        """X路76号 (an address), X路9号院 and X路75弄小区 (compounds), X路9号Y宿舍 (a
        compound at that address)."""
        m = _HOUSE.match(text, road.end)
        if not m:
            return []
        after = by_start.get(m.end())
        if after is not None and not m.group("yard"):
            return [Cand(road.start, after.end, "PLACE", "compound", "suffix")]
        return [Cand(road.start, m.end(), "PLACE", "compound" if m.group("yard") else "other", "suffix")]

    def _compound_tail(self, text: str, c: Cand, by_start: dict[int, Cand]) -> list[Cand]:
        """X花园1-6座, X花园Y苑: the buildings or the part written right after a compound."""
        m = _BLOCKS.match(text, c.end)
        if m:
            return [Cand(c.start, m.end(), "PLACE", "compound", "suffix")]
        part = by_start.get(c.end)
        if (
            part is not None
            and text[c.start : c.end].endswith(self.lex.compound_heads)
            and part.end - part.start <= 4
            and any(text[part.start : part.end].endswith(s) for s in self.parts)
        ):
            return [Cand(c.start, part.end, "PLACE", "compound", "suffix")]
        return []

    def repeated(self, text: str, chosen: list[Cand]) -> list[Cand]:
        """A community or compound named once where its context supports it (after its
        street, with its suffix) is the same place where it stands alone again (one
        automaton pass: linear in the text)."""
        names = {
            text[c.start : c.end]: c.subtype
            for c in chosen
            if c.label == "PLACE" and c.subtype in ("community", "compound") and c.end - c.start >= 3
        }
        if not names:
            return []
        auto = ahocorasick.Automaton()
        for name, subtype in names.items():
            auto.add_word(name, (len(name), subtype))
        auto.make_automaton()
        out = []
        for last, (n, subtype) in auto.iter(text):
            s, e = last + 1 - n, last + 1
            if (s > 0 and is_cjk(text[s - 1]) and text[s - 1 : s + 1] in self.lex.words) or text[
                e - 1 : e + 1
            ] in self.lex.words:
                continue  # the name's first character ends another word, its last begins one (村委会)
            out.append(Cand(s, e, "PLACE", subtype, "suffix"))
        return out


_CLAUSE_MARKS = r"，。；：,;:！？!?\n（）()“”\""
_CLAUSE_END = regex.compile(f"[{_CLAUSE_MARKS}]")
_CLAUSE_START = regex.compile(f"(?r)[{_CLAUSE_MARKS}]")  # searched backwards from a 、
_ITEM_CUT = regex.compile(r"等|以及|和|及")
_LISTED_KINDS = ("compound", "community", "other")
_PAIR = regex.compile(r"([^和及]+)(?:和|及)([^和及等]+)(?:等.*)?$")


def listed_compounds(text: str, chosen: list[Cand], reader) -> list[Cand]:
    """In a list (A、B、C和D) where two or more items are compounds, communities or named
    sites, the other short items are compounds too (教师楼 in a list of 花园 and 小区)."""
    spans = {(c.start, c.end): c for c in chosen}
    # where a known item may begin: a clause holding fewer than two is no list of them
    # (most clauses with 、 list other things), and is not split into its items
    known_starts = sorted(c.start for c in chosen if c.label == "PLACE" and c.subtype in _LISTED_KINDS)
    covered = bytearray(len(text) + 1)
    for c in chosen:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = []
    for start, clause in _listed_clauses(text):
        if bisect_left(known_starts, start + len(clause)) - bisect_left(known_starts, start) < 2:
            continue
        items, pos = [], start
        for piece in clause.split("、"):
            parts = _ITEM_CUT.split(piece)  # the last item ends at 等, a pair splits at 和
            items.extend(_pieces(pos, piece, parts, first=not items))
            pos += len(piece) + 1
        known = sum(
            1
            for s, e in items
            if (s, e) in spans and spans[(s, e)].label == "PLACE" and spans[(s, e)].subtype in _LISTED_KINDS
        )
        if known < 2:
            continue
        for s, e in items:
            name = text[s:e]
            if (s, e) in spans or not 2 <= len(name) <= 6 or not all(is_cjk(ch) for ch in name):
                continue
            if any(covered[s:e]) or reader.everyday(name) or _has_verb(name, reader):
                continue
            out.append(Cand(s, e, "PLACE", "compound", "suffix"))
    return out


def _listed_clauses(text: str) -> Iterator[tuple[int, str]]:
    """(start, clause) of the clauses holding two 、 or more, found from the 、 outwards:
    scanning every clause of the text cost more than the rest of the rule."""
    end = 0
    p = text.find("、")
    while p >= 0:
        m = _CLAUSE_START.search(text, end, p)
        start = m.end() if m else end
        m = _CLAUSE_END.search(text, p)
        end = m.start() if m else len(text)
        clause = text[start:end]
        if clause.count("、") >= 2:
            yield start, clause
        p = text.find("、", end)


def _pieces(pos: int, piece: str, parts: list[str], first: bool) -> list[tuple[int, int]]:
    """Spans of the names in one 、-separated piece: the first part, and for 和/及 the second."""
    out = []
    if parts[0] and not first:
        out.append((pos, pos + len(parts[0])))
    m = _PAIR.match(piece)
    if m and not first:
        out = [(pos, pos + len(m.group(1))), (pos + m.start(2), pos + m.end(2))]
    elif first and len(parts) == 1:
        out.append((pos, pos + len(piece)))  # the clause's first item, when nothing precedes it
    return out


def _has_verb(name: str, reader) -> bool:
    return any(name[i : i + n] in reader.lex.verbs for n in (2, 3) for i in range(len(name) - n + 1))
