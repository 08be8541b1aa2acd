"""PROJECT candidates: names read leftwards from 项目/工程 that hold a place (with their
years, phases, bracketed scopes, counts and joined phases), a place followed by its
renovation (X社区|老旧小区综合改造), descriptive names listed before 等…项目, and quoted
project names."""
from __future__ import annotations

import bisect
import re
from operator import itemgetter

import regex

from ..chars import is_cjk
from ..tables import data_words, word_pattern
from .reading import Reader
from .resolve import Cand

_RENOVATION_RE = regex.compile(r"(?:老旧小区|小区)?(?:综合)?(?:改造|整治提升|有机更新)(?![项工提中])")
_QUOTED_PROJECT_RE = re.compile(  # the standard engine scans it twice as fast
    r"(?:打造|命名为|取名为?|品牌|名为|称为|称之为|项目)[“\"「]([^”\"」，。]{2,10})[”\"」]")
_NUM = "[一二三四五六七八九十\\d]"
# pieces a project name holds right before the reading point: 二期, 第二批次, 2023年(度), 4号
_LEFT_PIECE = regex.compile(rf"(?:{_NUM}+期|第{_NUM}+批次?|\d{{4}}年度?|\d+号?)$")
_YEAR_AHEAD = regex.compile(r"\d{4}年")
_YEAR_FIRST = regex.compile(r"\d{4}年度?")
_COUNTED = regex.compile(rf"等{_NUM}+个")
_LIST_BEFORE = regex.compile(rf"等(?:{_NUM}+个)?$")  # X等12个老旧小区…项目
# the last characters of the two pieces above (besides digits), and a newline: `$` also
# matches before one; a piece is searched for only after one of them
_PIECE_LAST = frozenset("期批次年度号等个\n")
_JOINED = ("期", "设施", "用房", "工程", "改造")  # 一期和二期工程, 管网设施和绿化设施工程
_SCOPE_PUNCT = regex.compile(r"[、，,。；;：:]")
_TRAILING_SCOPE = regex.compile(r"[(（]([^()（）]{2,12})[)）]")
_BATCH = regex.compile(rf"[(（]第{_NUM}+(?:批次|批)[)）]")
_PART = regex.compile(r"[东西南北中]片区")  # 东片区项目: a part of the project named before
_SLOGAN = regex.compile(r"[、，,。；;！!？?·]|的")
# A descriptive name in a list before 等…项目: X村自主更新、Y片区更新等示范项目
_LISTED_RE = regex.compile(
    r"(?:\p{Han}{2,10}(?:更新|改造|整治)、)+\p{Han}{2,10}(?:更新|改造|整治)(?=等\p{Han}{0,6}项目)")
_LISTED_AHEAD = regex.compile(r"等\p{Han}{0,6}项目")
_RUN_AFTER = regex.compile(r"[\p{Han}、]*")
_RUN_BEFORE = regex.compile(r"(?r)[\p{Han}、]*")  # matched leftwards from its end


def _run_after(text: str, i: int, width: int = 12) -> str:
    """The unbroken run of CJK characters that follows i (at most `width`)."""
    end = i
    while end < len(text) and end - i < width and is_cjk(text[end]):
        end += 1
    return text[i:end]


