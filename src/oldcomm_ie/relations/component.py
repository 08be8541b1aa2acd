"""The thin spaCy component: reads doc._.entities and doc._.quantities, writes
doc._.relations and doc._.projects."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..layout import doc_text
from .extractor import RelationExtractor
from .tables import Tables

for _name in ("relations", "projects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


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
