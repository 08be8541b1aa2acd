"""The data the entity rules read: the gazetteer (national divisions, world places, the
extra table, the communities trie) and the lexicon (word list and word tables)."""
from __future__ import annotations

import marisa_trie
import regex

from ..chars import is_cjk
from ..tables import data_rows, data_words, load_trie
from .openings import Openings

STREET_SUFFIXES = ("街道", "镇", "乡", "苏木", "办事处")
# Place suffixes that are words on their own (社区 alone names no place).
SUFFIX_WORDS = {"社区", "小区", "街道", "村", "镇", "乡", "区", "县", "市", "城区", "新区", "老城区"}
# 清原满族自治县 → 清原县, 瀍河回族区 → 瀍河区: news drops the nationality and 自治.
_AUTONOMOUS = regex.compile(r"(\p{Han}{2,}?)(?:\p{Han}{1,4}?族)+(?:自治)?([区县旗])")


class Gazetteer:
    """Administrative places, world places and the extra table in one name → readings dict,
    probed only where a name can open (entities/openings.py)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self._full_names: dict[str, int] = {}  # full name → first row (for nicknames)
        self.street_names: set[str] = set()  # full names of streets (X街道), for X街 short forms
        self.children: dict[int, dict[str, tuple[int, str]]] = {}  # row → street short → (row, level)
        entries: dict[str, list[tuple[str, int, bool]]] = {}   # surface → [(level, row, needs_context)]
        self._add_admin(entries)
        # row → lengths of its streets' short forms that may follow it, longest first
        self.child_lengths = {row: tuple(sorted({len(s) for s in kids if 2 <= len(s) <= 6}, reverse=True))
                              for row, kids in self.children.items()}
        for _, name, _ in data_rows("places_world.tsv"):
            entries.setdefault(name, []).append(("other", -1, False))
        self.after_only: dict[str, str] = {}
        for level, name, short, context in data_rows("places_extra.tsv"):
            if context == "after":
                self.after_only[name] = level
                continue
            entries.setdefault(name, []).append((level, -1, False))
            if short:
                entries.setdefault(short, []).append((level, -1, False))
        for nickname, city in data_rows("city_nicknames.tsv"):
            if city in self._full_names:
                entries.setdefault(nickname, []).append(("city", self._full_names[city], True))
        # surface → readings; a name is looked up only where it could stand: a two-character
        # name where its pair does, a longer one where its first three characters do (the
        # pairs of longer names, 发展 and 建设, are everyday words)
        self.names = {surface: tuple(values) for surface, values in entries.items()}
        self.openings = (Openings({n for n in self.names if len(n) == 2}),
                         Openings({n for n in self.names if len(n) > 2}, width=3))
        self.communities = load_trie("communities.marisa", marisa_trie.RecordTrie("<i"))

    def _add_admin(self, entries: dict[str, list[tuple[str, int, bool]]]) -> None:
        """The national division list: names, short forms, and which need context."""
        for row, level, name, shorts, parent, vague in data_rows("places_admin.tsv"):
            r, p = int(row), int(parent)
            self.parent[r] = p
            self._full_names.setdefault(name, r)
            if len(name) < 2 or name in SUFFIX_WORDS:
                continue
            vague_set = set(filter(None, vague.split("|")))
            if level == "street":
                if len(name) < 3:
                    continue
                self.street_names.add(name)
                entries.setdefault(name, []).append((level, r, not name.endswith(STREET_SUFFIXES)))
                for short in filter(None, shorts.split("|")):
                    self.children.setdefault(p, {})[short] = (r, level)
                continue
            # 中区, 城区, 大社区: a name that is a place suffix after one character is an everyday word too
            short_suffixed = (len(name) == 2 and name[-1] == "区") or (len(name) == 3 and name[1:] in SUFFIX_WORDS)
            entries.setdefault(name, []).append((level, r, name in vague_set or short_suffixed))
            m = _AUTONOMOUS.fullmatch(name) if level == "district" else None
            if m:
                entries.setdefault(m.group(1) + m.group(2), []).append((level, r, False))
            county = level == "district"
            if county and name.endswith("市"):
                level = "city"  # a county-level city (县级市) is a city
            entries[name][-1] = (level, r, entries[name][-1][2])
            for short in filter(None, shorts.split("|")):
                if len(short) >= 2:
                    # a county's or district's short form, or any everyday word, needs its city in the text
                    entries.setdefault(short, []).append((level, r, county or short in vague_set))

    def find(self, text: str) -> list[tuple[int, int, tuple]]:
        """(start, end, readings) for every gazetteer name in text; a reading is
        (level, row, needs_context)."""
        out = []
        names, size = self.names.get, len(text)
        for table in self.openings:
            lengths, width = table.lengths, table.width
            for i in table.positions(text):
                for n in lengths[text[i:i + width]]:
                    if i + n > size:
                        continue
                    values = names(text[i:i + n])
                    if values is not None:
                        out.append((i, i + n, values))
        out.sort(key=lambda h: (h[1], h[0]))  # by end, longest first, as before
        return out

    def ancestors(self, row: int) -> list[int]:
        out = []
        while row >= 0 and len(out) < 6:
            row = self.parent.get(row, -1)
            if row >= 0:
                out.append(row)
        return out

    def community_at(self, text: str, pos: int, street_row: int) -> int:
        """Length of the longest community of that street starting at pos (0 if none)."""
        best = 0
        for name in self.communities.prefixes(cjk_run(text[pos:pos + 14])):
            if (street_row,) in self.communities[name]:
                best = max(best, len(name))
        return best

    def is_community(self, name: str) -> bool:
        return name == cjk_run(name) and name in self.communities


def cjk_run(text: str) -> str:
    """The leading run of Chinese characters: all a community name can hold, and all the
    trie may be asked (marisa reads strings as C strings: a NUL byte breaks its lookups,
    found by fuzzing)."""
    for i, ch in enumerate(text):
        if not is_cjk(ch):
            return text[:i]
    return text


class Lexicon:
    """The word tables the suffix and structure rules read."""

    def __init__(self) -> None:
        self.words = data_words("lexicon.txt")
        self.openers = data_words("name_openers.txt")
        self.boundary = data_words("boundary_words.txt") | self.openers
        self.descriptors = data_words("place_descriptors.txt")
        self.action = data_words("action_verbs.txt")
        self.verbs = data_words("verbs.txt") | self.action
        self.common = data_words("common_words.txt")
        self.generic = data_words("generic_heads.txt")
        self.everyday = data_words("everyday_words.txt")
        self.idioms = data_words("numeral_words.txt")
        place_rows = data_rows("place_suffixes.tsv")
        self.place_suffix = {s: (sub, int(lo), int(hi)) for s, sub, lo, hi, *_ in place_rows}
        self.suffix_kind = {row[0]: row[4] for row in place_rows if len(row) > 4}
        self.road_suffixes = {s for s, kind in self.suffix_kind.items() if kind == "road"}
        self.compound_heads = tuple(row[0] for row in place_rows if len(row) > 5 and row[5] == "head")
        org_rows = data_rows("org_suffixes.tsv")
        self.org_suffix = {s: (sub, rule) for s, sub, rule, *_ in org_rows}
        self.org_suffix_use = {row[0]: row[3] for row in org_rows if len(row) > 3}
        self.project_suffixes = data_words("project_suffixes.txt")
        self.name_actions = data_words("project_name_actions.txt")
        self.project_stops = data_words("project_stops.txt")
        self.functions = sorted(data_words("gov_functions.txt"), key=len, reverse=True)
        self.org_names = {row[0]: (row[1], len(row) > 2 and row[2] == "prefix") for row in data_rows("org_names.tsv")}
        self.banks = {short: full for short, full in data_rows("bank_aliases.tsv")}

    def word_before(self, text: str, i: int) -> int:
        """Backward maximum matching: the length of the dictionary word ending at i (the
        lexicon's words have two to four characters; this is the stage's most frequent call,
        hence no loop)."""
        words = self.words
        if i >= 4 and text[i - 4:i] in words:
            return 4
        if i >= 3 and text[i - 3:i] in words:
            return 3
        return 2 if i >= 2 and text[i - 2:i] in words else 1