def _listed_matches(text: str):
    """_LISTED_RE's matches, searched only in the runs of Han and 、 that hold 等…项目: a
    match and what it looks ahead to lie in one such run, and elsewhere the pattern only
    fails, after trying every position."""
    end = 0
    for ahead in _LISTED_AHEAD.finditer(text):
        if ahead.start() < end:
            continue  # in the run searched last
        start = _RUN_BEFORE.match(text, 0, ahead.start()).start()
        end = _RUN_AFTER.match(text, ahead.start()).end()
        yield from _LISTED_RE.finditer(text, start, end)


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside a book or document title 《…》 (a title names a document, not a project)."""
    left = text.rfind("《", max(0, start - 40), start + 1)
    return left >= 0 and text.find("》", left, start) < 0 and "》" in text[end:end + 40]


class ProjectRules:
    """Project candidates in a clean text, given the places found there."""

    def __init__(self, reader: Reader) -> None:
        self.read = reader
        self.lex = reader.lex
        self.suffix_re = word_pattern(reader.lex.project_suffixes)
        self.categories = data_words("project_categories.txt")
        self.named_ends = tuple(self.lex.name_actions | self.lex.project_suffixes)

    def find(self, text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """All project candidates; `places`: end → start of resolved places,
        `place_cands`: every place candidate (a project is named by its place)."""
        quoted = [Cand(m.start(1), m.end(1), "PROJECT", None, "quoted") for m in _QUOTED_PROJECT_RE.finditer(text)
                  if not _SLOGAN.search(m.group(1)) and len(m.group(1)) >= 4]
        listed = [Cand(s, s + len(name), "PROJECT", None, "structure")
                  for m in _listed_matches(text) for s, name in self._items(text, m, places)]
        return self._suffix_projects(text, places, place_cands) + self._renovations(text, places, place_cands) \
            + quoted + listed

    def _items(self, text: str, m, places: dict[int, int]) -> list[tuple[int, str]]:
        """The names of a listed match; the first begins where a word reading ends (打造|X更新)."""
        out, pos = [], m.start()
        for name in m.group(0).split("、"):
            out.append((pos, name))
            pos += len(name) + 1
        first = out[0][1]
        action = max((a for a in self.lex.name_actions if first.endswith(a)), key=len, default="")
        head_end = out[0][0] + len(first) - len(action)
        start = self._list_item(text, head_end, places)
        if start is None:
            return out[1:]
        out[0] = (start, text[start:out[0][0] + len(out[0][1])])
        return out

    def _suffix_projects(self, text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """…改造项目, …工程: read leftwards; kept when the name holds a place, begins with
        a year, or names a part of a project."""
        by_start = sorted(place_cands, key=itemgetter(0))  # by start
        starts = [c.start for c in by_start]

        def place_inside(a: int, b: int) -> Cand | None:
            """The longest place of the first start in [a, b) that ends by b."""
            i, best = bisect.bisect_left(starts, a), None
            while i < len(by_start) and by_start[i].start < b:
                c = by_start[i]
                if best is not None and c.start > best.start:
                    break
                if c.end <= b and (best is None or c.end > best.end):
                    best = c
                i += 1
            return best

        def step(t: str, i: int, took_place: bool) -> int | None:
            return self._step(t, i, took_place, places)

        out = []
        for m in _BATCH.finditer(text):  # X市2020年老旧小区改造Y区(第二批次): a batch named without 项目
            start = self.read.left(text, m.start(), 4, 44, "project", places, step=step)
            body = text[start:m.start()] if start >= 0 else ""
            if place_inside(start, m.start()) is not None and any(a in body for a in self.lex.name_actions):
                out.append(Cand(start, m.end(), "PROJECT", None, "suffix"))
        for m in self.suffix_re.finditer(text):
            start = self.read.left(text, m.start(), 2, 44, "project", places, step=step)
            if start < 0:
                continue
            if _in_title(text, start, m.end()) and not self._site_inside(by_start, starts, start, m.start()):
                continue  # 《X区城市更新项目管理规程》: a document; 《X区Y河流域改造项目勘察》 names Y's project
            body = text[start:m.start()]
            if self.read.generic(body) or text.endswith(("项目", "工程"), 0, m.start()):
                continue  # 该项目; X项目|项目概况: a heading after the name
            year = _YEAR_FIRST.match(body)
            end = self._scope_end(text, m.end())
            first = place_inside(start, m.start())
            if first is not None and first.start == start and self._programme(text, first, m.start()):
                continue  # X市城中村改造项目: a city's programme, not one project
            if first is not None or (year and len(body) - year.end() >= 4) or _PART.fullmatch(body) or \
                    _COUNTED.search(body):
                out.append(Cand(start, end, "PROJECT", None, "suffix"))
        return out

    @staticmethod
    def _site_inside(by_start: list[Cand], starts: list[int], a: int, b: int) -> bool:
        """Does [a, b) hold a named site (a compound, community, street or other place)?"""
        return any(c.end <= b and c.subtype not in ("province", "city", "district")
                   for c in by_start[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])

    def _step(self, text: str, i: int, took_place: bool, places: dict[int, int]) -> int | None:
        """Start of a piece of a project name ending at i that the word reading would stop
        at: a bracketed scope, a phase, a year or number, a joined phase, a list before
        等N个, or the category and renovation before a place (棚户区改造|X片区)."""
        ch = text[i - 1]
        if ch in ")）":
            lo = max(0, i - 16)
            open_ = max(text.rfind("(", lo, i - 1), text.rfind("（", lo, i - 1))
            if open_ >= 0 and not _SCOPE_PUNCT.search(text, open_ + 1, i - 1):
                return open_
            return None
        piece = ch in _PIECE_LAST or ch.isdigit()
        m = _LEFT_PIECE.search(text, max(0, i - 8), i) if piece else None
        if m:
            return m.start()
        if ch in "和及与" and (i - 1 in places or text.endswith(_JOINED, 0, i - 1)):
            return i - 1
        m = _LIST_BEFORE.search(text, max(0, i - 6), i) if piece else None
        if m:
            if text.endswith(self.named_ends, 0, m.start()):
                return i  # X综合改造|等50个小区项目: the project named first is its own name
            return m.start()  # X|等12个: the one name before it is read next
        if _YEAR_AHEAD.match(text, i) and i not in places:
            return i  # a year begins the name unless a place stands before it (X市2020年…)
        if took_place and i in places and text[places[i]:i] in _run_after(text, i):
            return i  # 临汾市尧都区|临汾市尧都区X项目: a place written twice, the first a heading
        if took_place:
            n = self.lex.word_before(text, i)
            if text[i - n:i] in self.lex.name_actions and i - n > 0 and is_cjk(text[i - n - 1]):
                return i - n
        return None

    def _list_item(self, text: str, i: int, places: dict[int, int]) -> int | None:
        """The one name before 等 (X等12个小区): a place, or words back to a boundary."""
        if i in places:
            return places[i]
        j = i
        while j > 0 and i - j < 8 and is_cjk(text[j - 1]):
            n = self.lex.word_before(text, j)
            if text[j - n:j] in self.lex.boundary or text[j - n:j] in self.lex.verbs:
                break
            j -= n
        return j if i - j >= 2 else None

    def _programme(self, text: str, place: Cand, end: int) -> bool:
        """A city or province followed only by a kind of renovation (城中村改造, 城市更新)."""
        return place.subtype in ("city", "province") and self.read.made_of(text[place.end:end], self.categories)

    @staticmethod
    def _scope_end(text: str, end: int) -> int:
        """X项目(一期), X项目(Y家园): a bracketed phase or site right after the name is part
        of it; a bracketed list of streets (A、B) is not."""
        m = _TRAILING_SCOPE.match(text, end)
        return m.end() if m and not _SCOPE_PUNCT.search(m.group(1)) else end

    @staticmethod
    def _renovations(text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        """X区Y社区 + 老旧小区综合改造: district + place + renovation."""
        out = []
        for c in place_cands:
            if c.subtype not in ("community", "compound", "street") or c.start not in places:
                continue
            m = _RENOVATION_RE.match(text, c.end)
            if m:
                start = c.start
                while start in places and places[start] < start:
                    start = places[start]
                out.append(Cand(start, m.end(), "PROJECT", None, "structure"))
        return out
