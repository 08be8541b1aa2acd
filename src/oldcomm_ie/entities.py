"""Organizations, places (with administrative level) and projects, by rules.

Three sources of candidates, all over the clean text:
- the gazetteer (provinces, cities, districts, streets from the national division list,
  found with one Aho-Corasick pass; communities from a memory-mapped trie, checked at the
  end of suffix candidates and right after their street);
- suffix rules: a name read leftwards from a suffix (…小区, …有限公司, …项目) until a
  boundary word, punctuation or the length limit, keeping a place right before it;
- structure rules for Party and government bodies (place or level + functions + 局/委 …)
  and sub-bodies that attach to what precedes them (…党委, …分行).
Overlaps are resolved one way: the longest span wins, and on equal length ORG beats
PROJECT beats PLACE; an ORG that contains a place keeps it inside (one entity).
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import marisa_trie
import regex
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from .layout import doc_text
from .tables import data_rows, load_trie

LABEL_RANK = {"ORG": 3, "PROJECT": 2, "PLACE": 1}
LEVEL_PREFIX = "市区县省镇乡"


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@dataclass(frozen=True)
class Cand:
    start: int
    end: int
    label: str
    subtype: str | None
    source: str  # gazetteer, suffix, structure, alias, pattern


class Gazetteer:
    """Administrative places, world places and the extra table, in one automaton."""

    def __init__(self) -> None:
        self.auto = ahocorasick.Automaton()
        self.parent: dict[int, int] = {}
        self.children: dict[int, dict[str, tuple[int, str]]] = {}  # row → street short → (row, level)
        entries: dict[str, list[tuple[str, int, bool]]] = {}   # surface → [(level, row, needs_context)]
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
        for surface, values in entries.items():
            self.auto.add_word(surface, (surface, tuple(values)))
        self.auto.make_automaton()
        self.communities = load_trie("communities.marisa", marisa_trie.RecordTrie("<i"))

    def find(self, text: str) -> list[tuple[int, int, tuple]]:
        """(start, end, readings) for every gazetteer name in text; a reading is
        (level, row, needs_context)."""
        return [(end - len(surface) + 1, end + 1, values) for end, (surface, values) in self.auto.iter(text)]

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
        for name in self.communities.prefixes(_cjk_run(text[pos:pos + 14])):
            if (street_row,) in self.communities[name]:
                best = max(best, len(name))
        return best

    def is_community(self, name: str) -> bool:
        return name == _cjk_run(name) and name in self.communities


def _cjk_run(text: str) -> str:
    """The leading run of Chinese characters: all a community name can hold, and all the
    trie may be asked (marisa reads strings as C strings: a NUL byte breaks its lookups,
    found by fuzzing)."""
    for i, ch in enumerate(text):
        if not _is_cjk(ch):
            return text[:i]
    return text


STREET_SUFFIXES = ("街道", "镇", "乡", "苏木", "办事处")
ADMIN_ENDINGS = set("省市区县道镇乡州旗")
# Roads are often named with everyday words (人民路, 解放路), so they skip that check.
ROAD_SUFFIXES = {"路", "街", "正街", "大道", "大街", "巷"}
# Place suffixes that are words on their own (社区 alone names no place).
SUFFIX_WORDS = {"社区", "小区", "街道", "村", "镇", "乡", "区", "县", "市", "城区", "新区", "老城区"}


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
        self.place_suffix = {s: (sub, int(lo), int(hi)) for s, sub, lo, hi in data_rows("place_suffixes.tsv")}
        self.org_suffix = {s: (sub, rule) for s, sub, rule in data_rows("org_suffixes.tsv")}
        self.functions = sorted(words("gov_functions.txt"), key=len, reverse=True)
        self.org_names = {row[0]: (row[1], len(row) > 2 and row[2] == "prefix") for row in data_rows("org_names.tsv")}
        self.banks = {short: full for short, full in data_rows("bank_aliases.tsv")}

    def word_before(self, text: str, i: int, floor: int = 0) -> int:
        """Backward maximum matching: the length of the dictionary word ending at i."""
        for n in (4, 3, 2):
            if i - n >= floor and text[i - n:i] in self.words:
                return n
        return 1


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


class EntityFinder:
    """All candidates in a clean text, resolved to one layer of entities."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gaz = gazetteer
        self.lex = lexicon
        by_rule: dict[str, list[str]] = {"scan": [], "head": [], "attach": []}
        for suffix, (_, rule) in lexicon.org_suffix.items():
            by_rule[rule].append(suffix)
        self.scan_re = regex.compile(_alternation(by_rule["scan"]))
        funcs = _alternation(lexicon.functions)
        # 住房和城乡建设委员会, 人力社保局, 发展改革委: functions joined by 和/与, then a head
        self.head_re = regex.compile(f"(?:{funcs})(?:[和与及](?:{funcs}))*(?:{_alternation(by_rule['head'])})")
        self.bare_head_re = regex.compile("人民政府|政府|人大常委会|人民法院|法院|人民检察院|检察院|"
                                          "办事处|管委会|常委会")
        self.level_party_re = regex.compile(f"[{LEVEL_PREFIX}]委(?!员)")
        self.attach_re = regex.compile(_alternation(by_rule["attach"]))
        self.standalone_party_re = regex.compile("宣传部|组织部|统战部|政法委|纪委|纪工委")
        self.place_suffix_re = regex.compile(_alternation(lexicon.place_suffix))
        self.names_re = regex.compile(_alternation(lexicon.org_names))
        self.banks_re = regex.compile(_alternation(lexicon.banks))
        self.project_re = regex.compile(r"(?:改造项目|示范项目|试点项目|项目|工程)")
        self.renovation_re = regex.compile(r"(?:老旧小区|小区)?(?:综合)?(?:改造|整治提升|有机更新)(?![项工提中])")
        self.alias_re = regex.compile(r"[（(]\s*(?:以下)?(?:简称|下称)[“\"「]?([^）)”\"」，,]{2,10})[”\"」]?\s*[)）]")
        self.quoted_project_re = regex.compile(
            r"(?:打造|命名为|取名为?|品牌|名为|称为|称之为|项目)[“\"「]([^”\"」，。]{2,10})[”\"」]")
        self.extra_re = regex.compile(
            r"(?<=[在来赴驻入返回离抵访])(?:" + _alternation(gazetteer.after_only) + ")")

    # -- reading a name leftwards ----------------------------------------------------------
    def _left(self, text: str, end: int, lo: int, hi: int, kind: str, places: dict[int, int],
              stops: set[int] = frozenset(), road: bool = False) -> int:
        """Start of a name whose body ends at `end`, read word by word leftwards; -1 when
        the body is shorter than lo.  kind: "place", "org" or "project".
        A place (ending in `places`) is taken whole by organizations and projects and
        begins their name unless another place stands right before it; `stops` (ends of
        administrative places and amounts) end the name.  `road`: a road name may begin
        with a verb (建设路), other places may not."""
        i = end
        took_place = False
        while i > 0 and end - i < hi:
            if i in stops:
                break
            if kind != "place" and i in places:
                i = places[i]
                took_place = True
                continue
            if took_place:
                break
            ch = text[i - 1]
            if not _is_cjk(ch):
                if kind == "project" and (ch.isdigit() or (ch.isascii() and ch.isalpha())):
                    i -= 1
                    continue
                break
            if ch == "年" and text[i - 2:i - 1].isdigit():
                if kind == "project":
                    i -= 1
                    continue
                break
            n = self.lex.word_before(text, i)
            if n > 1 and text[i - n] == "年" and text[i - n - 1:i - n].isdigit():
                n -= 1  # 2021年|老旧: a dictionary word (年老) must not swallow a date's 年
            word = text[i - n:i]
            if word[0] in _NEGATIONS:
                break  # 不出社区: a negated verb phrase
            verb = word in self.lex.verbs or word[-2:] in self.lex.verbs  # 积极参与: a phrase ending in a verb
            if kind == "place" and (end - i >= lo or not road) and (verb or word in self.lex.generic):
                break  # 促进|老旧小区; a road may carry a verb (建设路), a housing estate does not
            if kind == "org" and word in self.lex.verbs and self._clause_start(text, i - n):
                break  # ，聘请|物业公司: a verb opening the clause is no part of the name
            if kind == "project" and ((word in self.lex.verbs and word not in _NAME_ACTIONS)
                                      or word in _PROJECT_STOPS):
                break  # 启动|城市品质提升项目, 首个|老旧小区改造项目
            locative = kind != "place" and n == 1 and ch in _LOCATIVES  # 中交: no boundary in a name
            if word in self.lex.boundary and not locative and not (kind != "place" and word in self.lex.action):
                break
            if end - (i - n) > hi:
                break
            i -= n
        return i if end - i >= lo else -1

    def _clause_start(self, text: str, i: int) -> bool:
        if i == 0 or not _is_cjk(text[i - 1]):
            return True
        n = self.lex.word_before(text, i)
        return text[i - n:i] in self.lex.boundary

    def _everyday(self, body: str) -> bool:
        """问题, 基层, 休闲: a name part made only of everyday words (longest match)."""
        i = 0
        while i < len(body):
            for n in range(min(4, len(body) - i), 1, -1):
                piece = body[i:i + n]
                if piece in self.lex.everyday or piece in self.lex.generic:
                    i += n
                    break
            else:
                return False
        return bool(body)

    def _generic(self, body: str) -> bool:
        """该, 项目, 地方国有 …: a name part made only of generic words."""
        i = 0
        while i < len(body):
            for n in range(min(5, len(body) - i), 0, -1):
                if body[i:i + n] in self.lex.generic:
                    i += n
                    break
            else:
                return False
        return True

    # -- places ------------------------------------------------------------------------------
    def gazetteer_places(self, text: str) -> list[Cand]:
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
            if reading is None:
                continue
            level, row = reading
            out.append(Cand(start, end, "PLACE", level, "gazetteer"))
            kids = self.gaz.children.get(row) if row >= 0 else None
            if kids:  # 南岸区铜元局: a street's short form right after its district
                for n in range(6, 1, -1):
                    hit = kids.get(text[end:end + n])
                    if hit and not text.startswith(("区", "县", "街道", "镇"), end + n):
                        out.append(Cand(end, end + n, "PLACE", hit[1], "gazetteer"))
                        break
            if level == "street" and row >= 0:
                n = self.gaz.community_at(text, end, row)
                if n:
                    out.append(Cand(end, end + n, "PLACE", "community", "gazetteer"))
        for m in self.extra_re.finditer(text):
            if text[m.start():m.end() + 1] not in self.lex.words:
                out.append(Cand(m.start(), m.end(), "PLACE", self.gaz.after_only[m.group(0)], "gazetteer"))
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

    def suffix_places(self, text: str, hard: set[int], adjacent: dict[int, int]) -> list[Cand]:
        """…小区, …社区, …路: read leftwards, stopping at an administrative place or an
        amount before it.  A place standing right against the suffix is part of the
        name (长江村, 南桥苑小区, 南坪正街)."""
        out = []
        matches = list(self.place_suffix_re.finditer(text))
        soft = {m.end(): m.start() for m in matches}
        for m in matches:
            sub, lo, hi = self.lex.place_suffix[m.group(0)]
            suffix, end = m.group(0), m.end()
            if self._continues(text, m):
                continue  # 路演, 站位, 花园洋房: the suffix begins another word
            body_end = m.start()
            if body_end in adjacent and body_end not in hard:
                body_end = adjacent[body_end]
            elif body_end in soft:
                body_end = soft[body_end]
            stops = _Stops(hard, soft, m.start())
            start = self._left(text, body_end, 0, hi, "place", {}, stops, road=suffix in ROAD_SUFFIXES)
            if start < 0 or m.start() - start < lo:
                continue
            if start < 0:
                continue
            if sub == "community":
                known = self._known_community(text, start, end)
                if known >= 0:
                    start = known
                elif suffix == "村" and start not in stops:
                    continue  # 村 alone is a common word (农村, 城中村): only after a known place
            body = text[start:m.start()]
            numbered = text[m.start() - 1:m.start()] in "一二三四五六七八九十"  # 中山四路
            last2 = text[m.start() - 1:end] if len(suffix) == 1 and not numbered else ""
            if last2 in self.lex.common or text[start:end] in self.lex.common:
                continue
            numbered = _ORDINAL_BODY.fullmatch(body) is not None and start in stops  # 街道第一社区
            if suffix not in ROAD_SUFFIXES and not numbered and (self._generic(body) or self._everyday(body)):
                continue  # 问题小区, 基层社区, 休闲广场: a description, not a name
            if text[start:end] in self.lex.idioms or self._quoted_slogan(text, start, end):
                continue  # 一带一路, 一核三带六园区: a slogan, not a place
            if suffix == "示范区" and not text.startswith("位于", end) and text[start - 1:start] != "在":
                out.append(Cand(start, end, "PROJECT", None, "suffix"))  # a demonstration area is a project
                continue
            out.append(Cand(start, end, "PLACE", sub, "suffix"))
        return out

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

    # -- organizations -----------------------------------------------------------------------
    def organizations(self, text: str, places: dict[int, int], hard: set[int]) -> list[Cand]:
        out = []
        for m in self.scan_re.finditer(text):
            sub, _ = self.lex.org_suffix[m.group(0)]
            body_end = m.start()
            if text[body_end - 1:m.end()] in self.lex.everyday:
                continue  # 中小学, 合资公司: the suffix is the end of an everyday word
            br = _BRACKET_BEFORE.search(text, max(0, body_end - 8), body_end)
            inner_end = br.start() if br else body_end  # 建融住房服务(重庆)有限责任公司
            start = self._left(text, inner_end, 2, 16, "org", places, hard)
            if start < 0:
                continue
            body = text[start:inner_end]
            if sub != "bank" and (self._generic(body) or body in self.lex.common or body in self.lex.verbs):
                continue
            out.append(Cand(start, m.end(), "ORG", sub, "suffix"))
        for m in self.names_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            sub, needs_prefix = self.lex.org_names[m.group(0)]
            if needs_prefix and start == m.start():
                continue  # 科协, 政协 alone name a kind of body; 市科协, 全国政协 name one
            out.append(Cand(start, m.end(), "ORG", sub, "structure"))
        for m in self.banks_re.finditer(text):
            if m.start() == 0 or not _is_cjk(text[m.start() - 1]) or text[m.start() - 1] in self.lex.boundary:
                out.append(Cand(m.start(), m.end(), "ORG", "bank", "structure"))
        for m in self.head_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            if start == m.start() and len(m.group(0)) <= 3 and m.start() > 0 and _is_cjk(text[m.start() - 1]):
                continue  # 建委, 外办 need a level or a place in front unless they stand alone
            out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        for m in self.bare_head_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            if start < m.start():
                out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        for m in self.level_party_re.finditer(text):
            start = self._prefix(text, m.start() + 1, places)
            if start == m.start() + 1:
                start = m.start()
            if start > 0 and text[start - 1] == "党":
                continue
            out.append(Cand(start, m.end(), "ORG", "party", "structure"))
        for m in self.standalone_party_re.finditer(text):
            if m.start() == 0 or not _is_cjk(text[m.start() - 1]) or text[m.start() - 1] in self.lex.boundary:
                out.append(Cand(m.start(), m.end(), "ORG", "party", "structure"))
        return out

    def _prefix(self, text: str, pos: int, places: dict[int, int]) -> int:
        """Extend a government or party head leftwards over 中共 / a place / a level."""
        start = pos
        while True:
            if start in places:
                start = places[start]
            elif start > 0 and text[start - 1] in LEVEL_PREFIX and text[max(0, start - 2):start] not in self.lex.words:
                start -= 1  # 市财政局, 负责市科协; not 城市科协 (城市 is one word)
            elif text[max(0, start - 2):start] in ("中共", "国家", "全国", "中央"):
                start -= 2
            else:
                return start

    def _attach(self, text: str, cands: list[Cand], places: dict[int, int]) -> list[Cand]:
        """…党委, …宣传部, …分行, 外办, (行政学院): sub-bodies join what stands right before."""
        place_at = {start: end for end, start in places.items()}
        out = []
        for c in cands:
            cur = c
            while True:
                pos = cur.end
                m = self.attach_re.match(text, pos)
                if m is None and cur.label == "ORG" and pos in place_at:
                    b = _BRANCH.match(text, place_at[pos])  # 建设银行重庆市分行, 研究院重庆分院
                    if b:
                        cur = Cand(cur.start, b.end(), "ORG", cur.subtype, cur.source)
                        continue
                if m is not None:
                    sub = self.lex.org_suffix[m.group(0)][0]
                    if sub == "-":
                        sub = cur.subtype if cur.label == "ORG" else "government"
                    if sub == "bank" and cur.subtype != "bank":
                        break
                    cur = Cand(cur.start, m.end(), "ORG", sub, cur.source)
                    continue
                if cur.label != "ORG":
                    break
                h = self.head_re.match(text, pos) or self.level_party_re.match(text, pos)
                if h is not None and cur.subtype in ("government", "party"):
                    cur = Cand(cur.start, h.end(), "ORG", cur.subtype, cur.source)  # 市政府外办
                    continue
                committee = _PARTY_COMMITTEE.match(text, place_at[pos]) if pos in place_at else None
                if committee and cur.subtype in ("party", "other"):  # 民盟重庆市委, 民盟重庆市第六届委员会
                    cur = Cand(cur.start, committee.end(), "ORG", cur.subtype, cur.source)
                    continue
                pm = _BRACKETED.match(text, cur.end)
                if pm and _INSTITUTE.search(pm.group(0)):
                    cur = Cand(cur.start, pm.end(), "ORG", cur.subtype, cur.source)
                    continue
                break
            out.append(cur)
        return out

    # -- projects ------------------------------------------------------------------------------
    def projects(self, text: str, places: dict[int, int], place_cands: list[Cand]) -> list[Cand]:
        out = []
        by_start = sorted(place_cands, key=lambda c: c.start)
        starts = [c.start for c in by_start]

        def place_inside(a: int, b: int) -> bool:
            i = bisect.bisect_left(starts, a)
            while i < len(by_start) and by_start[i].start < b:
                if by_start[i].end <= b:
                    return True
                i += 1
            return False

        for m in self.project_re.finditer(text):
            start = self._left(text, m.start(), 2, 26, "project", places)
            if start < 0 or _in_title(text, start, m.end()):
                continue
            body = text[start:m.start()]
            if self._generic(body):
                continue
            if not place_inside(start, m.start()):
                continue  # a project is named by its place
            out.append(Cand(start, m.end(), "PROJECT", None, "suffix"))
        for c in place_cands:  # 荣昌区白象社区老旧小区综合改造: district + place + renovation
            m = self.renovation_re.match(text, c.end)
            if m and c.subtype in ("community", "compound", "street") and c.start in places:
                start = c.start
                while start in places and places[start] < start:
                    start = places[start]
                out.append(Cand(start, m.end(), "PROJECT", None, "structure"))
        for m in self.quoted_project_re.finditer(text):
            out.append(Cand(m.start(1), m.end(1), "PROJECT", None, "quoted"))
        return out

    # -- the whole pass ----------------------------------------------------------------------
    def places(self, text: str) -> list[Cand]:
        """The places alone (one layer), e.g. inside a project's name (cached: names recur)."""
        cache = self.__dict__.setdefault("_places_cache", {})
        if text not in cache:
            if len(cache) > 4096:
                cache.clear()
            gaz = self.gazetteer_places(text)
            hard = {c.end for c in gaz if c.subtype in ("province", "city", "district")}
            cache[text] = [c for c in _resolve(gaz + self.suffix_places(text, hard, _ends(gaz))) if c.label == "PLACE"]
        return cache[text]

    def find(self, text: str, patterns: list[Cand] = (), amounts: list[tuple[int, int]] = ()) -> list[Cand]:
        gaz = self.gazetteer_places(text)
        admin = {c.end for c in gaz if c.subtype in ("province", "city", "district")
                 or (c.subtype == "street" and text[c.end - 1] in ADMIN_ENDINGS)}
        hard = admin | {e for _, e in amounts}
        suffix = self.suffix_places(text, hard, _ends(gaz))
        places_all = _ends(_resolve(gaz + suffix))
        orgs = self.organizations(text, places_all, {e for _, e in amounts})
        orgs = self._attach(text, _resolve(orgs + gaz + suffix), places_all)
        projects = self.projects(text, places_all, gaz + suffix)
        chosen = _resolve(list(patterns) + orgs + projects + gaz + suffix)
        return self._aliases(text, chosen)

    def _aliases(self, text: str, chosen: list[Cand]) -> list[Cand]:
        """（简称建融住房）: the short form is the same organization wherever it recurs;
        a quoted project brand likewise."""
        defined = {}
        by_end = {c.end: c for c in chosen}
        for m in self.alias_re.finditer(text):
            ref = by_end.get(m.start()) or by_end.get(m.start() - 1)
            if ref is not None:
                defined[m.group(1)] = ref
        for c in chosen:
            if c.source == "quoted":
                defined.setdefault(text[c.start:c.end], c)
        if not defined:
            return chosen
        extra = []
        for name, ref in defined.items():
            for m in regex.finditer(regex.escape(name), text):
                extra.append(Cand(m.start(), m.end(), ref.label, ref.subtype, "alias"))
        return _resolve(chosen + extra)


