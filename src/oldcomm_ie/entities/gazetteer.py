"""The data the entity rules read: the gazetteer (national divisions, world places, the
extra table, the communities trie) and the lexicon (word list and word tables)."""
from __future__ import annotations

import marisa_trie

from ..chars import is_cjk
from ..tables import data_rows, load_trie

STREET_SUFFIXES = ("街道", "镇", "乡", "苏木", "办事处")
# Place suffixes that are words on their own (社区 alone names no place).
SUFFIX_WORDS = {"社区", "小区", "街道", "村", "镇", "乡", "区", "县", "市", "城区", "新区", "老城区"}


class Gazetteer:
    """Administrative places, world places and the extra table, in one automaton."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.children: dict[int, dict[str, tuple[int, str]]] = {}  # row → street short → (row, level)
        entries: dict[str, list[tuple[str, int, bool]]] = {}   # surface → [(level, row, needs_context)]
        self._add_admin(entries)
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
        # surface → readings, and the name lengths under each two-character prefix: a
        # dict probe per position is twice as fast as the automaton's walk
        self.names = {surface: tuple(values) for surface, values in entries.items()}
        self.lengths: dict[str, tuple[int, ...]] = {}
        for surface in self.names:
            self.lengths[surface[:2]] = tuple(sorted({*self.lengths.get(surface[:2], ()), len(surface)}))
        self.communities = load_trie("communities.marisa", marisa_trie.RecordTrie("<i"))

    def _add_admin(self, entries: dict[str, list[tuple[str, int, bool]]]) -> None:
        """The national division list: names, short forms, and which need context."""
        for row, level, name, shorts, parent, vague in data_rows("places_admin.tsv"):
            r, p = int(row), int(parent)
            self.parent[r] = p
            if len(name) < 2 or name in SUFFIX_WORDS:
                continue
            vague_set = set(filter(None, vague.split("|")))
            if level == "street":
                if len(name) < 3:
                    continue
                entries.setdefault(name, []).append((level, r, not name.endswith(STREET_SUFFIXES)))
                for short in filter(None, shorts.split("|")):
                    self.children.setdefault(p, {})[short] = (r, level)
                continue
            # 中区, 城区, 矿区: a two-character name ending in 区 is an everyday word too
            entries.setdefault(name, []).append((level, r, name in vague_set or (len(name) == 2 and name[-1] == "区")))
            for short in filter(None, shorts.split("|")):
                if len(short) >= 2:
                    # a district's short form, or any everyday word, needs its city in the text
                    entries.setdefault(short, []).append((level, r, level == "district" or short in vague_set))

    def find(self, text: str) -> list[tuple[int, int, tuple]]:
        """(start, end, readings) for every gazetteer name in text; a reading is
        (level, row, needs_context)."""
        out = []
        lengths, names, size = self.lengths.get, self.names.get, len(text)
        for i in range(size - 1):
            for n in lengths(text[i:i + 2], ()):
                if i + n > size:
                    break
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
        def words(name: str) -> set[str]:
            return {w for (w, *_) in data_rows(name)}

        self.words = load_trie("lexicon.marisa", marisa_trie.Trie())
        self.boundary = words("boundary_words.txt")
        self.action = words("action_verbs.txt")
        self.verbs = words("verbs.txt") | self.action
        self.common = words("common_words.txt")
        self.generic = words("generic_heads.txt")
        self.everyday = words("everyday_words.txt")
        self.idioms = words("numeral_words.txt")
        place_rows = data_rows("place_suffixes.tsv")
        self.place_suffix = {s: (sub, int(lo), int(hi)) for s, sub, lo, hi, *_ in place_rows}
        self.road_suffixes = {row[0] for row in place_rows if len(row) > 4 and row[4] == "road"}
        org_rows = data_rows("org_suffixes.tsv")
        self.org_suffix = {s: (sub, rule) for s, sub, rule, *_ in org_rows}
        self.org_suffix_use = {row[0]: row[3] for row in org_rows if len(row) > 3}
        self.project_suffixes = words("project_suffixes.txt")
        self.name_actions = words("project_name_actions.txt")
        self.project_stops = words("project_stops.txt")
        self.functions = sorted(words("gov_functions.txt"), key=len, reverse=True)
        self.org_names = {row[0]: (row[1], len(row) > 2 and row[2] == "prefix") for row in data_rows("org_names.tsv")}
        self.banks = {short: full for short, full in data_rows("bank_aliases.tsv")}

    def word_before(self, text: str, i: int, floor: int = 0) -> int:
        """Backward maximum matching: the length of the dictionary word ending at i."""
        for n in (4, 3, 2):
            if i - n >= floor and text[i - n:i] in self.words:
                return n
        return 1
