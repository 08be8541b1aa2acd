"""Which division each place mention names, decided by the text around it.

A name alone is often ambiguous (five 鼓楼区, three 朝阳), and compounds, communities and
roads name no division at all; a reader places them by what the text says around them.
The rules, in the order they are tried (each mention records the one that decided it):

1. `unique`: the name (or its chain, 福州市鼓楼区) can be one division only.
2. `enclosing`: a longer name starts with divisions (九龙坡区红育坡片区): those enclose it.
3. `sibling`: two adjacent names of which exactly one pairing nests (鼓楼区东街街道).
4. `sentence`, `paragraph`, `document`: the candidate that lies within (or encloses) the
   divisions already resolved in the same sentence, else paragraph, else the document,
   deepest shared level first, then the number of mentions sharing it; a strict winner
   only.  Headline mentions count twice.
5. `shared part`: still tied, a name keeps what all its remaining candidates share (南昌,
   the city or the county, is in 南昌市 either way) and nothing more: an undecided 鼓楼区
   stays unresolved.
6. `nearest`: a compound, community or road takes the chain of the nearest resolved place
   of a higher level in the same sentence, else the same paragraph (what they share where
   that scope lists several of one level); named again, it keeps that place (`same name`).
7. `region`: else the article's region, the province (and city) holding more than half of
   the weight of the resolved mentions, when there is such a majority.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .divisions import RANK, Divisions

SENTENCE_END = re.compile(r"[。！？!?；;\n]")   # the standard re: a plain class, scanned faster
# The level rank of what a subtype names: a compound, community or road lies below a street.
SUBTYPE_RANK = {**RANK, "community": 4, "compound": 5, "other": 5}
# Government and Party bodies are named after the place they govern (福州市住建局): their
# leading division names count as evidence of the article's places; companies' do not.
EVIDENCE_ORGS = frozenset({"government", "party"})
MAX_ROUNDS = 3
# A community name shared by more streets than this (和平社区) decides nothing by itself,
# and scoring its candidates would cost more than it can tell.
MAX_COMMUNITY_STREETS = 256
NEAREST_LOOKAROUND = 64


@dataclass
class Mention:
    """A place named in the text: the divisions it can be and how it was decided."""

    start: int
    end: int
    surface: str
    rank: int                          # the level rank of what it names (SUBTYPE_RANK)
    cands: list[int] = field(default_factory=list)
    own: bool = False                  # the surface is the division's name (not a part of it)
    strong: bool = True                # candidates read from a division name, not a community list
    vague: bool = False                # a short form that is an everyday word: needs context
    weight: int = 1
    row: int | None = None
    rule: str = ""
    sentence: int = 0                  # its sentence and paragraph numbers (Scopes), set by resolve
    paragraph: int = 0

    @property
    def evidence(self) -> bool:
        """Resolved from its own text (not borrowed from neighbours): counts as context."""
        return self.row is not None and self.strong and bool(self.cands)


class Scopes:
    """Sentence and paragraph numbers of positions in the clean text, and the headline."""

    def __init__(self, text: str):
        self.sentence_ends = [m.start() for m in SENTENCE_END.finditer(text)]
        self.paragraph_ends = [i for i in self.sentence_ends if text[i] == "\n"]

    def sentence(self, pos: int) -> int:
        return bisect.bisect_left(self.sentence_ends, pos)

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_left(self.paragraph_ends, pos)

    def headline(self, pos: int) -> bool:
        """The first line of a text of several lines: a title or dateline."""
        return bool(self.paragraph_ends) and pos < self.paragraph_ends[0]


class Context:
    """Weighted counts of the divisions (and their ancestors) resolved so far, per
    sentence, per paragraph and for the document; a decided mention is counted once, when
    the counts are next brought up to date (a round reads the counts of its start)."""

    def __init__(self, div: Divisions, mentions: list[Mention]):
        self.div = div
        # the mentions that can become evidence (candidates read from a division name):
        # they count once decided; the others never do, and are not checked again
        self.pending = [m for m in mentions if m.strong and m.cands]
        # plain dicts of row → weight: a Counter costs a Python __init__ per sentence
        self.sentences: defaultdict[int, dict[int, int]] = defaultdict(dict)
        self.paragraphs: defaultdict[int, dict[int, int]] = defaultdict(dict)
        self.document: dict[int, int] = {}

    def update(self) -> None:
        still = []
        for m in self.pending:
            if m.row is None:
                still.append(m)
                continue
            path, weight = self.div.path(m.row), m.weight
            for counter in (self.sentences[m.sentence], self.paragraphs[m.paragraph], self.document):
                for r in path:
                    counter[r] = counter.get(r, 0) + weight
        self.pending = still

    def scopes(self, m: Mention):
        """The counters of m's sentence, paragraph and document, with the rule each decides by."""
        return ((self.sentences.get(m.sentence), "sentence"), (self.paragraphs.get(m.paragraph), "paragraph"),
                (self.document, "document"))