_BRANCH = regex.compile("分行|支行|分院|分公司|分局|分会|办事处")
_NEGATIONS = set("不没未别莫")
_ORDINAL_BODY = regex.compile("第?[一二三四五六七八九十]+")
# Actions that are part of a project's name (老旧小区改造项目, 防洪治理工程).
_NAME_ACTIONS = {"改造", "更新", "有机更新", "整治", "提升", "建设", "修缮", "治理", "加装", "综合整治", "开发"}
_PROJECT_STOPS = {"首个", "首批", "多个", "一批", "一个", "这个", "那个", "各类", "多项", "该", "此", "本"}
_NUMERALS = set("一二三四五六七八九十百千两")
_LOCATIVES = set("中上下内外前后东西南北里")
_PARTY_COMMITTEE = regex.compile("(?:第[一二三四五六七八九十]+届)?委员会|委(?!员)")
_SET_PHRASE = regex.compile("特色|式现代化")
_SUFFIX_WORDS_RIGHT = {"市民", "市场", "市值", "区域", "区间", "区块", "县城", "镇上"}
_DIGIT_ROAD = regex.compile(r"[一二三四五六七八九十\d]*[路街巷道]")
_BRACKET_BEFORE = regex.compile(r"[（(][\u4e00-\u9fff]{2,4}[)）]$")
_BRACKETED = regex.compile(r"[（(][\u4e00-\u9fff]{2,8}[)）]")
_INSTITUTE = regex.compile(r"学院|中心|院|所|校")


