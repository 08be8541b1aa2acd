"""Relations between projects and what a report says of them, and the project records.

Reads doc._.entities and doc._.quantities; writes doc._.relations (labelled links with the
sentence that states them) and doc._.projects (one record per distinct project), all in
clean-text offsets and plain data.

How a report is read:
- it is cut into articles (a newspaper page holds several: headlines, 本报讯 and bylines
  start a new one), paragraphs and sentences; nothing is ever linked across articles;
- a project is mentioned by name (a PROJECT entity), by the housing estate or community
  being renovated (a PLACE whose sentence speaks of renovation), or by an anaphor (该项目,
  项目公司, 改造后 …) that points to the project last named in the same paragraph;
- a slot is filled from a sentence that holds both the project (or an anaphor of it) and a
  trigger of the slot (data/relation_triggers.tsv): money with 投资/投入, a period with
  为期/运营期, an outcome by its unit and the words around it (data/outcome_metrics.tsv);
- city-wide programme totals (全市累计改造2600多个小区) name no project and start none.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import bisect

import regex
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .layout import doc_text
from .tables import data_rows

class Tables:
    """The trigger, model, investor and metric tables the rules read."""

    def __init__(self) -> None:
        self.triggers = {rel: tuple(words.split()) for rel, words in data_rows("relation_triggers.tsv")}
        self.models = {row[0]: (row[1] if len(row) > 1 and row[1] else row[0]) for row in data_rows("models.tsv")}
        self.investor_nouns = sorted((w for (w, *_) in data_rows("investor_nouns.txt")), key=len, reverse=True)
        self.metrics = [(metric, set(units.split()), tuple(context.split()) if context else ())
                        for metric, units, *rest in data_rows("outcome_metrics.tsv")
                        for context in [rest[0] if rest else ""]]
        self.trigger_re = {rel: regex.compile("|".join(map(regex.escape, sorted(words, key=len, reverse=True))))
                           for rel, words in self.triggers.items()}
        ascii_models = [m for m in self.models if m.isascii()]
        self.acronym_re = regex.compile(
            r"(?<![A-Za-z+])(?:" + "|".join(map(regex.escape, sorted(ascii_models, key=len, reverse=True)))
            + r")(?![A-Za-z+])")
        cjk_models = [m for m in self.models if not m.isascii()]
        self.model_re = regex.compile("|".join(map(regex.escape, sorted(cjk_models, key=len, reverse=True))))
        self.investor_re = regex.compile("|".join(map(regex.escape, self.investor_nouns)))


class Located(list):
    """Items with character offsets, sorted, sliced by span in logarithmic time."""

    def __init__(self, items):
        super().__init__(sorted(items, key=lambda x: x["start"]))
        self.starts = [x["start"] for x in self]

    def within(self, span) -> "Located":
        lo = bisect.bisect_left(self.starts, span.start)
        hi = bisect.bisect_left(self.starts, span.end)
        out = Located.__new__(Located)
        list.__init__(out, (x for x in self[lo:hi] if x["end"] <= span.end))
        out.starts = [x["start"] for x in out]
        return out


# --- segmentation ------------------------------------------------------------------------

_SENTENCE_END = regex.compile(r"[。！？!?；;]+[”’」]?|\n")
_DATELINE = regex.compile(r"本报讯|^\s*[□■●◆]?\s*(?:本报)?记者|^[（(]?记者")
_HEADLINE_MAX = 32


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_headline(text: str, p: Span) -> bool:
    """A short line with no sentence punctuation (a title, a kicker, a byline)."""
    line = text[p.start:p.end]
    return len(line) <= _HEADLINE_MAX and not regex.search(r"[。，,；;！？]", line)


def articles(text: str) -> list[Span]:
    """Articles on a page: a run of headline lines or a dateline opens a new one."""
    paras = paragraphs(text)
    cuts = []
    prev_head = False
    for p in paras:
        head = is_headline(text, p)
        if (head and not prev_head) or _DATELINE.search(text[p.start:p.end]):
            cuts.append(p.start)
        prev_head = head
    if not cuts or (paras and cuts[0] != paras[0].start):
        cuts.insert(0, paras[0].start if paras else 0)
    bounds = cuts + [len(text)]
    return [Span(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def sentences(text: str, span: Span) -> list[Span]:
    out, pos = [], span.start
    for m in _SENTENCE_END.finditer(text, span.start, span.end):
        if text[pos:m.end()].strip():
            out.append(Span(pos, m.end()))
        pos = m.end()
    if pos < span.end and text[pos:span.end].strip():
        out.append(Span(pos, span.end))
    return out


# --- the project records being built -------------------------------------------------------

@dataclass
class Record:
    key: str
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    investments: list[tuple[int, int]] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    periods: list[tuple[int, int]] = field(default_factory=list)
    outcomes: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def add(self, slot: str, item) -> bool:
        """Append an item to a slot unless it is there already (constant time)."""
        seen = self.__dict__.setdefault("_seen", set())
        if (slot, item) in seen:
            return False
        seen.add((slot, item))
        getattr(self, slot).append(item)
        return True

    def to_plain(self) -> dict:
        return {"name": self.name, "mentions": [list(m) for m in self.mentions], "aliases": list(self.aliases),
                "places": list(self.places), "investors": list(self.investors),
                "investments": [list(s) for s in self.investments], "models": list(self.models),
                "periods": [list(s) for s in self.periods],
                "outcomes": [[metric, list(s)] for metric, s in self.outcomes]}


@dataclass
class Mention:
    start: int
    end: int
    key: str
    name: str
    places: list[tuple[str, tuple[int, int]]]   # (surface, span) of each place that locates it
    more: list[tuple[int, int]] = field(default_factory=list)   # other names in the same chain
    aliases: list[str] = field(default_factory=list)
    more_keys: list[str] = field(default_factory=list)


RENOVATED_SUBTYPES = {"community", "compound"}
SPECIFIC_PLACE_ENDINGS = ("社区", "小区", "村", "苑", "片区", "风貌区", "老街区", "商务区", "示范区", "花园", "家园")


def _place_key(place: str) -> str:
    """南桥苑小区 and 南桥苑, 长江村小区 and 长江村, 示范区域 and 示范区: one place, one key."""
    if place.endswith("小区") and len(place) > 4 and place[-3] in "苑园村":
        return place[:-2]
    if place.endswith("区域"):
        return place[:-1]
    return place


def _chains(text: str, ents: list[dict]) -> list[list[dict]]:
    """Entities written against each other (渝州路街道红育坡社区) or joined by 的
    (红育坡社区的白马凼小区)."""
    chains: list[list[dict]] = []
    for e in sorted(ents, key=lambda x: x["start"]):
        gap = text[chains[-1][-1]["end"]:e["start"]] if chains else None
        if gap == "" or gap == "的":
            chains[-1].append(e)
        else:
            chains.append([e])
    return chains
RENOVATED_SUFFIXES = ("风貌区", "老街区", "商务区", "历史文化街区", "片区")


class RelationExtractor:
    """Builds relations and project records from entities and quantities on a Doc."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    def __call__(self, text: str, entities: list[dict], quantities: list[dict]):
        relations: list[dict] = []
        records: dict[str, Record] = {}
        all_ents, all_qs = Located(entities), Located(quantities)
        for art in articles(text):
            ents = all_ents.within(art)
            qs = all_qs.within(art)
            self._article(text, art, ents, qs, relations, records)
        return relations, [r.to_plain() for r in records.values() if r.mentions]

    # -- mentions ---------------------------------------------------------------------------
    def _mentions(self, text: str, sent: Span, ents: list[dict], known: set[str] = frozenset(),
                  para_start: int = -1, themed: bool = False) -> list[Mention]:
        """Project mentions in a sentence: PROJECT entities; a housing estate or community
        when the sentence speaks of renovation, when it is already a project in this
        article, or when it opens a paragraph of an article about renovation (the subject
        the paragraph describes); a place after 位于 locates the mention before it.
        Names written against each other (九龙坡区…改造项目|红育坡片区|白马凼示范区) are
        one project, named by the last and most specific."""
        out = []
        sentence = text[sent.start:sent.end]
        renovation = self.t.trigger_re["RENOVATION"].search(sentence) is not None
        in_sent = [e for e in ents.within(sent) if e["label"] in ("PLACE", "PROJECT")]
        for chain in _chains(text, in_sent):
            places_ok = [e for e in chain if self._renovatable(text, e)]
            heads = [e for e in chain if e["label"] == "PROJECT" or (places_ok and e is places_ok[-1])]
            if not heads:
                continue
            e = heads[-1]
            surface = text[e["start"]:e["end"]]
            first = chain[0]["start"]
            places = [(text[c["start"]:c["end"]], (c["start"], c["end"])) for c in chain if c["label"] == "PLACE"]
            for p in (c for c in chain if c["label"] == "PROJECT"):
                places += [x for x in self._place_spans(text, p) if x[0] not in {n for n, _ in places}]
            if out and _LOCATED.search(text[max(sent.start, first - 4):first]):
                out[-1].places.extend(places)  # X位于Y: Y locates X
                continue
            if e["label"] == "PROJECT":
                key = self._key(surface, [n for n, _ in self._place_spans(text, e)])
            else:
                key = _place_key(surface)
                opens = themed and first - para_start <= 4 or _EXAMPLE.search(text[max(sent.start, first - 2):first])
                if not (renovation or key in known or opens or len(heads) > 1):
                    continue
            aliases = [text[h["start"]:h["end"]] for h in heads[:-1]]
            name = surface if e["label"] == "PROJECT" else "".join(n for n, _ in places)
            more_keys = [self._key(a, [n for n, _ in self._place_spans(text, h)])
                         for a, h in zip(aliases, heads) if h["label"] == "PROJECT"]
            out.append(Mention(e["start"], e["end"], key, name, places, [(h["start"], h["end"]) for h in heads[:-1]],
                               aliases, more_keys))
        return out

    @staticmethod
    def _renovatable(text: str, e: dict) -> bool:
        surface = text[e["start"]:e["end"]]
        return e["label"] == "PLACE" and (e["subtype"] in RENOVATED_SUBTYPES or surface.endswith(RENOVATED_SUFFIXES))

    @staticmethod
    def _place_spans(text: str, project: dict) -> list[tuple[str, tuple[int, int]]]:
        """Places a project's name holds, as the entity stage listed them."""
        return [(text[a:b], (a, b)) for a, b in project.get("places", ())]

    @staticmethod
    def _key(name: str, places: list[str]) -> str:
        """Projects are the same when their most specific place is (白象社区…改造, 白象社区…项目)."""
        specific = [p for p in places if p.endswith(SPECIFIC_PLACE_ENDINGS)]
        return _place_key(specific[-1]) if specific else name

    # -- one article ---------------------------------------------------------------------------
    def _article(self, text, art, ents, qs, relations, records) -> None:
        body = text[art.start:art.end]
        themed = len(self.t.trigger_re["RENOVATION"].findall(body)) >= 3
        known = {m.key for para in paragraphs(body)
                 for sent in sentences(text, Span(para.start + art.start, para.end + art.start))
                 for m in self._mentions(text, sent, ents)}
        last: Record | None = None
        last_mention: tuple[int, int] | None = None
        alias_of: dict[str, str] = {}
        for para in paragraphs(body):
            para = Span(para.start + art.start, para.end + art.start)
            # a paragraph goes on about the last project only when it opens with an anaphor
            carried = last is not None and self.t.trigger_re["ANAPHOR"].match(text, para.start, para.end) is not None
            para_themed = themed or self.t.trigger_re["RENOVATION"].search(text, para.start, para.end) is not None
            for sent in sentences(text, para):
                mentions = self._mentions(text, sent, ents, known, para.start, para_themed)
                for m in mentions:
                    if last is not None and _ALIAS_INTRO.search(text[max(para.start, m.start - 8):m.start]) \
                            and m.key not in records:
                        alias_of[m.key] = last.key  # 称之为“阳光电梯”, 住房租赁项目“建融家园”: a new name
                    m.key = alias_of.get(m.key, m.key)
                    for k in m.more_keys:
                        alias_of.setdefault(k, m.key)  # 九龙坡区…改造项目红育坡片区白马凼示范区: one project
                    rec = records.get(m.key)
                    if rec is None:  # a record keeps the name it was first written with
                        rec = records[m.key] = Record(m.key, m.name)
                    for alias in m.aliases + ([m.name] if m.name != rec.name else []):
                        if alias not in rec.aliases and alias != rec.name:
                            rec.aliases.append(alias)
                    for span in m.more + [(m.start, m.end)]:
                        rec.add("mentions", span)
                    for place, span in m.places:
                        if rec.add("places", place):
                            relations.append(self._rel("LOCATED_IN", (m.start, m.end), span, sent))
                if mentions:
                    last, last_mention, carried = records[mentions[-1].key], (mentions[-1].start, mentions[-1].end), True
                    self._fill(text, sent, mentions, records, ents, qs, relations)
                elif carried and last is not None and self._anaphoric(text, sent):
                    self._fill(text, sent, [Mention(*last_mention, last.key, last.name, [])], records, ents, qs,
                               relations)

    def _anaphoric(self, text: str, sent: Span) -> bool:
        return self.t.trigger_re["ANAPHOR"].search(text, sent.start, sent.end) is not None or \
            self.t.trigger_re["TOTAL"].search(text, sent.start, sent.end) is None

    # -- slots ------------------------------------------------------------------------------------
    def _fill(self, text, sent, mentions, records, ents, qs, relations) -> None:
        sentence = text[sent.start:sent.end]
        in_sent = qs.within(sent)
        has = {rel: self.t.trigger_re[rel].search(sentence) is not None for rel in ("INVESTMENT", "OUTCOME", "INVESTOR")}

        def owner(pos: int) -> Mention:
            before = [m for m in mentions if m.start <= pos]
            return before[-1] if before else mentions[0]

        if self.t.trigger_re["TOTAL"].search(sentence):
            in_sent = []  # 我市…等50个项目, 约37.6万户: a programme's totals, not this project's
        for q in in_sent:
            m = owner(q["start"])
            rec = records[m.key]
            span = (q["start"], q["end"])
            near = text[max(sent.start, q["start"] - 12):q["start"]]
            after = text[q["end"]:min(sent.end, q["end"] + 8)]
            if q["kind"] == "money" and "/" not in q["unit"] and (
                    self.t.trigger_re["INVESTMENT"].search(near + after)):
                if rec.add("investments", span):
                    relations.append(self._rel("INVESTMENT", (m.start, m.end), span, sent))
            elif q["kind"] == "duration" and self.t.trigger_re["PERIOD"].search(near + after):
                if rec.add("periods", span):
                    relations.append(self._rel("PERIOD", (m.start, m.end), span, sent))
            elif q["kind"] in ("count", "area", "length") and has["OUTCOME"]:
                metric = self._metric(text, q, sent)
                if metric and rec.add("outcomes", (metric, span)):
                    relations.append(self._rel("OUTCOME", (m.start, m.end), span, sent))
        for mm in self.t.acronym_re.finditer(sentence):
            self._model(records, owner(sent.start + mm.start()), self.t.models[mm.group(0)],
                        (sent.start + mm.start(), sent.start + mm.end()), sent, relations)
        for mm in self.t.model_re.finditer(sentence):
            named = (_MODEL_CONTEXT.search(sentence[:mm.start()]) or _MODEL_AFTER.search(sentence[mm.end():])
                     or sentence[mm.start() - 1:mm.start()] in "“\"、" or sentence[mm.end():mm.end() + 1] in "”\"、")
            if named:
                self._model(records, owner(sent.start + mm.start()), self.t.models[mm.group(0)],
                            (sent.start + mm.start(), sent.start + mm.end()), sent, relations)
        for mm in _QUOTED_NAME_MODEL.finditer(sentence):
            start = sent.start + mm.start(1)
            self._model(records, owner(start), mm.group(1), (start, start + len(mm.group(1))), sent, relations)
        for mm in _QUOTED_MODEL.finditer(sentence):
            start = sent.start + mm.start(1)
            for part in regex.split("[、，,]", mm.group(1)):
                if 2 <= len(part) <= 12:
                    self._model(records, owner(start), part, (start, start + len(mm.group(1))), sent, relations)
        if has["INVESTOR"] or has["INVESTMENT"]:
            self._investors(text, sent, ents, mentions, records, relations, owner)

    def _model(self, records, m: Mention, model: str, span, sent, relations) -> None:
        if records[m.key].add("models", model):
            relations.append(self._rel("MODEL", (m.start, m.end), span, sent))

    def _investors(self, text, sent, ents, mentions, records, relations, owner) -> None:
        sentence = text[sent.start:sent.end]
        in_sent = ents.within(sent)
        for e in in_sent:
            if e["label"] != "ORG":
                continue
            paying = e["subtype"] in ("company", "bank", "other") or _PAYS.match(text, e["end"])
            if not paying:
                continue  # a government body is an investor only where it pays (区政府共同出资…)
            if self._invests(text, e["end"], sent):
                m = owner(e["start"])
                if records[m.key].add("investors", text[e["start"]:e["end"]]):
                    relations.append(self._rel("INVESTOR", (m.start, m.end), (e["start"], e["end"]), sent))
        for mm in self.t.investor_re.finditer(sentence):
            start, end = sent.start + mm.start(), sent.start + mm.end()
            if any(e["start"] <= start < e["end"] for e in in_sent):
                continue
            if regex.match(r"\s*(?:以[^，。]{0,8}方式)?[^，。]{0,6}?(?:投入|出资|投资)", text[end:sent.end]):
                m = owner(start)
                if records[m.key].add("investors", mm.group(0)):
                    relations.append(self._rel("INVESTOR", (m.start, m.end), (start, end), sent))

    def _invests(self, text: str, pos: int, sent: Span) -> bool:
        """Does an investing verb follow the organization within its clause (X与Y投入…)?"""
        clause_end = regex.search(r"[，,。；;]", text[pos:sent.end])
        stop = pos + clause_end.start() if clause_end else sent.end
        window = text[pos:stop]
        before = text[max(sent.start, pos - 30):pos]
        return bool(self.t.trigger_re["INVESTOR"].search(window)) or bool(regex.search(r"(?:引入|引进|由)[^，。]*$", before))

    def _metric(self, text: str, q: dict, sent: Span) -> str | None:
        unit = q["unit"]
        around = text[max(sent.start, q["start"] - 8):min(sent.end, q["end"] + 6)]
        for metric, units, context in self.t.metrics:
            if unit in units and (not context or any(c in around for c in context)):
                return metric
        return None

    @staticmethod
    def _rel(label: str, head, tail, sent: Span) -> dict:
        return {"label": label, "head": list(head), "tail": list(tail), "evidence": [sent.start, sent.end]}


