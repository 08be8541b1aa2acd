"""Government and Party bodies built by structure: (place or level) + function parts +
head (区住房城乡建设委, 区规划和自然资源局), a bare head after a place (区政府),
people's congresses with their term (县十六届人大), 区府, and level committees (市委).

The function parts are walked once: a run of them is one pattern, the parts written as a
trie, and the head is looked up after it; the pattern holds no head, so where none follows
it never backtracks over its own parts (an alternation of parts + head does, exponentially)."""
from __future__ import annotations

import re

import regex

from ..chars import CJK_CLASS, is_cjk
from ..tables import data_rows, lengths_by_opening, word_pattern
from .openings import Openings
from .reading import Reader
from .resolve import Cand

LEVEL_PREFIX = "市区县省镇乡"
_JOINERS = "和与及"
_NATIONAL = ("中共", "国家", "全国", "中央")
_TITLES = ("局长", "处长", "科长", "厅长", "署长")
_CONGRESS = regex.compile("(?:第?[〇一二三四五六七八九十]{1,4}届)?(?:人民代表大会|人大)(?:常务委员会|常委会)?")
_SHORT_GOV = regex.compile(f"[{LEVEL_PREFIX}]府(?:(?=常务|办|令)|(?![{CJK_CLASS}]))")


def _trie(words) -> str:
    """A pattern of words as a trie (a branch per next character, the longer word
    first): it matches the longest word at a position trying one branch per character,
    where an alternation tries every word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict) -> str:
        out = [re.escape(ch) + branches(sub) for ch, sub in sorted(node.items()) if ch]
        if not out:
            return ""
        body = out[0] if len(out) == 1 and len(out[0]) == 1 else f"(?:{'|'.join(out)})"
        return body + "?" if "" in node else body
    return branches(root)


class GovernmentRules:
    """Candidates for government and Party bodies in a clean text."""

    def __init__(self, reader: Reader) -> None:
        self.read, self.lex = reader, reader.lex
        parts = set(self.lex.functions)
        self.heads = {h: (sub, strength) for h, sub, strength in data_rows("gov_heads.tsv")}
        self.head_lengths = lengths_by_opening(self.heads)
        single = {p for p in parts if len(p) == 1}
        # the longest part at a position (a one-character part only right before a head),
        # and a run of parts joined directly or by 和/与/及 (the standard engine: plain
        # characters and groups, matched a few times faster than by the regex module)
        part = f"(?:{_trie(parts - single)}|[{''.join(sorted(map(re.escape, single)))}](?={_trie(self.heads)}))"
        self.part_re = re.compile(part)
        self.run_re = re.compile(f"{part}(?:[{_JOINERS}]{part}|{part})*")
        # where a run may begin: a part of two characters or more, or one before a head
        self.openings = Openings(parts - single | {p + h for p in single for h in self.heads})
        bare = [s for s, (_, rule) in self.lex.org_suffix.items() if rule == "bare"]
        self.bare_re = word_pattern(bare)
        self.level_party_re = re.compile(f"[{LEVEL_PREFIX}]委(?!员)")  # scanned faster than by regex
        use = self.lex.org_suffix_use
        self.standalone_party_re = word_pattern(s for s in use if use[s] == "alone")

    def find(self, text: str, places: dict[int, int]) -> list[Cand]:
        """All government and Party candidates; `places`: end → start of places."""
        return (self._functional(text, places) + self._bare(text, places) + self._congress(text, places)
                + self._party(text, places))

    def body_at(self, text: str, pos: int) -> tuple[int, str] | None:
        """(end, subtype) of functions + head, or a level committee, starting at pos: the
        sub-body of 市政府外办, 区委城市工作办."""
        end = self._chain(text, pos)
        head = self._head(text, end) if end > pos else None
        if head is not None:
            return end + len(head), self.heads[head][0]
        m = self.level_party_re.match(text, pos)
        return (m.end(), "party") if m else None

    def _chain(self, text: str, i: int) -> int:
        """End of the run of function parts (joined directly or by 和/与/及) from i."""
        m = self.run_re.match(text, i)
        return m.end() if m else i

    def _head(self, text: str, j: int) -> str | None:
        """The longest head at j, or None."""
        for n in self.head_lengths.get(text[j:j + 1], ()):
            if text[j:j + n] in self.heads:
                return text[j:j + n]
        return None

    def _functional(self, text: str, places: dict[int, int]) -> list[Cand]:
        """Function parts + head, scanned left to right once: a run of parts without a head
        is skipped whole, and so is a place (a chain does not start inside its name)."""
        out = []
        place_at = {start: end for end, start in places.items()}
        jumps = iter(sorted(place_at))
        jump = next(jumps, len(text))  # no part begins at the end
        i = 0
        run = self.run_re.match
        for pos in self.openings.positions(text):
            while jump <= pos:  # the places begun by pos
                if jump >= i and place_at[jump] > jump:
                    i = place_at[jump]
                jump = next(jumps, len(text))
            if pos < i or (m := run(text, pos)) is None:
                continue
            end = m.end()
            head = self._head(text, end)
            if head is not None:
                cand = self._checked(text, pos, end, head, places)
                if cand is not None:
                    out.append(cand)
                end += len(head)
            i = end
        return out

    def _checked(self, text: str, i: int, body_end: int, head: str, places: dict[int, int]) -> Cand | None:
        """The body (its parts from i to body_end, then the head) as a candidate, or None:
        a weak head (中心, 网) needs a place or level in front; a strong one inside a phrase
        too, unless it has two parts or more (内部监督委员会 is none, 城市管理局 is one); a
        one-character head must not begin a word with what follows (研究科协)."""
        end = body_end + len(head)
        sub, strength = self.heads[head]
        after = text[end:end + 1]
        words = self.lex.words
        if (len(head) == 1 and after and after != head and head + after in words and head + after not in _TITLES
                and text[end:end + 2] not in words):
            return None  # 研究科协改革; not 建委会同 (会同 is a word)
        start = self.prefix(text, i, places)
        if start == i:
            if strength == "weak":
                return None
            if i > 0 and is_cjk(text[i - 1]) and (end - i <= 3 or self.part_re.match(text, i).end() == body_end):
                return None  # 内部监督委员会, 履行河长办职责: no body named
        return Cand(start, end, "ORG", sub, "structure")

    def _bare(self, text: str, places: dict[int, int]) -> list[Cand]:
        """区政府, 市法院, 街道办事处 (a bare head after a place or level), 区府."""
        out = []
        for m in self.bare_re.finditer(text):
            start = self.prefix(text, m.start(), places)
            if start < m.start():
                out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        for m in _SHORT_GOV.finditer(text):
            start = self.prefix(text, m.start() + 1, places)
            if start < m.start() + 1 or self.read.boundary_before(text, m.start()):
                out.append(Cand(min(start, m.start()), m.end(), "ORG", "government", "structure"))
        return out

    def _congress(self, text: str, places: dict[int, int]) -> list[Cand]:
        """县十六届人大, 县人大常委会: a people's congress with its place or level."""
        out = []
        for m in _CONGRESS.finditer(text):
            start = self.prefix(text, m.start(), places)
            if start < m.start():
                out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        return out

    def _party(self, text: str, places: dict[int, int]) -> list[Cand]:
        """市委, 区委 (with their place), and Party departments standing alone."""
        out = []
        for m in self.level_party_re.finditer(text):
            start = self.prefix(text, m.start() + 1, places)
            if start == m.start() + 1:
                start = m.start()
            if start > 0 and text[start - 1] == "党":
                continue
            out.append(Cand(start, m.end(), "ORG", "party", "structure"))
        for m in self.standalone_party_re.finditer(text):
            start = self.prefix(text, m.start(), places)  # 区纪委, or 纪委 standing alone
            if start < m.start() or self.read.boundary_before(text, m.start()):
                out.append(Cand(start, m.end(), "ORG", "party", "structure"))
        return out

    def prefix(self, text: str, pos: int, places: dict[int, int]) -> int:
        """Extend a body leftwards over 中共 / a place / a level."""
        start = pos
        while True:
            if start in places and places[start] < start:
                start = places[start]
            elif start > 0 and text[start - 1] in LEVEL_PREFIX and self._level_alone(text, start - 1):
                start -= 1  # 市财政局, 负责市科协; not 城市科协, 开发区管委会 (城市, 开发区 are words)
            elif text[max(0, start - 2):start] in _NATIONAL:
                start -= 2
            else:
                return start

    def _level_alone(self, text: str, i: int) -> bool:
        """Is the level character at i a word of its own (会同区财政局), not the end of
        one (城市科协) nor after a determiner (各区, 该市: no one body)?"""
        words, boundary = self.lex.words, self.lex.boundary
        if i > 0 and text[i - 1] in self.lex.generic:
            return False
        if i == 0 or text[i - 1] in boundary or text[max(0, i - 2):i] in boundary:
            return True
        return text[i - 1:i + 1] not in words and text[max(0, i - 2):i + 1] not in words
