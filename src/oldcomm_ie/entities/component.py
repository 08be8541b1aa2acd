"""The spaCy component `oldcomm_entities`: runs the EntityFinder on the clean text and
writes doc._.entities (plain dicts) and doc.ents; user patterns extend it."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from ..layout import doc_text
from .finder import EntityFinder
from .gazetteer import Gazetteer, Lexicon
from .resolve import LABEL_RANK, Cand

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


@lru_cache(maxsize=1)
def default_finder() -> EntityFinder:
    """One finder per process: the gazetteer and tables are large."""
    return EntityFinder(Gazetteer(), Lexicon())


@registry.misc("oldcomm_ie.entity_finder.v1")
def create_entity_finder() -> EntityFinder:
    """The finder with the packaged gazetteer and tables (loaded once per process)."""
    return default_finder()


class EntityRecognizer:
    """Writes doc._.entities (plain dicts, clean-text offsets) and doc.ents.

    Extend it without touching the package: `patterns` in the config (a JSONL file of
    {"label", "pattern", "subtype"} lines) or `nlp.get_pipe("oldcomm_entities").add_patterns([...])`.
    A user pattern wins over every rule candidate it overlaps.
    """

    def __init__(self, nlp: Language, name: str, finder: EntityFinder, patterns: str | None):
        self.name = name
        self.finder = finder
        self._patterns: list[dict] = []
        self._auto: ahocorasick.Automaton | None = None
        if patterns:
            self.add_patterns([json.loads(line) for line in Path(patterns).read_text(encoding="utf-8").splitlines()
                               if line.strip()])

    def add_patterns(self, patterns: list[dict]) -> None:
        """Exact strings to tag: [{"label": "ORG", "pattern": "某某集团", "subtype": "company"}]."""
        for p in patterns:
            if p.get("label") not in LABEL_RANK or not isinstance(p.get("pattern"), str) or not p["pattern"]:
                raise ValueError(f"a pattern needs label ORG/PLACE/PROJECT and a non-empty string pattern: {p!r}")
            self._patterns.append({"label": p["label"], "pattern": p["pattern"], "subtype": p.get("subtype")})
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

    def _plain(self, text: str, c: Cand) -> dict:
        """The msgpack-safe form on the Doc; a project also lists the places its name holds
        (九龙坡区 and 红育坡片区 in 九龙坡区红育坡片区…项目), for the relation stage."""
        e = {"start": c.start, "end": c.end, "label": c.label, "subtype": c.subtype}
        if c.label == "PROJECT":
            e["places"] = [[c.start + p.start, c.start + p.end] for p in self.finder.places(text[c.start:c.end])]
        return e

    def __call__(self, doc: Doc) -> Doc:
        amounts = [(q["start"], q["end"]) for q in (doc._.quantities or ())] if Doc.has_extension("quantities") else []
        text = doc_text(doc)
        found = self.finder.find(text, self._pattern_cands(text), amounts)
        doc._.entities = [self._plain(text, c) for c in found]
        spans = [doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand") for c in found]
        doc.ents = filter_spans([s for s in spans if s is not None])
        return doc


@Language.factory(
    "oldcomm_entities",
    assigns=["doc._.entities", "doc.ents"],
    default_config={"finder": {"@misc": "oldcomm_ie.entity_finder.v1"}, "patterns": None},
)
def make_entities(nlp: Language, name: str, finder: EntityFinder, patterns: str | None):
    return EntityRecognizer(nlp, name, finder, patterns)
