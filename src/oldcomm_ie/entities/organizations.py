"""ORG candidates: names read leftwards from a company/institution suffix, listed names
(national bodies, media), banks (banks.py), government and Party bodies by structure
(government.py), and sub-bodies that attach to what precedes them (…党委, …分行)."""
from __future__ import annotations

import regex

from ..chars import CJK_CLASS, is_cjk
from ..tables import data_rows, data_words
from .banks import BankRules
from .enumerations import units_as_compounds
from .government import GovernmentRules
from .openings import Openings
from .reading import Reader, alternation
from .resolve import Cand

_BRANCH = regex.compile("分行|支行|分院|分公司|分局|分会|办事处")
_PARTY_COMMITTEE = regex.compile("(?:第[一二三四五六七八九十]+届)?委员会|委(?!员)")
_BRACKET_BEFORE = regex.compile(rf"[（(][{CJK_CLASS}]{{2,4}}[)）]$")
_BRACKETED = regex.compile(rf"[（(][{CJK_CLASS}]{{2,8}}[)）]")
_INSTITUTE = regex.compile(r"学院|中心|院|所|校")
# A task body of a government body: 市住建局某某工作现场指挥部, 区政府某某领导小组办公室
_TASK_BODY = regex.compile(rf"[{CJK_CLASS}]{{0,14}}?(?:指挥部|领导小组办公室|领导小组|工作专班)")
_NEWS_SITE = regex.compile("网(?=讯|消息|报道)")  # 某某网讯: a site's dateline
_NUMERAL = "一二三四五六七八九十"
# A numbered bureau or institute of a state-owned group and its own companies
_NUMBERED_TAIL = (rf"[{_NUMERAL}]{{1,3}}(?:航务工程局|公路工程局|航局|公局|局|院|冶)(?:集团)?"
                  rf"(?:(?:第[{_NUMERAL}]{{1,3}}工程|[{CJK_CLASS}]{{0,4}}?)(?:有限责任公司|有限公司))?")


