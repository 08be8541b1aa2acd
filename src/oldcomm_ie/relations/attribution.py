"""Which project a sentence that names none is about: the one its paragraph goes on
about, or its section's or article's only project (named in the headline or lead)."""
from __future__ import annotations

import bisect

from .records import Record
from .scopes import Page, Span, sections_of
from .tables import Tables


class Attribution:
    """Sentence-to-project attribution rules over an article's scopes."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def owners_of_sections(self, page: Page, art, plan, records, mine) -> dict[int, Record]:
        """The project a sentence naming none is about: its section's only project (a
        section runs from one subhead to the next) when the section's headline or lead
        names it, else the article's only project when the article's does."""
        sections = sections_of(page, art)
        # the plan entries of each section: a slice of the plan (both in reading order, and
        # the first section opens the article)
        at = [sent.start for sent, _, _ in plan]
        cuts = [bisect.bisect_left(at, sec.start) for sec in sections[1:]]
        by_section = [plan[lo:hi] for lo, hi in zip([0, *cuts], [*cuts, len(plan)], strict=True)]
        owner: dict[int, Record] = {}
        for scope, entries in [(art, plan)] + list(zip(sections, by_section, strict=False)):  # sections last: they win
            keys = mine if scope is art else list(dict.fromkeys(
                m.key for _, owners, direct in entries if direct for m in owners))
            named = [k for k in keys if records[k].kind == "project"]
            keys = named or keys  # an estate met in passing does not share a named project's article
            if len(keys) != 1 or not self.leads(page, scope, records[keys[0]]):
                continue
            rec = records[keys[0]]
            lead_end = self.lead_end(page, scope)
            for sent, _, _ in entries:  # before its first mention only in the headline and lead
                if sent.start >= rec.mentions[0][0] or sent.start < lead_end:
                    owner[sent.start] = rec
        return owner

    @staticmethod
    def lead_end(page: Page, scope: Span) -> int:
        """Where the scope's headlines and first body paragraph end."""
        for p, head in zip(page.paragraphs_in(scope), page.headlines_in(scope), strict=True):
            if not head:
                return p.end
        return scope.end

    def leads(self, page: Page, scope: Span, rec: Record) -> bool:
        """Is the project named in the scope's headlines or lead (the scope is about it)?"""
        return rec.mentioned_in(scope.start, self.lead_end(page, scope))

    def about_only(self, text: str, sent: Span, rec: Record, ents) -> bool:
        """Does a sentence of an article with one project speak of it: no programme total,
        and no clause opened by a district, city or province that is not the project's
        (福州市共改造…: another place's figures)?"""
        if self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end):
            return False
        known = " ".join(rec.places + [rec.name])
        for e in ents.among(sent):
            if e["label"] != "PLACE" or e.get("subtype") not in ("province", "city", "district") \
                    or text[e["start"]:e["end"]] in known:
                continue
            clause = max([sent.start] + [text.rfind(c, sent.start, e["start"]) + 1 for c in "，,；;：:"])
            if e["start"] - clause <= 3:
                return False
        return True

    def goes_on(self, text: str, sent: Span) -> bool:
        """Does the sentence open by going on about the last project (项目建设内容为…, 该项目…)?"""
        start = sent.start + len(text[sent.start:sent.end]) - len(text[sent.start:sent.end].lstrip())
        return self.t.union_re["GOES_ON"].match(text, start, sent.end) is not None

    def anaphoric(self, text: str, sent: Span) -> bool:
        return self.t.trigger_re["ANAPHOR"].search(text, sent.start, sent.end) is not None or \
            self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end) is None