class _Stops:
    """Where a place name read leftwards must stop: administrative places and amounts
    (`hard`), other suffix matches (`soft`) except the one the name ends in."""

    def __init__(self, hard: set[int], soft: dict[int, int], own: int):
        self.hard, self.soft, self.own = hard, soft, own

    def __contains__(self, i: int) -> bool:
        return i in self.hard or (i in self.soft and i != self.own)


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside a book or document title 《…》 (a title names a document, not a project)."""
    left = text.rfind("《", max(0, start - 40), start + 1)
    return left >= 0 and text.find("》", left, start) < 0 and "》" in text[end:end + 40]


def _ends(cands: list[Cand]) -> dict[int, int]:
    """end → start of the longest candidate ending there."""
    out: dict[int, int] = {}
    for c in cands:
        if c.end not in out or c.start < out[c.end]:
            out[c.end] = c.start
    return out


def _resolve(cands: list[Cand]) -> list[Cand]:
    """One layer: user patterns first, then longest first, ORG > PROJECT > PLACE on ties,
    the gazetteer before suffix rules."""
    order = sorted(set(cands), key=lambda c: (c.source != "pattern", -(c.end - c.start), -LABEL_RANK[c.label],
                                              c.source != "gazetteer", c.start))
    used = bytearray(max((c.end for c in cands), default=0) + 1)
    taken = []
    for c in order:
        if any(used[c.start:c.end]):
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


# --- the spaCy component ----------------------------------------------------------------

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


@lru_cache(maxsize=1)
def default_finder() -> EntityFinder:
    return EntityFinder(Gazetteer(), Lexicon())


@registry.misc("oldcomm_ie.entity_finder.v1")
def create_entity_finder() -> EntityFinder:
    """The finder with the packaged gazetteer and tables (loaded once per process)."""
    return default_finder()


class EntityRecognizer:
    """Writes doc._.entities (plain dicts, clean-text offsets) and doc.ents.

    Extend it without touching the package: `patterns` in the config (a JSONL file of
    {"label", "pattern", "subtype"} lines) or `nlp.get_pipe("oldcomm_entities").add_patterns([...])`.
    A user pattern wins over every rule candidate it overlaps.
    """

    def __init__(self, nlp: Language, name: str, finder: EntityFinder, patterns: str | None):
        self.name = name
        self.finder = finder
        self._patterns: list[dict] = []
        self._auto: ahocorasick.Automaton | None = None
        if patterns:
            self.add_patterns([json.loads(line) for line in Path(patterns).read_text(encoding="utf-8").splitlines()
                               if line.strip()])

    def add_patterns(self, patterns: list[dict]) -> None:
        """Exact strings to tag: [{"label": "ORG", "pattern": "某某集团", "subtype": "company"}]."""
        for p in patterns:
            if p.get("label") not in LABEL_RANK or not isinstance(p.get("pattern"), str) or not p["pattern"]:
                raise ValueError(f"a pattern needs label ORG/PLACE/PROJECT and a non-empty string pattern: {p!r}")
            self._patterns.append({"label": p["label"], "pattern": p["pattern"], "subtype": p.get("subtype")})
        auto = ahocorasick.Automaton()
        for p in self._patterns:
            auto.add_word(p["pattern"], (p["pattern"], p["label"], p["subtype"]))
        auto.make_automaton()
        self._auto = auto

    @property
    def patterns(self) -> list[dict]:
        return list(self._patterns)

    def _pattern_cands(self, text: str) -> list[Cand]:
        if self._auto is None:
            return []
        return [Cand(end - len(pat) + 1, end + 1, label, subtype, "pattern")
                for end, (pat, label, subtype) in self._auto.iter(text)]

    def _plain(self, text: str, c: Cand) -> dict:
        """The msgpack-safe form on the Doc; a project also lists the places its name holds
        (九龙坡区 and 红育坡片区 in 九龙坡区红育坡片区…项目), for the relation stage."""
        e = {"start": c.start, "end": c.end, "label": c.label, "subtype": c.subtype}
        if c.label == "PROJECT":
            e["places"] = [[c.start + p.start, c.start + p.end] for p in self.finder.places(text[c.start:c.end])]
        return e

    def __call__(self, doc: Doc) -> Doc:
        amounts = [(q["start"], q["end"]) for q in (doc._.quantities or ())] if Doc.has_extension("quantities") else []
        text = doc_text(doc)
        found = self.finder.find(text, self._pattern_cands(text), amounts)
        doc._.entities = [self._plain(text, c) for c in found]
        spans = [doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand") for c in found]
        doc.ents = filter_spans([s for s in spans if s is not None])
        return doc


@Language.factory(
    "oldcomm_entities",
    assigns=["doc._.entities", "doc.ents"],
    default_config={"finder": {"@misc": "oldcomm_ie.entity_finder.v1"}, "patterns": None},
)
def make_entities(nlp: Language, name: str, finder: EntityFinder, patterns: str | None):
    return EntityRecognizer(nlp, name, finder, patterns)
