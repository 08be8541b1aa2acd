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
from .article_facts import ArticleFacts
from .attribution import Attribution
from .mentions import MentionFinder, estate_stem, place_key
from .records import Mention, Record, relation
from .scopes import Located, Page, Span, articles
from .slots.places import add_place
from .tables import Tables

_ALIAS_INTRO = regex.compile(r"(?:称之为|称为|命名为|取名为?|项目)[“\"「]$")
_CLAUSE = regex.compile(r"[^，,。；;：:！？!?\s]+")


class RelationExtractor:
    """Builds relations and project records from entities and quantities on a Doc."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self.mentions = MentionFinder(tables)
        self.attribution = Attribution(tables)
        self.facts = ArticleFacts(tables)

    def __call__(self, text: str, entities: list[dict], quantities: list[dict]):
        relations: list[dict] = []
        gone: set[tuple[int, int]] = set()  # amounts taken out of records again (said twice)
        records: dict[str, Record] = {}
        all_ents, all_qs = Located(entities), Located(quantities)
        page = Page(text)
        for art in articles(page):
            self._article(page, art, all_ents.within(art), all_qs.within(art), relations, records, gone)
        value = {(q["start"], q["end"]): (q["value"], q["unit"]) for q in quantities}
        for rec in records.values():
            self.facts.drop_repeats(text, rec, value, gone)
        if gone:
            relations = [
                r for r in relations if not (r["label"] in ("OUTCOME", "INVESTMENT") and tuple(r["tail"]) in gone)
            ]
        return relations, [r.to_plain() for r in records.values() if r.mentions and self._described(r)]

    @staticmethod
    def _described(rec: Record) -> bool:
        """A record stands for a project the text describes with at least one fact: an
        estate met in passing, with nothing said of it but its name, makes none."""
        return (
            rec.kind == "project"
            or len(rec.places) > 1
            or any((rec.investors, rec.investments, rec.models, rec.periods, rec.outcomes))
        )

    def _read(self, page: Page, art: Span, ents) -> list[tuple[Span, Span, list[Mention]]]:
        """Every sentence of the article with the project mentions it holds: each sentence's
        names are read once, then which of them mention a project is decided knowing the
        keys the article's sentences give on their own."""
        text = page.text
        themed = len(self.t.trigger_re["RENOVATION"].findall(text, art.start, art.end)) >= 3
        scopes = page.sentences_in(art)
        read = self.mentions.names_of(text, [sent for _, sent in scopes], ents)
        known = {key for names in read if names.chains for key in self.mentions.keys(names)}
        out = []
        para_at, para_themed = None, False
        for (para, sent), names in zip(scopes, read, strict=True):
            if not names.chains:
                out.append((para, sent, []))
                continue
            if para is not para_at:
                para_at = para
                para_themed = themed or self.t.trigger_re["RENOVATION"].search(text, para.start, para.end) is not None
            out.append((para, sent, self.mentions.find(text, sent, names, known, para.start, para_themed)))
        return out

    def _article(self, page, art, ents, qs, relations, records, gone) -> None:
        text = page.text
        read = self._read(page, art, ents)
        named = any(m.kind == "project" for _, _, ms in read for m in ms)
        mine: list[str] = []  # this article's record keys, in order
        covered: list[Mention] = []  # estates a project covers, before that project is named
        plan: list[tuple[Span, list[Mention] | None, bool]] = []
        alias_of: dict[str, str] = {}
        last: Record | None = None
        carried, para_at = False, None
        for para, sent, mentions in read:
            if para is not para_at:  # a paragraph goes on about the last project when it opens with an anaphor
                para_at = para
                carried = last is not None and self.t.union_re["GOES_ON"].match(text, para.start, para.end) is not None
            owners, estates = [], []
            project_here = bool(mentions) and (any(m.kind == "project" for m in mentions) or (
                named and last is not None and self.attribution.goes_on(text, sent)
            ))
            for m in mentions:
                if m.kind == "place":
                    self._place_of_project(m, records, mine, alias_of)
                if (
                    m.kind == "place"
                    and m.key not in records
                    and not m.heads
                    and (m.listed or (named and project_here))
                ):
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
            elif carried and last is not None and self.attribution.anaphoric(text, sent):
                plan.append((sent, [self._stand_in(last)], False))
            else:
                plan.append((sent, None, False))
        if not mine and (covered or self.facts.about_renovation(page, art, ents)):
            key = self.facts.descriptive(text, art, read, records, ents)
            mine += [key] if key else []
        if not mine:
            return
        first = records[mine[0]]
        for m in covered:
            self._cover(first, m, Span(m.start, m.end), relations)
        only = self.attribution.owners_of_sections(page, art, plan, records, mine)
        heads = self.facts.headline_places(page, art, ents) if len(mine) == 1 else []
        for key in mine:
            for place, span in heads:
                if add_place(records[key], place):
                    relations.append(relation("LOCATED_IN", records[key].mentions[0], span, art))
        for sent, owners, direct in plan:
            rec = only.get(sent.start)
            if owners is None and rec is not None and self.attribution.about_only(text, sent, rec, ents):
                owners = [self._stand_in(rec)]
            if owners:
                slots.fill(self.t, text, sent, owners, records, ents, qs, relations, direct)
        self.facts.drop_headline_repeats(page, art, [records[k] for k in mine], qs, gone)
        self.facts.lead_models(text, plan, [records[k] for k in mine], relations)
        named = [k for k in mine if records[k].kind == "project"]
        if len(named or mine) == 1:
            self.facts.addressee(page, art, ents, records[(named or mine)[0]], relations)

    def _resolve(self, text, para, m: Mention, last, records, mine, alias_of) -> None:
        """The record a mention belongs to: a new name given to the last project (称之为“…”),
        a name already met, or a variant of one (same_project)."""
        if (
            last is not None
            and _ALIAS_INTRO.search(text[max(para.start, m.start - 8) : m.start])
            and m.key not in records
        ):
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
            if (
                m.key in name
                or any(len(p) >= 3 and place_key(p) in name for p, _ in m.places)
                or any(len(st) >= 3 and p.startswith(st) for st in stems for p, _ in m.places)
                or any(len(p) >= 5 and p[:4] in name for p, _ in m.places)
            ):
                alias_of[m.key] = m.key = key  # 松风苑东区 of 松风苑片区改造项目: a part of it
                return

    @staticmethod
    def _merge(m: Mention, sent, records, relations) -> None:
        """A mention joins its record (a record keeps the name it was first written with,
        unless a later one is the fuller form of it: 北片区项目 → X旧楼改造北片区项目)."""
        rec = records.get(m.key)
        if rec is None:
            rec = records[m.key] = Record(m.key, m.name, kind=m.kind)
        elif (rec.kind == "place" and m.kind == "project") or (
            rec.kind == m.kind == "project" and rec.name in m.name and len(m.name) > len(rec.name)
        ):
            rec.aliases.insert(0, rec.name)  # the written name beats the estate's; the full form a part
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
    def _stand_in(rec: Record) -> Mention:
        return Mention(*rec.mentions[0], rec.key, rec.name, [])
