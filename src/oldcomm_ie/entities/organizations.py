"""ORG candidates: names read leftwards from a company/institution suffix, listed names
and banks, structure rules for government and Party bodies (place or level + functions +
局/委 …), and sub-bodies that attach to what precedes them (…党委, …分行)."""
from __future__ import annotations

import regex

from ..chars import CJK_CLASS, is_cjk
from .reading import Reader, alternation
from .resolve import Cand

LEVEL_PREFIX = "市区县省镇乡"
_BRANCH = regex.compile("分行|支行|分院|分公司|分局|分会|办事处")
_PARTY_COMMITTEE = regex.compile("(?:第[一二三四五六七八九十]+届)?委员会|委(?!员)")
_BRACKET_BEFORE = regex.compile(rf"[（(][{CJK_CLASS}]{{2,4}}[)）]$")
_BRACKETED = regex.compile(rf"[（(][{CJK_CLASS}]{{2,8}}[)）]")
_INSTITUTE = regex.compile(r"学院|中心|院|所|校")


class OrgRules:
    """Organization candidates in a clean text, given the places found there."""

    def __init__(self, reader: Reader) -> None:
        self.read, self.lex = reader, reader.lex
        by_rule: dict[str, list[str]] = {"scan": [], "head": [], "attach": []}
        for suffix, (_, rule) in self.lex.org_suffix.items():
            by_rule[rule].append(suffix)
        self.scan_re = regex.compile(alternation(by_rule["scan"]))
        funcs = alternation(self.lex.functions)
        # 住房和城乡建设委员会, 人力社保局, 发展改革委: functions joined by 和/与, then a head
        self.head_re = regex.compile(f"(?:{funcs})(?:[和与及](?:{funcs}))*(?:{alternation(by_rule['head'])})")
        use = self.lex.org_suffix_use
        self.bare_head_re = regex.compile(alternation(s for s in use if use[s] == "bare"))
        self.level_party_re = regex.compile(f"[{LEVEL_PREFIX}]委(?!员)")
        self.attach_re = regex.compile(alternation(by_rule["attach"]))
        self.standalone_party_re = regex.compile(alternation(s for s in use if use[s] == "alone"))
        self.names_re = regex.compile(alternation(self.lex.org_names))
        self.banks_re = regex.compile(alternation(self.lex.banks))

    def find(self, text: str, places: dict[int, int], hard: set[int]) -> list[Cand]:
        """All organization candidates (overlapping; resolved later).  `places`: end →
        start of places; `hard`: ends of amounts, where no name may run across."""
        return (self._suffix_orgs(text, places, hard) + self._listed(text, places)
                + self._government(text, places) + self._party(text, places))

    def _suffix_orgs(self, text: str, places: dict[int, int], hard: set[int]) -> list[Cand]:
        """…有限公司, …研究院: the name read leftwards from the suffix."""
        out = []
        for m in self.scan_re.finditer(text):
            sub, _ = self.lex.org_suffix[m.group(0)]
            body_end = m.start()
            if text[body_end - 1:m.end()] in self.lex.everyday:
                continue  # 中小学, 合资公司: the suffix is the end of an everyday word
            br = _BRACKET_BEFORE.search(text, max(0, body_end - 8), body_end)
            inner_end = br.start() if br else body_end  # 建融住房服务(重庆)有限责任公司
            start = self.read.left(text, inner_end, 2, 16, "org", places, hard)
            if start < 0:
                continue
            body = text[start:inner_end]
            if sub != "bank" and (self.read.generic(body) or body in self.lex.common or body in self.lex.verbs):
                continue
            out.append(Cand(start, m.end(), "ORG", sub, "suffix"))
        return out

    def _listed(self, text: str, places: dict[int, int]) -> list[Cand]:
        """Names from the org-name table (with their place or level) and bank short forms."""
        out = []
        for m in self.names_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            sub, needs_prefix = self.lex.org_names[m.group(0)]
            if needs_prefix and start == m.start():
                continue  # 科协, 政协 alone name a kind of body; 市科协, 全国政协 name one
            out.append(Cand(start, m.end(), "ORG", sub, "structure"))
        for m in self.banks_re.finditer(text):
            if self.read.boundary_before(text, m.start()):
                out.append(Cand(m.start(), m.end(), "ORG", "bank", "structure"))
        return out

    def _government(self, text: str, places: dict[int, int]) -> list[Cand]:
        """市住房和城乡建设委员会, 区政府: functions + head, or a bare head after a place/level."""
        out = []
        for m in self.head_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            if start == m.start() and len(m.group(0)) <= 3 and m.start() > 0 and is_cjk(text[m.start() - 1]):
                continue  # 建委, 外办 need a level or a place in front unless they stand alone
            out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        for m in self.bare_head_re.finditer(text):
            start = self._prefix(text, m.start(), places)
            if start < m.start():
                out.append(Cand(start, m.end(), "ORG", "government", "structure"))
        return out

    def _party(self, text: str, places: dict[int, int]) -> list[Cand]:
        """市委, 区委 (with their place), and Party departments standing alone."""
        out = []
        for m in self.level_party_re.finditer(text):
            start = self._prefix(text, m.start() + 1, places)
            if start == m.start() + 1:
                start = m.start()
            if start > 0 and text[start - 1] == "党":
                continue
            out.append(Cand(start, m.end(), "ORG", "party", "structure"))
        for m in self.standalone_party_re.finditer(text):
            if self.read.boundary_before(text, m.start()):
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

    def attach(self, text: str, cands: list[Cand], places: dict[int, int]) -> list[Cand]:
        """…党委, …宣传部, …分行, 外办, (行政学院): sub-bodies join what stands right before."""
        place_at = {start: end for end, start in places.items()}
        out = []
        for c in cands:
            cur = c
            while (grown := self._grow(text, cur, place_at)) is not None:
                cur = grown
            out.append(cur)
        return out

    def _grow(self, text: str, cur: Cand, place_at: dict[int, int]) -> Cand | None:
        """cur with the sub-body right after it joined, or None when nothing attaches."""
        pos = cur.end
        m = self.attach_re.match(text, pos)
        if m is None and cur.label == "ORG" and pos in place_at:
            b = _BRANCH.match(text, place_at[pos])  # 建设银行重庆市分行, 研究院重庆分院
            if b:
                return Cand(cur.start, b.end(), "ORG", cur.subtype, cur.source)
        if m is not None:
            sub = self.lex.org_suffix[m.group(0)][0]
            if sub == "-":
                sub = cur.subtype if cur.label == "ORG" else "government"
            if sub == "bank" and cur.subtype != "bank":
                return None
            return Cand(cur.start, m.end(), "ORG", sub, cur.source)
        if cur.label != "ORG":
            return None
        h = self.head_re.match(text, pos) or self.level_party_re.match(text, pos)
        if h is not None and cur.subtype in ("government", "party"):
            return Cand(cur.start, h.end(), "ORG", cur.subtype, cur.source)  # 市政府外办
        committee = _PARTY_COMMITTEE.match(text, place_at[pos]) if pos in place_at else None
        if committee and cur.subtype in ("party", "other"):  # 民盟重庆市委, 民盟重庆市第六届委员会
            return Cand(cur.start, committee.end(), "ORG", cur.subtype, cur.source)
        pm = _BRACKETED.match(text, cur.end)
        if pm and _INSTITUTE.search(pm.group(0)):
            return Cand(cur.start, pm.end(), "ORG", cur.subtype, cur.source)
        return None
