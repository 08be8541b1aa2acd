"""Reading a report article by article into relations and one record per project."""
from __future__ import annotations

import regex

from . import slots
from .mentions import MentionFinder
from .records import Mention, Record, relation
from .scopes import Located, Span, articles, paragraphs, sentences
from .tables import Tables

_ALIAS_INTRO = regex.compile(r"(?:称之为|称为|命名为|取名为?|项目)[“\"「]$")


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
        return relations, [r.to_plain() for r in records.values() if r.mentions]

    def _article(self, text, art, ents, qs, relations, records) -> None:
        body = text[art.start:art.end]
        themed = len(self.t.trigger_re["RENOVATION"].findall(body)) >= 3
        known = {m.key for para in paragraphs(body)
                 for sent in sentences(text, Span(para.start + art.start, para.end + art.start))
                 for m in self.mentions.find(text, sent, ents)}
        last: Record | None = None
        last_mention: tuple[int, int] | None = None
        alias_of: dict[str, str] = {}
        for para in paragraphs(body):
            para = Span(para.start + art.start, para.end + art.start)
            # a paragraph goes on about the last project only when it opens with an anaphor
            carried = last is not None and self.t.trigger_re["ANAPHOR"].match(text, para.start, para.end) is not None
            para_themed = themed or self.t.trigger_re["RENOVATION"].search(text, para.start, para.end) is not None
            for sent in sentences(text, para):
                mentions = self.mentions.find(text, sent, ents, known, para.start, para_themed)
                for m in mentions:
                    if last is not None and _ALIAS_INTRO.search(text[max(para.start, m.start - 8):m.start]) \
                            and m.key not in records:
                        alias_of[m.key] = last.key  # 称之为“阳光电梯”, 住房租赁项目“建融家园”: a new name
                    m.key = alias_of.get(m.key, m.key)
                    for k in m.more_keys:
                        alias_of.setdefault(k, m.key)  # 九龙坡区…改造项目红育坡片区白马凼示范区: one project
                    self._merge(text, sent, m, records, relations)
                if mentions:
                    last, last_mention, carried = records[mentions[-1].key], (mentions[-1].start, mentions[-1].end), True
                    slots.fill(self.t, text, sent, mentions, records, ents, qs, relations)
                elif carried and last is not None and self._anaphoric(text, sent):
                    slots.fill(self.t, text, sent, [Mention(*last_mention, last.key, last.name, [])], records,
                               ents, qs, relations)

    @staticmethod
    def _merge(text, sent, m: Mention, records, relations) -> None:
        """A mention joins its record (a record keeps the name it was first written with)."""
        rec = records.get(m.key)
        if rec is None:
            rec = records[m.key] = Record(m.key, m.name)
        for alias in m.aliases + ([m.name] if m.name != rec.name else []):
            if alias not in rec.aliases and alias != rec.name:
                rec.aliases.append(alias)
        for span in m.more + [(m.start, m.end)]:
            rec.add("mentions", span)
        for place, span in m.places:
            if rec.add("places", place):
                relations.append(relation("LOCATED_IN", (m.start, m.end), span, sent))

    def _anaphoric(self, text: str, sent: Span) -> bool:
        return self.t.trigger_re["ANAPHOR"].search(text, sent.start, sent.end) is not None or \
            self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end) is None
