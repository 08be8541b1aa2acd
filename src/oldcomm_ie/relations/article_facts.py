"""What an article states for its projects as a whole: headline places, a funding
programme it opens with, the addressee of an approval, a descriptive record where no name
is written, and amounts said twice counted once."""

from __future__ import annotations

import bisect

import regex

from .records import Record, relation
from .scopes import Page, Span
from .tables import Tables

_CLAUSE = regex.compile(r"[^，,。；;：:！？!?\s]+")


class ArticleFacts:
    """Article-wide rules that complete the records once the sentences are read."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    @staticmethod
    def drop_headline_repeats(page: Page, art: Span, recs: list[Record], qs, gone: set) -> None:
        """An outcome or an investment stated again (a headline's 11个小区 … 共11个, its
        贷款3亿元 … 投放贷款3亿元) counts once."""
        heads = [h for h, head in zip(page.paragraphs_in(art), page.headlines_in(art), strict=True) if head]
        if not heads:
            return
        value = {(q["start"], q["end"]): (q["value"], q["unit"]) for q in qs}
        starts = [h.start for h in heads]

        def in_head(span) -> bool:
            i = bisect.bisect_right(starts, span[0]) - 1
            return i >= 0 and span[0] < heads[i].end

        for rec in recs:
            outcomes = [(m, s) for m, s in _since(rec.outcomes, art.start, lambda o: o[1]) if s in value]
            money = [s for s in _since(rec.investments, art.start, lambda x: x) if s in value]
            body = {(metric, value[span]) for metric, span in outcomes if not in_head(span)}
            dropped = {span for metric, span in outcomes if in_head(span) and (metric, value[span]) in body}
            sums = {value[span] for span in money if not in_head(span)}
            dropped |= {span for span in money if in_head(span) and value[span] in sums}
            _drop(rec, dropped, gone)

    @staticmethod
    def drop_repeats(text: str, rec: Record, value: dict, gone: set) -> None:
        """The same outcome phrase twice (12个老旧小区 … 12个老旧小区), the same sum in the
        same role twice (总投资1.38亿元 … 总投资1.38亿元): each counts once."""
        dropped, seen = set(), set()
        for metric, span in rec.outcomes:
            said = (metric, value.get(span), text[span[1] : span[1] + 4])
            if said in seen:
                dropped.add(span)
            seen.add(said)
        for span in rec.investments:
            said = (value.get(span), rec.roles.get(span))
            if said in seen:
                dropped.add(span)
            seen.add(said)
        _drop(rec, dropped, gone)

    def lead_models(self, text: str, plan, recs: list[Record], relations) -> None:
        """A funding programme the article opens with (…下达中央资金的通知) funds every
        project it goes on to list."""
        if (
            not plan
            or plan[0][1] is not None
            or self.t.trigger_re["TOTAL"].search(text, plan[0][0].start, plan[0][0].end)
        ):
            return
        sent = plan[0][0]
        for mm in self.t.model_re.finditer(text, sent.start, sent.end):
            if mm.group(0) in self.t.always_models:
                for rec in recs:
                    if rec.add("models", self.t.models[mm.group(0)]):
                        relations.append(relation("MODEL", rec.mentions[0], (mm.start(), mm.end()), sent))

    def addressee(self, page: Page, art: Span, ents, rec: Record, relations) -> None:
        """An approval or a reply is addressed to the body that applied for the project
        (X：你们报来…): that body owns it."""
        text, paras = page.text, page.paragraphs_in(art)
        if not paras or self.t.trigger_re["APPROVAL"].search(text, paras[0].start, paras[0].end) is None:
            return
        for p in paras[1:3]:
            for e in ents.among(p):
                if e["label"] == "ORG" and e["start"] - p.start <= 2 and text[e["end"] : e["end"] + 1] in ":：":
                    if rec.add("investors", text[e["start"] : e["end"]]):
                        relations.append(relation("INVESTOR", rec.mentions[0], (e["start"], e["end"]), p))
                    return

    @staticmethod
    def headline_places(page: Page, art: Span, ents) -> list[tuple[str, tuple[int, int]]]:
        """Districts, cities and provinces in the article's headline: they place all its projects."""
        paras, heads = page.paragraphs_in(art), page.headlines_in(art)
        if not paras or not heads[0]:
            return []
        text, head = page.text, paras[0]
        return [
            (text[e["start"] : e["end"]], (e["start"], e["end"]))
            for e in ents.among(head)
            if e["label"] == "PLACE" and e.get("subtype") in ("province", "city", "district")
        ]

    def about_renovation(self, page: Page, art: Span, ents) -> bool:
        """Does the article's headline (or its first sentence) speak of renovating a place
        below the district (an estate, a community, a street, a road)?"""
        text, first = page.text, [sent for _, sent in page.sentences_in(art)[:1]]
        if (
            not first
            or self.t.trigger_re["RENOVATION"].search(text, first[0].start, first[0].end) is None
            or self.t.trigger_re["TOTAL"].search(text, first[0].start, first[0].end) is not None
        ):
            return False
        return any(
            e["label"] == "PLACE" and e.get("subtype") in ("street", "community", "compound", "other") for e in ents
        )

    def descriptive(self, text: str, art: Span, read, records, ents) -> str | None:
        """A record for an article about one renovation that writes no name: named by the
        phrase of its headline or first sentences that places it and speaks of it (from
        its first place to its last word of renovation); that clause and the next that
        speaks of renovating are its mentions."""
        places = [e for e in ents if e["label"] == "PLACE"]
        spans = []
        for _, sent, _ in read:
            for c in _CLAUSE.finditer(text, sent.start, sent.end):
                works = list(self.t.trigger_re["RENOVATION"].finditer(text, c.start(), c.end()))
                first = next((e for e in places if c.start() <= e["start"] and e["end"] <= c.end()), None)
                if works and (spans or (first is not None and works[-1].end() > first["end"])):
                    spans.append(((c.start(), c.end()), (first["start"], works[-1].end()) if not spans else None))
                    break
            if len(spans) == 2:
                break
        if not spans:
            return None
        name = text[slice(*spans[0][1])]
        key = f"{name}@{art.start}"
        rec = records[key] = Record(key, name)
        for clause, _ in spans:
            rec.add("mentions", clause)
        return key


def _since(items: list, start: int, span_of) -> list:
    """The items added since an article began: records fill in reading order, so they
    are the list's tail (read backwards, no scan of earlier articles' items)."""
    out = []
    for item in reversed(items):
        if span_of(item)[0] < start:
            break
        out.append(item)
    return out[::-1]


def _drop(rec: Record, dropped: set, gone: set) -> None:
    """Take amounts out of a record; their relations go once the document is read (gone)."""
    if not dropped:
        return
    rec.outcomes[:] = [(metric, span) for metric, span in rec.outcomes if span not in dropped]
    rec.investments[:] = [span for span in rec.investments if span not in dropped]
    gone |= dropped
