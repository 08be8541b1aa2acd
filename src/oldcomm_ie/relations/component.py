"""The thin spaCy component: reads doc._.entities and doc._.quantities, writes
doc._.relations and doc._.projects; takes pattern rows like spaCy's own rulers and keeps
them in the model folder (patterns.jsonl)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..layout import doc_text
from .extractor import RelationExtractor
from .tables import Tables

PATTERNS_FILE = "patterns.jsonl"

for _name in ("relations", "projects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class RelationComponent:
    """Relations and project records from the entities and quantities on a Doc."""

    def __init__(self, nlp: Language, name: str, tables: Tables):
        self.name = name
        self.tables = tables
        self.extractor = RelationExtractor(tables)

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities if Doc.has_extension("entities") and doc._.entities else []
        quantities = doc._.quantities if Doc.has_extension("quantities") and doc._.quantities else []
        doc._.relations, doc._.projects = self.extractor(doc_text(doc), entities, quantities)
        return doc

    @property
    def patterns(self) -> list[dict]:
        """The rows added with add_patterns (the packaged tables not included)."""
        return list(self.tables.patterns)

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add models ({"model": "ABO+EPC"}), triggers ({"trigger": "授信", "slot":
        "investment", "role": "loan"}) and generic investors ({"investor": "产权单位"})."""
        self.tables = self.tables.with_patterns(list(patterns))
        self.extractor = RelationExtractor(self.tables)

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   patterns: Iterable[dict] | None = None) -> None:
        """spaCy's initialize hook: patterns named in the [initialize] config are added."""
        if patterns:
            self.add_patterns(patterns)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Write the added pattern rows into the model folder."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / PATTERNS_FILE).open("w", encoding="utf-8") as f:
            for p in self.tables.patterns:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> RelationComponent:
        """Read the pattern rows to_disk wrote (the packaged tables come from the config)."""
        file = Path(path) / PATTERNS_FILE
        if file.exists():
            rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
            self.tables = self.tables.with_patterns(rows)
            self.extractor = RelationExtractor(self.tables)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.tables.patterns, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RelationComponent:
        self.add_patterns(json.loads(data.decode("utf-8")))
        return self


@Language.factory(
    "oldcomm_relations",
    assigns=["doc._.relations", "doc._.projects"],
    requires=["doc._.entities", "doc._.quantities"],
    default_config={"tables": {"@misc": "oldcomm_ie.relation_tables.v1"}},
)
def make_relations(nlp: Language, name: str, tables: Tables):
    return RelationComponent(nlp, name, tables)