class Resolver:
    """Resolves every place mention of one document, then its projects."""

    def __init__(self, divisions: Divisions, use_region: bool = True):
        self.div = divisions
        self.use_region = use_region
        self._read: dict[tuple[str, str | None], Mention | None] = {}   # (surface, subtype) → its reading
        self._prefixes: dict[str, tuple[list, int]] = {}   # surface → its prefix_chain

    # --- reading a surface -----------------------------------------------------------------

    def mention(self, start: int, end: int, surface: str, subtype: str | None) -> Mention | None:
        """The mention with its candidate divisions; None for a place beyond any one
        division (a country, a major river).  A name a document writes again is read
        once (its candidates are shared, never changed)."""
        key = (surface, subtype)
        if key not in self._read:
            self._read[key] = self._reading(surface, subtype)
        r = self._read[key]
        if r is None:
            return None
        return Mention(start, end, surface, r.rank, r.cands, r.own, r.strong, r.vague, rule=r.rule)

    def prefix_chain(self, surface: str) -> tuple[list, int]:
        """Divisions.prefix_chain of a name, read once a document (a project or a body is
        named again and again; the result is only read)."""
        if surface not in self._prefixes:
            self._prefixes[surface] = self.div.prefix_chain(surface)
        return self._prefixes[surface]

    def _reading(self, surface: str, subtype: str | None) -> Mention | None:
        if self.div.is_beyond(surface):
            return None
        m = Mention(0, 0, surface, SUBTYPE_RANK.get(subtype or "other", 5))
        readings = self.div.lookup(surface, subtype)
        if readings and m.rank > RANK["street"] and all(r.vague or r.short for r in readings):
            return m   # 五一路 is a road, not the 五一路街道 named after it: placed by context
        if readings:
            m.cands, m.own = sorted({r.row for r in readings}), True
            m.vague = all(r.vague for r in readings)
            return m
        segments, pos = self.prefix_chain(surface)
        chain = self.div.nested(segments)
        rows = chain[-1] if chain else []
        if rows and pos == len(surface):
            m.cands, m.own, m.rule = rows, True, "enclosing"
            return m
        streets = self.div.community_streets(surface[pos:]) if m.rank >= SUBTYPE_RANK["community"] else []
        if len(streets) > MAX_COMMUNITY_STREETS:
            streets = []
        if rows:
            inside = [s for s in streets if any(self.div.within(s, r) for r in rows)]
            m.cands, m.rule = (inside or rows), "enclosing"
        elif streets:
            m.cands, m.strong, m.vague = streets, False, True
        return m

    # --- deciding ----------------------------------------------------------------------------

    def resolve(self, text: str, mentions: list[Mention]) -> dict[int, int]:
        """Decide every mention in place; returns the document's weighted division counter
        (the article region is read from it)."""
        scopes = Scopes(text)
        for m in mentions:
            m.weight = 2 if scopes.headline(m.start) else 1
            m.sentence, m.paragraph = scopes.sentence(m.start), scopes.paragraph(m.start)
            if len(m.cands) == 1 and not m.vague:
                m.row, m.rule = m.cands[0], m.rule or "unique"
        ordered = sorted(mentions, key=lambda m: m.start)
        self._siblings(ordered)
        context = Context(self.div, mentions)
        self._rounds(mentions, context)
        context.update()
        document = context.document
        shared = [m for m in mentions if m.row is None and m.cands and m.strong and not m.vague]
        for m in shared:
            m.row, m.rule = self._shared(m, document), "shared part"
        if shared:   # what they share (南昌市 of 南昌) may decide the vague ones
            self._rounds(mentions, context)
        context.update()   # the document's counts before rules 6 and 7 (they decide by no count)
        self._nearest(ordered, self.region(document))
        return document

    def _rounds(self, mentions: list[Mention], context: Context) -> None:
        """Rule 4 until nothing changes (a decided name is context for the next round);
        each round asks only the names still undecided."""
        undecided = [m for m in mentions if m.row is None and m.cands]
        for _ in range(MAX_ROUNDS):
            context.update()
            decided = [m for m in undecided if self._by_context(m, context)]
            if not decided:
                break
            undecided = [m for m in undecided if m.row is None]

    def _siblings(self, ordered: list[Mention]) -> None:
        """Adjacent names (福州市 鼓楼区, 鼓楼区 东街街道) decide each other when exactly one
        pairing of their candidates nests."""
        for a, b in zip(ordered, ordered[1:], strict=False):
            if b.start - a.end > 1 or not a.cands or not b.cands or (a.row is not None and b.row is not None):
                continue
            above = {a.row} if a.row is not None else set(a.cands)
            pairs = {(x, y) for y in ([b.row] if b.row is not None else b.cands)
                     for x in self.div.path(y) if x != y and x in above}   # x within y's path: y lies within x
            if len(pairs) == 1:
                (x, y), = pairs
                for m, row in ((a, x), (b, y)):
                    if m.row is None:
                        m.row, m.rule = row, "sibling"

    def _score(self, row: int, counter: dict[int, int]) -> tuple[int, int]:
        """(deepest level shared with the context + 1, weight there); (0, 0) for none."""
        for r in reversed(self.div.path(row)):
            if counter.get(r):
                return self.div.rank(r) + 1, counter[r]
        return 0, 0

    def _by_context(self, m: Mention, context: Context) -> bool:
        for counter, rule in context.scopes(m):
            if not counter:
                continue
            first = second = None   # the two best (score, candidate), in one pass (no sort)
            for c in m.cands:
                key = (self._score(c, counter), c)
                if first is None or key > first:
                    first, second = key, first
                elif second is None or key > second:
                    second = key
            best = first[0]
            if best > (0, 0) and (second is None or second[0] < best):
                m.row, m.rule = first[1], rule
                return True
        return False

    def _shared(self, m: Mention, document: dict[int, int]) -> int | None:
        """What the best-supported candidates (all of them when none is supported) share."""
        scored = [(self._score(c, document), c) for c in m.cands]
        best = max(s for s, _ in scored)
        return self.div.common([c for s, c in scored if s == best])

    def region(self, document: dict[int, int]) -> int | None:
        """The deepest province or city holding more than half of the resolved weight."""
        total = sum(w for r, w in document.items() if self.div.parent.get(r, -1) < 0)
        major = [r for r, w in document.items() if 2 * w > total and self.div.rank(r) <= RANK["city"]]
        return max(major, key=lambda r: len(self.div.path(r)), default=None)

    def _nearest(self, ordered: list[Mention], region: int | None) -> None:
        """Rules 6 and 7 for what is still unplaced and names no division of its own
        (ordered: the mentions in reading order)."""
        anchors = [m for m in ordered if m.evidence]
        starts = [a.start for a in anchors]
        numbers = {scope: [getattr(a, scope) for a in anchors] for scope in ("sentence", "paragraph")}
        placed: dict[str, int] = {}   # one name, one place: a compound named again later
        for m in ordered:   # beside another city's example
            if m.row is not None or (m.cands and m.strong and not m.vague):
                continue
            if m.surface in placed:
                m.row, m.rule = placed[m.surface], "same name"
                continue
            row, rule = self._anchor(m, anchors, starts, numbers), "nearest"
            if row is None and self.use_region and region is not None and self.div.rank(region) < m.rank:
                row, rule = region, "region"
            if row is not None:
                m.row, m.rule = row, rule
                if rule == "nearest":
                    placed[m.surface] = row

    def _anchor(self, m: Mention, anchors: list[Mention], starts: list[int],
                numbers: dict[str, list[int]]) -> int | None:
        """The nearest resolved place above m's level: same sentence, then same paragraph;
        before m first.  Where that scope names several places of the nearest one's level
        (five streets listed before the compounds of a project), what they share.
        `numbers`: the anchors' sentence and paragraph numbers, which grow with the
        position, so the anchors of m's scope are one run found by bisect."""
        i = bisect.bisect_left(starts, m.start)
        for scope in ("sentence", "paragraph"):
            at, numbered = getattr(m, scope), numbers[scope]
            lo = bisect.bisect_left(numbered, at, max(0, i - NEAREST_LOOKAROUND), i)
            hi = bisect.bisect_right(numbered, at, i, min(len(numbered), i + NEAREST_LOOKAROUND))
            here = [a for a in anchors[lo:i][::-1] + anchors[i:hi] if a is not m and self.div.rank(a.row) < m.rank]
            if here:
                rank = self.div.rank(here[0].row)
                return self.div.common([a.row for a in here if self.div.rank(a.row) == rank])
        return None
