"""PROJECT candidates: names read leftwards from 项目/工程 that hold a place, a place
followed by its renovation (…社区老旧小区综合改造), and quoted project names."""
from __future__ import annotations

import bisect

import regex

from .reading import Reader, alternation
from .resolve import Cand

_RENOVATION_RE = regex.compile(r"(?:老旧小区|小区)?(?:综合)?(?:改造|整治提升|有机更新)(?![项工提中])")
_QUOTED_PROJECT_RE = regex.compile(
    r"(?:打造|命名为|取名为?|品牌|名为|称为|称之为|项目)[“\"「]([^”\"」，。]{2,10})[”\"」]")


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside a book or document title 《…》 (a title names a document, not a project)."""
    left = text.rfind("《", max(0, start - 40), start + 1)
    return left >= 0 and text.find("》", left, start) < 0 and "》" in text[end:end + 40]


class ProjectRules:
    """Project candidates in a clean text, given the places found there."""

    def __init__(self, reader: Reader) -> None:
        self.read = reader
        self.suffix_re = regex.compile(alternation(reader.lex.project_suffixes))

    def find(self, text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """All project candidates; `places`: end → start of resolved places,
        `place_cands`: every place candidate (a project is named by its place)."""
        return (self._suffix_projects(text, places, place_cands) + self._renovations(text, places, place_cands)
                + [Cand(m.start(1), m.end(1), "PROJECT", None, "quoted") for m in _QUOTED_PROJECT_RE.finditer(text)])

    def _suffix_projects(self, text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """…改造项目, …工程: read leftwards; kept when the name holds a place."""
        by_start = sorted(place_cands, key=lambda c: c.start)
        starts = [c.start for c in by_start]

        def place_inside(a: int, b: int) -> bool:
            i = bisect.bisect_left(starts, a)
            while i < len(by_start) and by_start[i].start < b:
                if by_start[i].end <= b:
                    return True
                i += 1
            return False

        out = []
        for m in self.suffix_re.finditer(text):
            start = self.read.left(text, m.start(), 2, 26, "project", places)
            if start < 0 or _in_title(text, start, m.end()):
                continue
            if self.read.generic(text[start:m.start()]):
                continue
            if place_inside(start, m.start()):  # a project is named by its place
                out.append(Cand(start, m.end(), "PROJECT", None, "suffix"))
        return out

    @staticmethod
    def _renovations(text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """荣昌区白象社区老旧小区综合改造: district + place + renovation."""
        out = []
        for c in place_cands:
            m = _RENOVATION_RE.match(text, c.end)
            if m and c.subtype in ("community", "compound", "street") and c.start in places:
                start = c.start
                while start in places and places[start] < start:
                    start = places[start]
                out.append(Cand(start, m.end(), "PROJECT", None, "structure"))
        return out
