"""The national division index: every province, city, district and street with its parent
chain and GB/T 2260 code, looked up by full name or short form.

Built from the packaged tables places_admin.tsv, places_codes.tsv and communities.marisa
(scripts/build_gazetteer.py derives them from JioNLP's division list); places_world.tsv and
places_extra.tsv say what is no single division (countries, rivers).
It is independent of the entity stage: that stage decides what is a place, this index
says which division a name can be.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import marisa_trie

from ..chars import is_cjk
from ..tables import data_rows, lengths_by_opening, load_trie

LEVELS = ("province", "city", "district", "street")
RANK = {level: i for i, level in enumerate(LEVELS)}
# The keys of a place's admin chain, broadest first (a project's chain stops at district).
CHAIN_KEYS = ("province", "city", "district", "street", "code")
# A street-level row whose name ends otherwise (…农场, …开发区, 社区) is a name people also
# give to other things: it needs context, like a short form that is an everyday word.
STREET_SUFFIXES = ("街道", "镇", "乡", "苏木", "办事处")


@dataclass(frozen=True)
class Reading:
    """One division a surface can name; `short` when the surface is a short form, `vague`
    when it is a street's bare name or a street-level name without a street suffix (it
    needs context: 南翔 is 南翔镇 only where its district is written)."""

    row: int
    short: bool
    vague: bool


class Divisions:
    """Rows of the division table with parents, codes and the readings of every name."""

    def __init__(self) -> None:
        self.level: dict[int, str] = {}
        self.name: dict[int, str] = {}
        self.parent: dict[int, int] = {}
        self.code: dict[int, str] = {}
        self.readings: dict[str, list[Reading]] = {}
        self._paths: dict[int, tuple[int, ...]] = {}
        self._chains: dict[tuple[int | None, str], dict] = {}
        # The table's everyday-word flags are the entity stage's concern (is it a place at
        # all?); here the question is which division a place is, so only a street's bare
        # name needs its district in the text.
        for row, level, name, shorts, parent, _everyday in data_rows("places_admin.tsv"):
            r = int(row)
            self.level[r], self.name[r], self.parent[r] = level, name, int(parent)
            if len(name) >= 2 and name not in STREET_SUFFIXES:   # a row named just 街道
                vague_name = level == "street" and not name.endswith(STREET_SUFFIXES)
                self.readings.setdefault(name, []).append(Reading(r, False, vague_name))
            for short in filter(None, shorts.split("|")):
                if len(short) >= 2 and short != name:
                    self.readings.setdefault(short, []).append(Reading(r, True, level == "street"))
        for row, code in data_rows("places_codes.tsv"):
            self.code[int(row)] = code.strip()
        beyond = {name for _, name, *_ in data_rows("places_world.tsv")}
        beyond |= {name for level, name, *_ in data_rows("places_extra.tsv") if level == "other"}
        # 长江 is the river, though streets named 长江街道 make it their bare name too
        self.beyond = {n for n in beyond if all(r.vague for r in self.readings.get(n, ()))}
        # The names that may be a link of a chain (a reading that is not vague): 城区, 郊区,
        # 矿区 are districts somewhere, and everyday words at a name's start, so none; a
        # probe tries the lengths of those with its first two characters.
        self.links = frozenset(name for name, readings in self.readings.items()
                               if not (len(name) == 2 and name[-1] == "区") and any(not r.vague for r in readings))
        self.link_lengths = lengths_by_opening(self.links, 2)
        self.communities = load_trie("communities.marisa", marisa_trie.RecordTrie("<i"))
        # What ends the name of a community, compound or road (社区, 小区, 新村, 路, 大街 …):
        # a short form right before one is the start of that name (嘉兴社区, 长乐南路).
        tails = sorted((suffix for suffix, subtype, *_ in data_rows("place_suffixes.tsv")
                        if subtype in ("community", "compound") or (subtype == "other" and suffix[-1] in "路街巷道")),
                       key=len)
        self.name_tail = re.compile(r"[东西南北中]?(?:" + "|".join(map(re.escape, reversed(tails))) + ")")

    # --- the tree --------------------------------------------------------------------------

    def rank(self, row: int) -> int:
        """0 province … 3 street; a municipality (北京市, a city row without parent) is both
        province and city and ranks as a city, so it compares with cities elsewhere."""
        return RANK[self.level[row]]

    def path(self, row: int) -> tuple[int, ...]:
        """The row and its ancestors, broadest first (cached: every rule asks it)."""
        cached = self._paths.get(row)
        if cached is None:
            out = [row]
            while self.parent.get(out[-1], -1) >= 0 and len(out) < 6:
                out.append(self.parent[out[-1]])
            cached = self._paths[row] = tuple(out[::-1])
        return cached

    def within(self, row: int, ancestor: int) -> bool:
        return ancestor in self.path(row)

    def chain(self, row: int | None, down_to: str = "street") -> dict:
        """{"province", "city", "district", "street", "code"} of a row, full official
        names; code is the division code of the deepest level that has one (the source
        codes down to county level, so a street carries its district's code).  Built once
        per row (every mention of a place asks it), a copy handed out."""
        cached = self._chains.get((row, down_to))
        if cached is None:
            cached = self._chains[(row, down_to)] = self._chain(row, down_to)
        return dict(cached)

    def _chain(self, row: int | None, down_to: str) -> dict:
        out = dict.fromkeys(CHAIN_KEYS)
        if row is None:
            return out
        for r in self.path(row):
            level = self.level[r]
            if RANK[level] > RANK[down_to]:
                break
            out[level] = self.name[r]
            if level == "city" and self.parent.get(r, -1) < 0:
                out["province"] = self.name[r]   # a municipality is its own province
            out["code"] = self.code.get(r, out["code"])
        return out

    def common(self, rows: list[int]) -> int | None:
        """The deepest row every given row lies within (None if they share no province)."""
        if not rows:
            return None
        paths = [self.path(r) for r in rows]
        best = None
        for level_rows in zip(*paths, strict=False):
            if len(set(level_rows)) > 1:
                break
            best = level_rows[0]
        return best

    # --- names -----------------------------------------------------------------------------

    def lookup(self, surface: str, level: str | None = None) -> list[Reading]:
        """The divisions a surface can name: those of the level the entity stage gave it
        where there are some (新兴 tagged a street is one of the 新兴 streets, not 新兴县),
        else the plain readings before the vague ones (江西 is the province, not also
        the 江西镇 of Nanning)."""
        readings = self.readings.get(surface, [])
        same = [r for r in readings if self.level[r.row] == level]
        plain = [r for r in readings if not r.vague]
        return same or plain or readings

    def prefix_chain(self, surface: str) -> tuple[list[list[Reading]], int]:
        """The administrative names a surface begins with (福州市鼓楼区…, 江苏苏州…), each
        as its readings, and where they end; the chain stops where a name does not lie
        within the one before.  A short form counts only when another name follows it or
        it ends the surface: 中山路 and 南京路 are roads, not cities, and 会同石泉街道
        does not begin with 会同县 (石泉 does not lie within it)."""
        segments: list[list[Reading]] = []
        ends: list[int] = []
        pos = 0
        name = self._chain_name_at(surface, 0)
        while name is not None and len(segments) < 5:
            readings = [r for r in self.readings[name] if not r.vague]
            full = [r for r in readings if not r.short]
            nxt = pos + len(name)
            after = self._chain_name_at(surface, nxt)
            if not full and nxt != len(surface) and after is None:
                break
            segments.append(readings)
            ends.append(nxt)
            pos, name = nxt, after
        # A lone short form must end the surface; after a name it lies within, it may not
        # (重庆九龙坡…): two nested names in a row are no accident.
        kept = len(self.nested(segments))
        if kept == 1 and all(r.short for r in segments[0]) and ends[0] != len(surface):
            kept = 0
        return segments[:kept], ends[kept - 1] if kept else 0

    def _chain_name_at(self, surface: str, pos: int) -> str | None:
        """The longest name at `pos` that may be a link of a chain (self.links)."""
        for n in self.link_lengths.get(surface[pos:pos + 2], ()):
            name = surface[pos:pos + n]
            if len(name) == n and name in self.links:
                return name
        return None

    def nested(self, segments: list[list[Reading]]) -> list[list[int]]:
        """Each name's candidates that lie within the names before it, for as long as
        the chain nests."""
        out: list[list[int]] = []
        for readings in segments:
            here = sorted({r.row for r in readings})
            if out:
                here = [r for r in here if any(self.within(r, up) for up in out[-1] if up != r)]
                if not here:
                    break
            out.append(here)
        return out

    def community_streets(self, name: str) -> list[int]:
        """The streets that have a community or village of that name (all of it CJK)."""
        if not name or not all(map(is_cjk, name)) or name not in self.communities:
            return []
        return sorted({street for (street,) in self.communities[name] if street >= 0})

    def starts_a_name(self, surface: str, text: str, end: int) -> bool:
        """A short form that the text continues into a community, compound or road name
        (中山 in 中山社区, 长乐 in 长乐南路): it names that place, not the division."""
        if not self.name_tail.match(text, end):   # asked first: most names end where they are written
            return False
        readings = self.readings.get(surface, ())
        return bool(readings) and all(r.short for r in readings)

    def is_beyond(self, surface: str) -> bool:
        """A country, continent, major river or lake: no one division to resolve to."""
        return surface in self.beyond


@lru_cache(maxsize=1)
def default_divisions() -> Divisions:
    """The packaged index, loaded once per process."""
    return Divisions()
