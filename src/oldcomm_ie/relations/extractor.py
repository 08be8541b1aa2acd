"""Reading a report article by article into relations and one record per project.

An article is read twice: first its mentions make the records (PROJECT names merged by
name variant, estates in a list or beside a named project become that project's places,
an article about one renovation with no name written gets a descriptive record), then
every sentence fills the slots of the project it speaks of: the one it mentions, the one
its paragraph goes on about, or the article's only project.
"""
from __future__ import annotations

import regex

from . import slots
from .mentions import MentionFinder, estate_stem, place_key
from .records import Mention, Record, relation
from .scopes import (
    Located,
    Span,
    articles,
    is_headline,
    paragraphs,
    sections_of,
    sentences,
)
from .slots.places import add_place
from .tables import Tables

_ALIAS_INTRO = regex.compile(r"(?:称之为|称为|命名为|取名为?|项目)[“\"「]$")
_CLAUSE = regex.compile(r"[^，,。；;：:！？!?\s]+")


class RelationExtractor:
    """Builds relations and project records from entities and quantities on a Doc."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self.mentions = MentionFinder(tables)

    def __call__(self, text: str, entities: list[dict], quantities: list[dict]):
        relations: list[dict] = []
        records: dict[str, Record] = {}
        all_ents, all_qs = Located(entities), Located(quantities)
        for art in articles(text):
            self._article(text, art, all_ents.within(art), all_qs.within(art), relations, records)
        value = {(q["start"], q["end"]): (q["value"], q["unit"]) for q in quantities}
        for rec in records.values():
            self._drop_repeats(text, rec, value, relations)
        return relations, [r.to_plain() for r in records.values() if r.mentions and self._described(r)]

    @staticmethod
    def _described(rec: Record) -> bool:
        """A record stands for a project the text describes with at least one fact: an
        estate met in passing, with nothing said of it but its name, makes none."""
        return rec.kind == "project" or len(rec.places) > 1 or any(
            (rec.investors, rec.investments, rec.models, rec.periods, rec.outcomes))

    def _read(self, text: str, art: Span, ents) -> list[tuple[Span, Span, list[Mention]]]:
        """Every sentence of the article with the project mentions it holds."""
        body = text[art.start:art.end]
        themed = len(self.t.trigger_re["RENOVATION"].findall(body)) >= 3
        paras = [Span(p.start + art.start, p.end + art.start) for p in paragraphs(body)]
        known = {m.key for para in paras for sent in sentences(text, para)
                 for m in self.mentions.find(text, sent, ents)}
        out = []
        for para in paras:
            para_themed = themed or self.t.trigger_re["RENOVATION"].search(text, para.start, para.end) is not None
            for sent in sentences(text, para):
                out.append((para, sent, self.mentions.find(text, sent, ents, known, para.start, para_themed)))
        return out

    def _article(self, text, art, ents, qs, relations, records) -> None:
        read = self._read(text, art, ents)
        named = any(m.kind == "project" for _, _, ms in read for m in ms)
        mine: list[str] = []           # this article's record keys, in order
        covered: list[Mention] = []    # estates a project covers, before that project is named
        plan: list[tuple[Span, list[Mention] | None, bool]] = []
        alias_of: dict[str, str] = {}
        last: Record | None = None
        carried, para_at = False, None
        for para, sent, mentions in read:
            if para is not para_at:  # a paragraph goes on about the last project when it opens with an anaphor
                para_at = para
                carried = last is not None and any(self.t.trigger_re[rel].match(text, para.start, para.end)
                                                   for rel in ("ANAPHOR", "OPENER"))
            owners, estates = [], []
            project_here = any(m.kind == "project" for m in mentions) or (
                named and last is not None and self._goes_on(text, sent))
            for m in mentions:
                if m.kind == "place":
                    self._place_of_project(m, records, mine, alias_of)
                if m.kind == "place" and m.key not in records and not m.heads and (
                        m.listed or (named and project_here)):
                    estates.append(m)
                    continue
                self._resolve(text, para, m, last, records, mine, alias_of)
                self._merge(m, sent, records, relations)
                if m.key not in mine:
                    mine.append(m.key)
                owners.append(m)
            for m in estates:  # the project its sentence names before it (or after it), else the last one
                before = [o for o in owners if o.start <= m.start]
                rec = records[(before or owners)[-1 if before else 0].key] if owners else last
                if rec is not None:
                    self._cover(rec, m, sent, relations)
                else:
                    covered.append(m)
            if owners:
                last, carried = records[owners[-1].key], True
                plan.append((sent, owners, True))
            elif carried and last is not None and self._anaphoric(text, sent):
                plan.append((sent, [self._stand_in(last)], False))
            else:
                plan.append((sent, None, False))
        if not mine and (covered or self._about_renovation(text, art, ents)):
            key = self._descriptive(text, art, read, records, ents)
            mine += [key] if key else []
        if not mine:
            return
        first = records[mine[0]]
        for m in covered:
            self._cover(first, m, Span(m.start, m.end), relations)
        only = self._owners_of_sections(text, art, plan, records, mine)
        heads = self._headline_places(text, art, ents) if len(mine) == 1 else []
        for key in mine:
            for place, span in heads:
                if add_place(records[key], place):
                    relations.append(relation("LOCATED_IN", records[key].mentions[0], span, art))
        for sent, owners, direct in plan:
            rec = only.get(sent.start)
            if owners is None and rec is not None and self._about_only(text, sent, rec, ents):
                owners = [self._stand_in(rec)]
            if owners:
                slots.fill(self.t, text, sent, owners, records, ents, qs, relations, direct)
        for key in mine:
            self._drop_headline_repeats(text, art, records[key], qs, relations)
        self._lead_models(text, plan, [records[k] for k in mine], relations)
        named = [k for k in mine if records[k].kind == "project"]
        if len(named or mine) == 1:
            self._addressee(text, art, ents, records[(named or mine)[0]], relations)

    def _resolve(self, text, para, m: Mention, last, records, mine, alias_of) -> None:
        """The record a mention belongs to: a new name given to the last project (称之为“…”),
        a name already met, or a variant of one (same_project)."""
        if last is not None and _ALIAS_INTRO.search(text[max(para.start, m.start - 8):m.start]) \
                and m.key not in records:
            alias_of[m.key] = last.key  # 称之为“阳光电梯”, 住房租赁项目“建融家园”: a new name
        if m.kind == "project" and m.key not in alias_of and m.key not in records:
            for key, rec in records.items():  # one record per project in the whole document
                if rec.kind == "project" and self.mentions.same_project(rec.name, m.name):
                    alias_of[m.key] = key
                    break
        m.key = alias_of.get(m.key, m.key)
        for k in m.more_keys:
            alias_of.setdefault(k, m.key)  # a project named with its estates written against it: one project

    @staticmethod
    def _place_of_project(m: Mention, records, mine, alias_of) -> None:
        """An estate written inside the name of a project of this article, or a part of
        one of its estates, is that project (松风苑 in 松风苑片区改造项目; 松风苑东区 of
        松风苑片区)."""
        if m.key in alias_of or m.key in records:
            m.key = alias_of.get(m.key, m.key)
            return
        for key in mine:
            name = records[key].name
            stems = [estate_stem(p) for p in records[key].places]
            if m.key in name or any(len(p) >= 3 and place_key(p) in name for p, _ in m.places) \
                    or any(len(st) >= 3 and p.startswith(st) for st in stems for p, _ in m.places) \
                    or any(len(p) >= 5 and p[:4] in name for p, _ in m.places):
                alias_of[m.key] = m.key = key  # 松风苑东区 of 松风苑片区改造项目: a part of it
                return

    @staticmethod
    def _merge(m: Mention, sent, records, relations) -> None:
        """A mention joins its record (a record keeps the name it was first written with)."""
        rec = records.get(m.key)
        if rec is None:
            rec = records[m.key] = Record(m.key, m.name, kind=m.kind)
        elif rec.kind == "place" and m.kind == "project":  # the written name beats the estate's
            rec.aliases.insert(0, rec.name)
            rec.name, rec.kind = m.name, m.kind
        for alias in m.aliases + ([m.name] if m.name != rec.name else []):
            if alias not in rec.aliases and alias != rec.name:
                rec.aliases.append(alias)
        for span in m.more + [(m.start, m.end)]:
            rec.add("mentions", span)
        for place, span in m.places:
            if add_place(rec, place):
                relations.append(relation("LOCATED_IN", (m.start, m.end), span, sent))

    @staticmethod
    def _cover(rec: Record, m: Mention, sent, relations) -> None:
        """An estate the project covers: one of its places, not a project of its own."""
        for place, span in m.places:
            if add_place(rec, place):
                relations.append(relation("LOCATED_IN", rec.mentions[0], span, sent))

    @staticmethod
    def _drop_headline_repeats(text: str, art: Span, rec: Record, qs, relations) -> None:
        """An outcome or an investment stated again (a headline's 11个小区 … 共11个, its
        贷款3亿元 … 投放贷款3亿元; the same outcome phrase twice) counts once."""
        value = {(q["start"], q["end"]): (q["value"], q["unit"]) for q in qs}
        heads = [p for p in paragraphs(text[art.start:art.end]) if is_headline(text, Span(p.start + art.start, p.end + art.start))]

        def in_head(span) -> bool:
            return any(p.start + art.start <= span[0] < p.end + art.start for p in heads)

        body = {(metric, value.get(span)) for metric, span in rec.outcomes if not in_head(span)}
        dropped = {span for metric, span in rec.outcomes if in_head(span) and (metric, value.get(span)) in body}
        money = {value.get(span) for span in rec.investments if not in_head(span)}
        dropped |= {span for span in rec.investments if in_head(span) and value.get(span) in money}
        _drop(rec, dropped, relations)

    @staticmethod
    def _drop_repeats(text: str, rec: Record, value: dict, relations) -> None:
        """The same outcome phrase twice (12个老旧小区 … 12个老旧小区), the same sum in the
        same role twice (总投资1.38亿元 … 总投资1.38亿元): each counts once."""
        dropped, seen = set(), set()
        for metric, span in rec.outcomes:
            said = (metric, value.get(span), text[span[1]:span[1] + 4])
            if said in seen:
                dropped.add(span)
            seen.add(said)
        for span in rec.investments:
            said = (value.get(span), rec.roles.get(span))
            if said in seen:
                dropped.add(span)
            seen.add(said)
        _drop(rec, dropped, relations)


    def _lead_models(self, text: str, plan, recs: list[Record], relations) -> None:
        """A funding programme the article opens with (…下达中央资金的通知) funds every
        project it goes on to list."""
        if not plan or plan[0][1] is not None or self.t.trigger_re["TOTAL"].search(text, plan[0][0].start, plan[0][0].end):
            return
        sent = plan[0][0]
        for mm in self.t.model_re.finditer(text, sent.start, sent.end):
            if mm.group(0) in self.t.always_models:
                for rec in recs:
                    if rec.add("models", self.t.models[mm.group(0)]):
                        relations.append(relation("MODEL", rec.mentions[0], (mm.start(), mm.end()), sent))

    def _addressee(self, text: str, art: Span, ents, rec: Record, relations) -> None:
        """An approval or a reply is addressed to the body that applied for the project
        (X：你们报来…): that body owns it."""
        paras = [Span(p.start + art.start, p.end + art.start) for p in paragraphs(text[art.start:art.end])]
        if not paras or self.t.trigger_re["APPROVAL"].search(text, paras[0].start, paras[0].end) is None:
            return
        for p in paras[1:3]:
            for e in ents.within(p):
                if e["label"] == "ORG" and e["start"] - p.start <= 2 and text[e["end"]:e["end"] + 1] in ":：":
                    if rec.add("investors", text[e["start"]:e["end"]]):
                        relations.append(relation("INVESTOR", rec.mentions[0], (e["start"], e["end"]), p))
                    return

    @staticmethod
    def _stand_in(rec: Record) -> Mention:
        return Mention(*rec.mentions[0], rec.key, rec.name, [])

    def _owners_of_sections(self, text, art, plan, records, mine) -> dict[int, Record]:
        """The project a sentence naming none is about: its section's only project (a
        section runs from one subhead to the next) when the section's headline or lead
        names it, else the article's only project when the article's does."""
        sections = sections_of(text, art)
        owner: dict[int, Record] = {}
        for scope in [art] + sections:  # sections last: they win
            keys = list(dict.fromkeys(m.key for sent, owners, direct in plan if direct
                                      and scope.start <= sent.start < scope.end for m in owners))
            if scope is art:
                keys = mine
            named = [k for k in keys if records[k].kind == "project"]
            keys = named or keys  # an estate met in passing does not share a named project's article
            if len(keys) != 1 or not self._leads(text, scope, records[keys[0]]):
                continue
            rec = records[keys[0]]
            lead_end = self._lead_end(text, scope)
            for sent, _, _ in plan:  # before its first mention only in the headline and lead
                if scope.start <= sent.start < scope.end and (sent.start >= rec.mentions[0][0] or sent.start < lead_end):
                    owner[sent.start] = rec
        return owner

    @staticmethod
    def _lead_end(text: str, scope: Span) -> int:
        """Where the scope's headlines and first body paragraph end."""
        for p in paragraphs(text[scope.start:scope.end]):
            if not is_headline(text, Span(p.start + scope.start, p.end + scope.start)):
                return p.end + scope.start
        return scope.end

    def _leads(self, text: str, scope: Span, rec: Record) -> bool:
        """Is the project named in the scope's headlines or lead (the scope is about it)?"""
        end = self._lead_end(text, scope)
        return any(scope.start <= a < end for a, _ in rec.mentions)

    def _about_only(self, text: str, sent: Span, rec: Record, ents) -> bool:
        """Does a sentence of an article with one project speak of it: no programme total,
        and no clause opened by a district, city or province that is not the project's
        (福州市共改造…: another place's figures)?"""
        if self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end):
            return False
        known = " ".join(rec.places + [rec.name])
        for e in ents.within(sent):
            if e["label"] != "PLACE" or e.get("subtype") not in ("province", "city", "district") \
                    or text[e["start"]:e["end"]] in known:
                continue
            clause = max([sent.start] + [text.rfind(c, sent.start, e["start"]) + 1 for c in "，,；;：:"])
            if e["start"] - clause <= 3:
                return False
        return True

    def _goes_on(self, text: str, sent: Span) -> bool:
        """Does the sentence open by going on about the last project (项目建设内容为…, 该项目…)?"""
        start = sent.start + len(text[sent.start:sent.end]) - len(text[sent.start:sent.end].lstrip())
        return any(self.t.trigger_re[rel].match(text, start, sent.end) for rel in ("ANAPHOR", "OPENER"))

    def _anaphoric(self, text: str, sent: Span) -> bool:
        return self.t.trigger_re["ANAPHOR"].search(text, sent.start, sent.end) is not None or \
            self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end) is None

    def _about_renovation(self, text: str, art: Span, ents) -> bool:
        """Does the article's headline (or its first sentence) speak of renovating a place
        below the district (an estate, a community, a street, a road)?"""
        first = sentences(text, art)[:1]
        if not first or self.t.trigger_re["RENOVATION"].search(text, first[0].start, first[0].end) is None \
                or self.t.trigger_re["TOTAL"].search(text, first[0].start, first[0].end) is not None:
            return False
        return any(e["label"] == "PLACE" and e.get("subtype") in ("street", "community", "compound", "other")
                   for e in ents)

    def _descriptive(self, text: str, art: Span, read, records, ents) -> str | None:
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

    @staticmethod
    def _headline_places(text: str, art: Span, ents) -> list[tuple[str, tuple[int, int]]]:
        """Districts, cities and provinces in the article's headline: they place all its projects."""
        paras = paragraphs(text[art.start:art.end])
        if not paras:
            return []
        head = Span(paras[0].start + art.start, paras[0].end + art.start)
        if not is_headline(text, head):
            return []
        return [(text[e["start"]:e["end"]], (e["start"], e["end"])) for e in ents.within(head)
                if e["label"] == "PLACE" and e.get("subtype") in ("province", "city", "district")]


def _drop(rec: Record, dropped: set, relations: list[dict]) -> None:
    """Take amounts out of a record and their relations with them."""
    rec.outcomes[:] = [(metric, span) for metric, span in rec.outcomes if span not in dropped]
    rec.investments[:] = [span for span in rec.investments if span not in dropped]
    relations[:] = [r for r in relations if not (r["label"] in ("OUTCOME", "INVESTMENT") and tuple(r["tail"]) in dropped)]
