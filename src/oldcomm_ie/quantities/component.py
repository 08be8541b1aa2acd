"""The spaCy component `oldcomm_quantities`: doc._.quantities and doc.spans["quantities"]."""
from __future__ import annotations

from decimal import Decimal
from functools import partial

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..layout import doc_text
from .api import default_scanner
from .found import found_to_doc
from .scanner import QuantityScanner

SPAN_FIELDS = ("value", "value_max", "unit", "qualifier")


def _span_field(span: Span, name: str):
    """span._.value and friends: one dict look-up in the Doc's index of its quantities."""
    q = quantity_of(span)
    if q is None:
        return None
    raw = q[name]
    return Decimal(raw) if name in ("value", "value_max") and raw is not None else raw


if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)
if not Doc.has_extension("quantity_index"):
    Doc.set_extension("quantity_index", default=None)
for _name in SPAN_FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=partial(_span_field, name=_name))


def _index(quantities: list[dict], spans=()) -> dict:
    """{"size": n, "at": {"start:end": position}} over the quantities' own offsets and the
    offsets of their (token-expanded) spans: plain data, built once per Doc."""
    at = {f"{q['start']}:{q['end']}": i for i, q in enumerate(quantities)}
    for i, span in spans:
        at.setdefault(f"{span.start_char}:{span.end_char}", i)
    return {"size": len(quantities), "at": at}


def quantity_of(span: Span) -> dict | None:
    """The doc._.quantities entry a span stands for (None when it stands for none)."""
    doc = span.doc
    quantities = doc._.quantities
    if not quantities:
        return None
    index = doc._.quantity_index
    if index is None or index.get("size") != len(quantities):
        index = doc._.quantity_index = _index(quantities)  # quantities set by hand
    i = index["at"].get(f"{span.start_char}:{span.end_char}")
    return None if i is None else quantities[i]


class QuantityRecognizer:
    """Writes doc._.quantities (plain dicts, clean-text offsets) and doc.spans[spans_key]."""

    def __init__(self, nlp: Language, name: str, spans_key: str, scanner: QuantityScanner):
        self.name = name
        self.spans_key = spans_key
        self.scanner = scanner

    def __call__(self, doc: Doc) -> Doc:
        found = self.scanner.scan(doc_text(doc))
        doc._.quantities = [found_to_doc(q) for q in found]
        spans = []
        for i, q in enumerate(found):
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is not None:
                spans.append((i, span))
        doc._.quantity_index = _index(doc._.quantities, spans)
        doc.spans[self.spans_key] = [span for _, span in spans]
        return doc


@registry.misc("oldcomm_ie.quantity_scanner.v1")
def create_quantity_scanner() -> QuantityScanner:
    """The default scanner with the packaged tables; swap it in the config to extend."""
    return default_scanner()


@Language.factory(
    "oldcomm_quantities",
    assigns=["doc._.quantities", "doc.spans"],
    default_config={"spans_key": "quantities",
                    "scanner": {"@misc": "oldcomm_ie.quantity_scanner.v1"}},
)
def make_quantities(nlp: Language, name: str, spans_key: str, scanner: QuantityScanner):
    """The component: see QuantityRecognizer."""
    return QuantityRecognizer(nlp, name, spans_key, scanner)
