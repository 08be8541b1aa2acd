"""Finding project mentions in a sentence and the keys that merge a project's names."""
from __future__ import annotations

import bisect
from typing import NamedTuple

import regex

from .records import Mention
from .scopes import Span
from .tables import Tables

RENOVATED_SUBTYPES = {"community", "compound"}
RENOVATED_SUFFIXES = ("风貌区", "老街区", "商务区", "历史文化街区", "片区")
SPECIFIC_PLACE_ENDINGS = ("社区", "小区", "村", "苑", "片区", "风貌区", "老街区", "商务区", "示范区", "花园", "家园")
_LOCATED = ("位于", "地处", "坐落于", "坐落在")   # words a place is written after when it locates
_EXAMPLE = ("以", "如")
_YEAR = regex.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年度?")
_LIST_GAP = regex.compile(r"[、，,和及与]|以及")
_PAIR = regex.compile(r"[、，,；;\s]")


def place_key(place: str) -> str:
    """南桥苑小区 and 南桥苑, 长江村小区 and 长江村, 示范区域 and 示范区: one place, one key."""
    if place.endswith("小区") and len(place) > 4 and place[-3] in "苑园村":
        return place[:-2]
    if place.endswith("区域"):
        return place[:-1]
    return place


_AREA_SUFFIXES = ("片区", "小区", "区域", "片")


def estate_stem(place: str) -> str:
    """An estate's name without the word for an area (松风苑片区 → 松风苑): its parts
    (松风苑东区, 松风苑一期) start with it."""
    for suffix in _AREA_SUFFIXES:
        if place.endswith(suffix) and len(place) > len(suffix) + 2:
            return place[:-len(suffix)]
    return ""


def chains(text: str, ents: list[dict]) -> list[list[dict]]:
    """Entities (sorted by start) written against each other (X街道Y社区), or overlapping,
    or joined by 的 (Y社区的Z小区)."""
    out: list[list[dict]] = []
    end = 0
    for e in ents:
        start = e["start"]
        if out and (start <= end or (start == end + 1 and text[end] == "的")):
            out[-1].append(e)
        else:
            out.append([e])
        end = e["end"]
    return out


def place_spans(text: str, project: dict) -> list[tuple[str, tuple[int, int]]]:
    """Places a project's name holds, as the entity stage listed them."""
    return [(text[a:b], (a, b)) for a, b in project.get("places", ())]


def project_key(name: str, places: list[str]) -> str:
    """Projects are the same when their most specific place is (白象社区…改造, 白象社区…项目)."""
    specific = [p for p in places if p.endswith(SPECIFIC_PLACE_ENDINGS)]
    return place_key(specific[-1]) if specific else name


def listed(text: str, e: dict, neighbours: list[dict]) -> bool:
    """Is a place one item of a list of places (A小区、B小区和C小区, A小区等11个小区)?"""
    for o in neighbours:
        gap = text[e["end"]:o["start"]] if o["start"] >= e["end"] else text[o["end"]:e["start"]]
        if o is not e and o["label"] == "PLACE" and len(gap) <= 2 and _LIST_GAP.fullmatch(gap):
            return True
    return text.startswith("等", e["end"])


def renovatable(text: str, e: dict) -> bool:
    return e["label"] == "PLACE" and (
        e["subtype"] in RENOVATED_SUBTYPES or text.endswith(RENOVATED_SUFFIXES, e["start"], e["end"]))


class Chain(NamedTuple):
    """A chain of names in a sentence that can mention a project, read once per sentence."""

    head: dict            # the entity that names it: its last PROJECT, else its last renovatable place
    first: dict           # the chain's first entity
    key: str
    name: str
    places: list[tuple[str, tuple[int, int]]]
    heads: list[dict]     # the other names of the chain (aliases), before the head
    more_keys: list[str]
    project: bool         # named by a PROJECT entity
    located: bool         # written after 位于: it locates the mention before it
    example: bool         # after 以/如: an example of what the sentence speaks of


class Names(NamedTuple):
    """What a sentence can mention: its chains, its entities, whether it speaks of renovation."""

    chains: list[Chain]
    entities: list[dict]
    renovation: bool


_NO_NAMES = Names([], [], False)


