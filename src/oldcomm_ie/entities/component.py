"""The spaCy component `oldcomm_entities`: runs the EntityFinder on the clean text and
writes doc._.entities (plain dicts) and doc.ents; user patterns extend it and are saved
with the pipeline (`patterns.jsonl` in the component's folder, as spaCy's SpanRuler does)."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from functools import lru_cache

import ahocorasick
import srsly
from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, registry

from ..layout import doc_text
from .ents import set_ents, token_ranges
from .finder import EntityFinder
from .gazetteer import Gazetteer, Lexicon
from .resolve import LABEL_RANK, Cand

PATTERNS_FILE = "patterns.jsonl"

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


def _entity_of(span: Span) -> dict | None:
    """The plain entity dict behind a span of doc.ents (a bisect, not a scan)."""
    ents = span.doc._.entities or []
    i = bisect.bisect_left(ents, span.start_char, key=lambda e: e["start"])
    while i < len(ents) and ents[i]["start"] == span.start_char:
        if ents[i]["end"] == span.end_char and ents[i]["label"] == span.label_:
            return ents[i]
        i += 1
    return None


def _field(name: str) -> Callable[[Span], object]:
    def get(span: Span):
        e = _entity_of(span)
        return e.get(name) if e else None
    return get


for _name in ("subtype", "admin"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_field(_name))


@lru_cache(maxsize=1)
def default_finder() -> EntityFinder:
    """One finder per process: the gazetteer and tables are large."""
    return EntityFinder(Gazetteer(), Lexicon())


@registry.misc("oldcomm_ie.entity_finder.v1")
def create_entity_finder() -> EntityFinder:
    """The finder with the packaged gazetteer and tables (loaded once per process)."""
    return default_finder()


def score_entities(examples: Iterable[Example], **kwargs) -> dict:
    """Micro and per-label P/R/F of doc.ents (`ents_f`, `ents_per_type`), as spaCy's NER reports."""
    return get_ner_prf(examples, **kwargs)


@registry.scorers("oldcomm_ie.entity_scorer.v1")
def make_entity_scorer() -> Callable:
    return score_entities


class EntityRecognizer:
    """Writes doc._.entities (plain dicts, clean-text offsets) and doc.ents.

    Extend it without touching the package: `nlp.get_pipe("oldcomm_entities").add_patterns([...])`,
    `patterns` in the config (a JSONL file of {"label", "pattern", "subtype"} lines) or in
    `[initialize.components.oldcomm_entities]`. A user pattern wins over every rule candidate
    it overlaps; `nlp.to_disk` saves the patterns inside the model folder.
    """

    def __init__(self, nlp: Language, name: str, finder: EntityFinder, patterns: str | None,
                 scorer: Callable | None = score_entities):
        self.name = name
        self.finder = finder
        self.scorer = scorer
        self._patterns: list[dict] = []
        self._auto: ahocorasick.Automaton | None = None
        if patterns:
            self.add_patterns(list(srsly.read_jsonl(patterns)))

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   patterns: Iterable[dict] | None = None) -> None:
        """Replace the user patterns with `patterns` (from the [initialize] block of a config)."""
        if patterns is not None:
            self.clear()
            self.add_patterns(list(patterns))

    def clear(self) -> None:
        """Forget every user pattern."""
        self._patterns = []
        self._auto = None

    def add_patterns(self, patterns: list[dict]) -> None:
        """Exact strings to tag: [{"label": "ORG", "pattern": "某某集团", "subtype": "company"}]."""
        for p in patterns:
            if p.get("label") not in LABEL_RANK or not isinstance(p.get("pattern"), str) or not p["pattern"]:
                raise ValueError(f"a pattern needs label ORG/PLACE/PROJECT and a non-empty string pattern: {p!r}")
            self._patterns.append({"label": p["label"], "pattern": p["pattern"], "subtype": p.get("subtype")})
        if not self._patterns:
            return
        auto = ahocorasick.Automaton()
        for p in self._patterns:
            auto.add_word(p["pattern"], (p["pattern"], p["label"], p["subtype"]))
        auto.make_automaton()
        self._auto = auto

    @property
    def patterns(self) -> list[dict]:
        return list(self._patterns)

    def _pattern_cands(self, text: str) -> list[Cand]:
        if self._auto is None:
            return []
        return [Cand(end - len(pat) + 1, end + 1, label, subtype, "pattern")
                for end, (pat, label, subtype) in self._auto.iter(text)]

    def _plain(self, text: str, c: Cand, name_places: dict[str, list[Cand]]) -> dict:
        """The msgpack-safe form on the Doc; a project also lists the places its name holds
        (九龙坡区 and 红育坡片区 in 九龙坡区红育坡片区…项目), for the relation stage.
        `name_places` holds this document's names already read: an article repeats its
        project names, and nothing is kept from one document to the next."""
        e = {"start": c.start, "end": c.end, "label": c.label, "subtype": c.subtype}
        if c.label == "PROJECT":
            name = text[c.start:c.end]
            if name not in name_places:
                name_places[name] = self.finder.places(name)
            e["places"] = [[c.start + p.start, c.start + p.end] for p in name_places[name]]
        return e

    def __call__(self, doc: Doc, *, spacy_views: bool = True) -> Doc:
        """`spacy_views=False` leaves doc.ents unset: extract() reads only doc._.entities."""
        amounts = [(q["start"], q["end"]) for q in (doc._.quantities or ())] if Doc.has_extension("quantities") else []
        text = doc_text(doc)
        found = self.finder.find(text, self._pattern_cands(text), amounts)
        name_places: dict[str, list[Cand]] = {}
        doc._.entities = [self._plain(text, c, name_places) for c in found]
        if spacy_views:
            set_ents(doc, *token_ranges(doc, text, found))
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """What `nlp.evaluate` reports for this component."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self._patterns)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> EntityRecognizer:
        file = ensure_path(path) / PATTERNS_FILE
        self.clear()
        if file.exists():
            self.add_patterns(list(srsly.read_jsonl(file)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self._patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> EntityRecognizer:
        self.clear()
        self.add_patterns(srsly.msgpack_loads(data)["patterns"])
        return self


@Language.factory(
    "oldcomm_entities",
    assigns=["doc._.entities", "doc.ents"],
    requires=["doc._.quantities"],
    default_config={"finder": {"@misc": "oldcomm_ie.entity_finder.v1"}, "patterns": None,
                    "scorer": {"@scorers": "oldcomm_ie.entity_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entities(nlp: Language, name: str, finder: EntityFinder, patterns: str | None,
                  scorer: Callable | None):
    return EntityRecognizer(nlp, name, finder, patterns, scorer)
