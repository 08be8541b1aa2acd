"""Bodies that fund a project: named organizations and generic funders (社会资本, 居民)."""
from __future__ import annotations

import regex

from ..records import relation
from ..scopes import Span
from ..tables import Tables

_AS_A_WAY = regex.compile(r"(?:以|通过|采取|采用)$")
_PAYS = regex.compile(r"[^，。；]{0,8}?(?:出资|投资|投入|注资)")
_PUTS_IN = regex.compile(r"\s*(?:以[^，。]{0,8}方式)?[^，。]{0,6}?(?:投入|出资|投资)")
_CLAUSE_END = regex.compile(r"[，,。；;]")
_BROUGHT_IN = regex.compile(r"(?:引入|引进|由)[^，。]*$")


def fill_investors(t: Tables, text: str, sent: Span, in_sent: list[dict], records, relations, owner) -> None:
    """An organization followed by an investing verb in its clause (or introduced by
    引入/由); a government body only where it pays (区政府共同出资…); the owner or tenderer
    (招标人, 建设单位); in a loan, the bank and the borrower; never a contractor (in_sent:
    the sentence's entities)."""
    sentence = text[sent.start:sent.end]
    lending = t.trigger_re["LOAN"].search(sentence) is not None
    for e in in_sent:
        if e["label"] != "ORG":
            continue
        role = _role_before(t, text, e, sent)
        if role == "CONTRACTOR":
            continue  # 中标人, 施工单位: they build, they put no money in
        paying = e["subtype"] in ("company", "bank", "other") or _PAYS.match(text, e["end"])
        lends = lending and e["subtype"] in ("bank", "company")  # the bank and the borrower
        if role == "OWNER" or lends or _owns(t, text, e["end"], sent) or (paying and _invests(t, text, e["end"], sent)):
            m = owner(e["start"])
            if records[m.key].add("investors", text[e["start"]:e["end"]]):
                relations.append(relation("INVESTOR", (m.start, m.end), (e["start"], e["end"]), sent))
    for mm in t.investor_re.finditer(sentence):
        start, end = sent.start + mm.start(), sent.start + mm.end()
        if any(e["start"] <= start < e["end"] for e in in_sent) or _AS_A_WAY.search(text, sent.start, start):
            continue  # 以企业投资的方式: a way of funding (a model), no funder
        if _PUTS_IN.match(text[end:sent.end]):
            m = owner(start)
            if records[m.key].add("investors", mm.group(0)):
                relations.append(relation("INVESTOR", (m.start, m.end), (start, end), sent))


def _invests(t: Tables, text: str, pos: int, sent: Span) -> bool:
    """Does an investing verb follow the organization within its clause (X与Y投入…)?"""
    clause_end = _CLAUSE_END.search(text[pos:sent.end])
    stop = pos + clause_end.start() if clause_end else sent.end
    window = text[pos:stop]
    before = text[max(sent.start, pos - 30):pos]
    return bool(t.trigger_re["INVESTOR"].search(window)) or bool(_BROUGHT_IN.search(before))


def _role_before(t: Tables, text: str, e: dict, sent: Span) -> str | None:
    """OWNER or CONTRACTOR when the organization's clause names its part before it
    (招标人：…, 施工单位为…)."""
    start = max([sent.start] + [text.rfind(c, sent.start, e["start"]) + 1 for c in "，,；;。"])
    window = text[max(start, e["start"] - 12):e["start"]]
    found = [(m.end(), rel) for rel in ("OWNER", "CONTRACTOR") for m in t.trigger_re[rel].finditer(window)]
    return max(found)[1] if found else None


def _owns(t: Tables, text: str, pos: int, sent: Span) -> bool:
    """Does the organization's clause make it the owner or tenderer (X正在…公开招标)?"""
    clause_end = _CLAUSE_END.search(text[pos:sent.end])
    stop = pos + clause_end.start() if clause_end else sent.end
    return t.trigger_re["OWNER_AFTER"].search(text, pos, stop) is not None