class OrgRules:
    """Organization candidates in a clean text, given the places found there."""

    def __init__(self, reader: Reader) -> None:
        self.read, self.lex = reader, reader.lex
        self.gov = GovernmentRules(reader)
        self.banks = BankRules(reader)
        self.scan = Openings({s for s, (_, rule) in self.lex.org_suffix.items() if rule == "scan"})
        attach = [s for s, (_, r) in self.lex.org_suffix.items() if r == "attach"]
        self.attach_re = regex.compile(alternation(attach))
        self.attach_first = frozenset(s[0] for s in attach)  # most ends are followed by none
        self.names = Openings(self.lex.org_names)
        roles = data_words("org_lead_roles.txt")
        verbs = data_words("org_lead_verbs.txt")
        self.lead_re = regex.compile(f"(?:{alternation(roles)})[为是系]|{alternation(verbs)}")
        housing = data_rows("org_not_before.txt")
        near = alternation(r[0] for r in housing if r[1:] == ["near"])
        # a housing word right after (宿舍), or a near one after a short name (某苑家属区)
        self.housing_re = regex.compile(rf"{alternation(r[0] for r in housing)}|[{CJK_CLASS}]{{1,4}}?(?:{near})")
        groups = [row[0] for row in data_rows("soe_groups.tsv")]
        self.numbered_re = regex.compile(f"(?:{alternation(groups)}){_NUMBERED_TAIL}")

    def find(self, text: str, places: dict[int, int], hard: set[int]) -> list[Cand]:
        """All organization candidates (overlapping; resolved later).  `places`: end →
        start of places; `hard`: ends of amounts, where no name may run across."""
        banks = self.banks.short_forms(text)
        suffix = self._suffix_orgs(text, places, hard)
        named = min((c.start for c in banks + suffix if c.subtype == "bank"), default=len(text))
        numbered = [Cand(m.start(), m.end(), "ORG", "company", "structure") for m in self.numbered_re.finditer(text)]
        return (suffix + self._listed(text, places) + banks + self.gov.find(text, places)
                + self.banks.standalone(text, places, named) + numbered)

    def _suffix_orgs(self, text: str, places: dict[int, int], hard: set[int]) -> list[Cand]:
        """…有限公司, …研究院, 某某新闻网讯: the name read leftwards from the suffix."""
        out = []
        ends = [(s, e, text[s:e]) for s, e in self.scan.scan(text)]
        ends += [(m.start(), m.end(), "新闻网") for m in _NEWS_SITE.finditer(text)]
        for body_end, end, suffix in ends:
            sub, _ = self.lex.org_suffix[suffix]
            if text[body_end - 1:end] in self.lex.everyday:
                continue  # 中小学, 合资公司: the suffix is the end of an everyday word
            br = _BRACKET_BEFORE.search(text, max(0, body_end - 8), body_end)
            inner_end = br.start() if br else body_end  # 某某住房服务(四川)有限责任公司
            start = self.read.left(text, inner_end, 2, 16, "org", places, hard)
            if start < 0:
                level = self.gov.prefix(text, inner_end, places)
                if sub == "other" and level < inner_end and inner_end - level <= 2:
                    out.append(Cand(level, end, "ORG", sub, "suffix"))  # 县融媒体中心, 市医院
                continue
            start = self._after_lead(text, start, inner_end)
            body = text[start:inner_end]
            if len(body) < 2 or self.read.generic(body) or body in self.lex.common or body in self.lex.verbs:
                continue
            if sub == "company" and "银行" in body:
                sub = "bank"  # 某某银行股份有限公司
            out.append(Cand(start, end, "ORG", sub, "suffix"))
        return out

    def _after_lead(self, text: str, start: int, end: int) -> int:
        """Where the name begins once what introduces it is cut off: a role (招标人为) or a
        verb of financing news (撬动, 携手) that no company name holds."""
        cut = start
        for lead in self.lead_re.finditer(text, start, end):
            cut = lead.end()
        return cut

    def _listed(self, text: str, places: dict[int, int]) -> list[Cand]:
        """Names from the org-name table (with their place or level)."""
        out = []
        words = self.lex.words
        for s, e in self.names.scan(text):
            sub, needs_prefix = self.lex.org_names[text[s:e]]
            if (e - s <= 2 and not needs_prefix and s > 0 and text[s - 1:s + 1] in words
                    and text[s - 1] not in self.lex.boundary):
                continue  # 居民进入 holds no 民进, 市民建设 no 民建
            if text[e - 1:e + 1] in self.lex.everyday:
                continue  # 财政部门, 教育部门: the name's end begins an everyday word
            start = self.gov.prefix(text, s, places)
            if needs_prefix and start == s:
                continue  # 科协, 政协 alone name a kind of body; 市科协, 全国政协 name one
            out.append(Cand(start, e, "ORG", sub, "structure"))
        return out

    def attach(self, text: str, cands: list[Cand], places: dict[int, int]) -> list[Cand]:
        """…党委, …宣传部, …分行, 外办, (行政学院): sub-bodies join what stands right before.
        A chain is walked once: where a candidate ends decides how far it grows, so
        the growth from each end is remembered (市委市委… stays linear)."""
        place_at = {start: end for end, start in places.items()}
        grown: dict[tuple[int, str, str | None], tuple[int, str | None]] = {}
        out = []
        for c in cands:
            if c.label != "ORG" and self._attached(text, c.end) is None:
                out.append(c)  # only a suffix makes a place or project a body (区|政府)
                continue
            path, key = [], (c.end, c.label, c.subtype)
            while key not in grown:
                step = self._grow(text, Cand(c.start, key[0], key[1], key[2], c.source), place_at)
                if step is None:
                    grown[key] = (key[0], key[2])
                    break
                path.append(key)
                key = (step.end, step.label, step.subtype)
            final = grown[key]
            for k in path:
                grown[k] = final
            if c.label == "ORG" and self.housing_re.match(text, final[0]):
                continue  # 某某公司宿舍: a compound named for a work unit
            out.append(c if final[0] == c.end else Cand(c.start, final[0], "ORG", final[1], c.source))
        return units_as_compounds(text, out)

    def _attached(self, text: str, pos: int):
        """The sub-body suffix right at pos (…党委, …分行), or None."""
        return self.attach_re.match(text, pos) if text[pos:pos + 1] in self.attach_first else None

    def _word_starts(self, text: str, i: int) -> bool:
        """Does a new word begin at i (not 办理 after 区政府办)?"""
        boundary = self.lex.boundary
        return not is_cjk(text[i:i + 1]) or text[i] in boundary or text[i:i + 2] in boundary

    def _grow(self, text: str, cur: Cand, place_at: dict[int, int]) -> Cand | None:
        """cur with the sub-body right after it joined, or None when nothing attaches."""
        pos = cur.end
        if cur.label == "ORG" and cur.subtype == "bank":
            end = self.banks.chain_end(text, pos, place_at)  # 农发行某省某市分行, 中行某地支行
            if end is not None:
                return Cand(cur.start, end, "ORG", "bank", cur.source)
        m = self._attached(text, pos)
        if m is None and cur.label == "ORG" and pos in place_at:
            b = _BRANCH.match(text, place_at[pos])  # 研究院成都分院
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
        if cur.subtype in ("government", "party"):
            body = self.gov.body_at(text, pos)
            if body is not None:  # 市政府外办, 区委城市工作办
                return Cand(cur.start, body[0], "ORG", cur.subtype, cur.source)
            if text[pos:pos + 1] == "办" and self._word_starts(text, pos + 1):
                return Cand(cur.start, pos + 1, "ORG", cur.subtype, cur.source)  # 区委办、区政府办
            task = _TASK_BODY.match(text, pos)
            if task and not any(ch in self.lex.boundary for ch in task.group(0)):
                return Cand(cur.start, task.end(), "ORG", cur.subtype, cur.source)
        committee = _PARTY_COMMITTEE.match(text, place_at[pos]) if pos in place_at else None
        if committee and cur.subtype in ("party", "other"):  # 民盟四川省委, 民盟某省第六届委员会
            return Cand(cur.start, committee.end(), "ORG", cur.subtype, cur.source)
        pm = _BRACKETED.match(text, cur.end) if text.startswith(("（", "("), cur.end) else None
        if pm and _INSTITUTE.search(pm.group(0)):
            return Cand(cur.start, pm.end(), "ORG", cur.subtype, cur.source)
        return None