_PAYS = regex.compile(r"[^，。；]{0,8}?(?:出资|投资|投入|注资)")
_ALIAS_INTRO = regex.compile(r"(?:称之为|称为|命名为|取名为?|项目)[“\"「]$")
_LOCATED = regex.compile(r"(?:位于|地处|坐落于|坐落在)$")
_EXAMPLE = regex.compile(r"以$|如$")
_MODEL_CONTEXT = regex.compile(r"(?:以|通过|采取|采用|实行|按照|探索)[^，。]{0,12}$")
_MODEL_AFTER = regex.compile(r"^[^，。]{0,14}?(?:模式|方式|机制|运作|合作)")
_QUOTED_NAME_MODEL = regex.compile(r"[“\"]([^”\"]{2,10}模式)[”\"]")
_QUOTED_MODEL = regex.compile(r"[“\"]([^”\"]{2,30})[”\"](?:的)?(?:[^，。]{0,6})?(?:模式|机制|方式)")


# --- the spaCy component ---------------------------------------------------------------------

for _name in ("relations", "projects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@lru_cache(maxsize=1)
def default_tables() -> Tables:
    return Tables()


@registry.misc("oldcomm_ie.relation_tables.v1")
def create_relation_tables() -> Tables:
    """The packaged trigger, model, investor and metric tables."""
    return default_tables()


class RelationComponent:
    def __init__(self, nlp: Language, name: str, tables: Tables):
        self.name = name
        self.extractor = RelationExtractor(tables)

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities if Doc.has_extension("entities") and doc._.entities else []
        quantities = doc._.quantities if Doc.has_extension("quantities") and doc._.quantities else []
        doc._.relations, doc._.projects = self.extractor(doc_text(doc), entities, quantities)
        return doc


@Language.factory(
    "oldcomm_relations",
    assigns=["doc._.relations", "doc._.projects"],
    requires=["doc._.entities", "doc._.quantities"],
    default_config={"tables": {"@misc": "oldcomm_ie.relation_tables.v1"}},
)
def make_relations(nlp: Language, name: str, tables: Tables):
    return RelationComponent(nlp, name, tables)