class MentionFinder:
    """Project mentions in a sentence, read from the Doc's entities."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def names_of(self, text: str, sents: list[Span], ents: list[dict]) -> list[Names]:
        """The names of each sentence of an article (ents: its entities, sorted): its
        places and projects dealt out to their sentences (found by bisect), so only the
        sentences that hold a project or a place that can be renovated are read."""
        starts = [sent.start for sent in sents]
        held: dict[int, list[dict]] = {}   # sentence index → its places and projects
        for e in ents:
            if e["label"] == "PLACE" or (e["label"] == "PROJECT" and not self.slogan(text, e)):
                k = bisect.bisect_right(starts, e["start"]) - 1
                if k >= 0 and e["start"] < sents[k].end and e["end"] <= sents[k].end:   # inside sentence k
                    held.setdefault(k, []).append(e)
        out = [_NO_NAMES] * len(sents)
        for k, in_sent in held.items():
            if any(e["label"] == "PROJECT" or renovatable(text, e) for e in in_sent):  # else no chain has a head
                out[k] = self.names(text, sents[k], in_sent)
        return out

    def names(self, text: str, sent: Span, in_sent: list[dict]) -> Names:
        """The chains of a sentence (in_sent: its places and projects, slogans left out)
        that can mention a project, read once: which of them do depends on the article
        (find)."""
        chains_out = []
        for chain in chains(text, in_sent):
            places_ok = [e for e in chain if renovatable(text, e)]
            last_ok = places_ok[-1] if places_ok else None
            heads = [e for e in chain if e is last_ok or e["label"] == "PROJECT"]
            if not heads:
                continue
            e = heads[-1]
            surface = text[e["start"]:e["end"]]
            first = chain[0]["start"]
            places = [(text[c["start"]:c["end"]], (c["start"], c["end"])) for c in chain if c["label"] == "PLACE"]
            for p in (c for c in chain if c["label"] == "PROJECT"):
                places += [x for x in place_spans(text, p) if x[0] not in {n for n, _ in places}]
            project = any(h["label"] == "PROJECT" for h in heads)
            if e["label"] == "PROJECT":
                key = project_key(surface, [n for n, _ in place_spans(text, e)])
            else:
                key = place_key(surface)
            name = surface if e["label"] == "PROJECT" else "".join(n for n, _ in places)
            more_keys = [project_key(text[h["start"]:h["end"]], [n for n, _ in place_spans(text, h)])
                         for h in heads[:-1] if h["label"] == "PROJECT"]
            chains_out.append(Chain(
                e, chain[0], key, name, places, heads[:-1], more_keys, project,
                text.endswith(_LOCATED, max(sent.start, first - 4), first),
                text.endswith(_EXAMPLE, max(sent.start, first - 2), first)))
        renovation = bool(chains_out) and self.t.trigger_re["RENOVATION"].search(text, sent.start, sent.end) is not None
        return Names(chains_out, in_sent, renovation)

    @staticmethod
    def _mentions(c: Chain, names: Names, known, para_start: int, themed: bool) -> bool:
        """Does a chain mention a project: a PROJECT entity; a housing estate or community
        when the sentence speaks of renovation, when it is already a project in this
        article, or when it opens a paragraph of an article about renovation (the subject
        the paragraph describes), or names written against each other."""
        return c.project or names.renovation or c.key in known or (themed and c.first["start"] - para_start <= 4) \
            or c.example or bool(c.heads)

    def keys(self, names: Names) -> list[str]:
        """The keys find gives a sentence read on its own (known to no article yet)."""
        out: list[str] = []
        for c in names.chains:
            if out and c.located:
                continue
            if self._mentions(c, names, frozenset(), -1, False):
                out.append(c.key)
        return out

    def find(self, text: str, sent: Span, names: Names, known: set[str] = frozenset(),
             para_start: int = -1, themed: bool = False) -> list[Mention]:
        """Project mentions in a sentence (_mentions says which chains are); a place after
        位于 locates the mention before it.  Names written against each other
        (X区…改造项目|Y片区|Z示范区) are one project, named by the last and most specific."""
        out = []
        for c in names.chains:
            if out and c.located:
                out[-1].places.extend(c.places)  # X位于Y: Y locates X
                continue
            if not self._mentions(c, names, known, para_start, themed):
                continue
            e = c.head
            kind = "project" if c.project else "place"
            heads_project = kind == "place" and self.heads_project(text, e)
            out.append(Mention(e["start"], e["end"], c.key, c.name, list(c.places),
                               [(h["start"], h["end"]) for h in c.heads],
                               [text[h["start"]:h["end"]] for h in c.heads], list(c.more_keys), kind,
                               kind == "place" and not heads_project and (
                                   listed(text, e, names.entities) or self.covered(text, sent, c.first)),
                               heads_project))
        return out

    def heads_project(self, text: str, e: dict) -> bool:
        """Does the last place of a list open a renovation written right after it
        (A街、B街和C片区老旧小区改造: the list names one project), not a sentence about it
        (X小区实施外墙改造)?"""
        work = self.t.trigger_re["RENOVATION"].search(text, e["end"], e["end"] + 6)
        return work is not None and not text.startswith("等", e["end"]) \
            and self.t.trigger_re["ACTS"].search(text, e["end"], work.start()) is None

    def covered(self, text: str, sent: Span, e: dict) -> bool:
        """Is a place written after a word of covering in its clause (覆盖…, 分别为…)?"""
        start = max([sent.start] + [text.rfind(c, sent.start, e["start"]) + 1 for c in "，,；;：:"])
        return self.t.trigger_re["COVER"].search(text, start, e["start"]) is not None

    def slogan(self, text: str, e: dict) -> bool:
        """A PROJECT entity written as short phrases set side by side (宜居之城、幸福家园), or
        as a pair of phrases with no project word at its end, or with no project word at
        all, is a slogan: never a project."""
        surface = text[e["start"]:e["end"]]
        heads = self.t.triggers["PROJECT_HEAD"]
        parts = [p for p in _PAIR.split(surface) if p]
        paired = len(parts) >= 2 and all(len(p) <= 5 for p in parts)  # 绿色家园、美丽之城: phrases set side by side
        return paired or (bool(_PAIR.search(surface)) and not surface.endswith(heads)) \
            or not any(h in surface for h in heads)

    def core(self, name: str) -> str:
        """A name without its year and filler words: what two names of one project share."""
        name = _YEAR.sub("", name)
        return self.t.trigger_re["FILLER"].sub("", name)

    def same_project(self, a: str, b: str) -> bool:
        """Two names of one article name one project when one holds the other and what
        the longer adds tells no phase or part apart (改造项目 / 2023年…改造项目全过程 are one;
        改造项目 / 改造东片区项目 are two)."""
        ca, cb = self.core(a), self.core(b)
        if len(ca) > len(cb):
            ca, cb = cb, ca
        if ca not in cb or len(ca) < (3 if cb.endswith(ca) else 4):
            return False  # 东片区项目 short for …改造东片区项目; 改造项目 names nothing
        extra = cb.replace(ca, "", 1)
        return self.t.trigger_re["PHASE"].search(extra) is None
