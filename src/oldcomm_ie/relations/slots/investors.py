"""Bodies that fund a project: named organizations and generic funders (社会资本, 居民)."""
from __future__ import annotations

import regex

from ..records import relation
from ..scopes import Span
from ..tables import Tables

_PAYS = regex.compile(r"[^，。；]{0,8}?(?:出资|投资|投入|注资)")


def fill_investors(t: Tables, text: str, sent: Span, ents, records, relations, owner) -> None:
    """An organization followed by an investing verb in its clause (or introduced by
    引入/由); a government body only where it pays (区政府共同出资…)."""
    sentence = text[sent.start:sent.end]
    in_sent = ents.within(sent)
    for e in in_sent:
        if e["label"] != "ORG":
            continue
        paying = e["subtype"] in ("company", "bank", "other") or _PAYS.match(text, e["end"])
        if paying and _invests(t, text, e["end"], sent):
            m = owner(e["start"])
            if records[m.key].add("investors", text[e["start"]:e["end"]]):
                relations.append(relation("INVESTOR", (m.start, m.end), (e["start"], e["end"]), sent))
    for mm in t.investor_re.finditer(sentence):
        start, end = sent.start + mm.start(), sent.start + mm.end()
        if any(e["start"] <= start < e["end"] for e in in_sent):
            continue
        if regex.match(r"\s*(?:以[^，。]{0,8}方式)?[^，。]{0,6}?(?:投入|出资|投资)", text[end:sent.end]):
            m = owner(start)
            if records[m.key].add("investors", mm.group(0)):
                relations.append(relation("INVESTOR", (m.start, m.end), (start, end), sent))


def _invests(t: Tables, text: str, pos: int, sent: Span) -> bool:
    """Does an investing verb follow the organization within its clause (X与Y投入…)?"""
    clause_end = regex.search(r"[，,。；;]", text[pos:sent.end])
    stop = pos + clause_end.start() if clause_end else sent.end
    window = text[pos:stop]
    before = text[max(sent.start, pos - 30):pos]
    return bool(t.trigger_re["INVESTOR"].search(window)) or bool(regex.search(r"(?:引入|引进|由)[^，。]*$", before))
