"""The spaCy component `oldcomm_quantities`: doc._.quantities and doc.spans["quantities"].

Like spaCy's own rule components it takes user rows at run time (`add_patterns` with unit
rows), keeps them in the model folder (`units.jsonl`, written by `nlp.to_disk`), and scores
itself in `nlp.evaluate` (quantities_p/r/f over doc.spans["quantities"]).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import partial
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, registry

from ..layout import doc_text
from .api import default_scanner
from .found import Found, found_to_doc
from .scanner import QuantityScanner
from .tables import unit_from_pattern

SPAN_FIELDS = ("value", "value_max", "unit", "qualifier")
UNITS_FILE = "units.jsonl"


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


def _token_spans(doc: Doc, text: str, found: list[Found]) -> list[tuple[int, Span]]:
    """(position, span) of each amount as `doc.char_span(..., alignment_mode="expand")`
    aligns it; on a Doc of one token per character (tokens are never empty) the character
    offsets are the token offsets, and spaCy's alignment steps are skipped."""
    if len(doc) == len(text):
        return [(i, Span(doc, q.start, q.end, label=q.kind)) for i, q in enumerate(found)]
    spans = []
    for i, q in enumerate(found):
        span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
        if span is not None:
            spans.append((i, span))
    return spans


def _pattern_row(pattern: dict) -> dict:
    """A checked unit pattern in its stored form (factor as an exact decimal string)."""
    u = unit_from_pattern(pattern)
    return {"unit": u.surface, "kind": u.kind, "base": u.unit, "factor": str(u.factor)}


class QuantityRecognizer:
    """Writes doc._.quantities (plain dicts, clean-text offsets) and doc.spans[spans_key]."""

    def __init__(self, nlp: Language, name: str, spans_key: str, scanner: QuantityScanner,
                 scorer: Callable | None = None):
        self.name = name
        self.spans_key = spans_key
        self.base_scanner = scanner
        self.scanner = scanner
        self.scorer = scorer
        self._patterns: list[dict] = []

    def __call__(self, doc: Doc, *, spacy_views: bool = True) -> Doc:
        """`spacy_views=False` leaves doc.spans and the span index unset: extract() reads
        only doc._.quantities."""
        text = doc_text(doc)
        found = self.scanner.scan(text)
        doc._.quantities = [found_to_doc(q) for q in found]
        if not spacy_views:
            return doc
        spans = _token_spans(doc, text, found)
        doc._.quantity_index = _index(doc._.quantities, spans)
        doc.spans[self.spans_key] = [span for _, span in spans]
        return doc

    # -- user units, as SpanRuler keeps its patterns ----------------------------------
    @property
    def patterns(self) -> list[dict]:
        """The unit rows added with add_patterns (stored form)."""
        return [dict(p) for p in self._patterns]

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add units: {"unit": "樘", "kind": "count"} or {"unit": "公顷", "kind": "area",
        "base": "平方米", "factor": "10000"} (factor a decimal string: values stay exact)."""
        rows = [_pattern_row(p) for p in patterns]  # all checked before any is used
        self._patterns.extend(rows)
        self._rebuild()

    def clear(self) -> None:
        """Forget every added unit (the packaged tables stay)."""
        self._patterns = []
        self._rebuild()

    def _rebuild(self) -> None:
        units = [unit_from_pattern(p) for p in self._patterns]
        self.scanner = self.base_scanner.with_units(units) if units else self.base_scanner

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, patterns: Iterable[dict] | None = None) -> None:
        """nlp.initialize(): the [initialize.components] block may give unit patterns."""
        if patterns is not None:
            self.clear()
            self.add_patterns(patterns)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """quantities_p/r/f (and per kind) of doc.spans[spans_key] against the reference."""
        scorer = self.scorer or score_quantities
        return scorer(examples, spans_key=self.spans_key, **kwargs)

    # -- serialization ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the added units into the component's folder of the model (units.jsonl)."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / UNITS_FILE, self._patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuantityRecognizer:
        """Read the units written by to_disk (a folder without the file adds none)."""
        file = ensure_path(path) / UNITS_FILE
        self._patterns = []
        if file.exists():
            self._patterns = [_pattern_row(p) for p in srsly.read_jsonl(file)]
        self._rebuild()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The added units as msgpack, for nlp.to_bytes()."""
        return srsly.msgpack_dumps({"patterns": self._patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuantityRecognizer:
        """Inverse of to_bytes."""
        self._patterns = [_pattern_row(p) for p in srsly.msgpack_loads(data).get("patterns", [])]
        self._rebuild()
        return self


def score_quantities(examples: Iterable[Example], spans_key: str = "quantities", **kwargs) -> dict:
    """Span P/R/F of doc.spans[spans_key], labelled by kind, under quantities_p/r/f."""
    def getter(doc: Doc, attr: str) -> list[Span]:
        return list(doc.spans.get(spans_key, []))

    return Scorer.score_spans(examples, "quantities", getter=getter,
                              has_annotation=lambda doc: spans_key in doc.spans, **kwargs)


@registry.scorers("oldcomm_ie.quantity_scorer.v1")
def make_quantity_scorer() -> Callable:
    """The scorer of oldcomm_quantities (registered so a config can name or replace it)."""
    return score_quantities


@registry.misc("oldcomm_ie.quantity_scanner.v1")
def create_quantity_scanner() -> QuantityScanner:
    """The default scanner with the packaged tables; swap it in the config to extend."""
    return default_scanner()


@Language.factory(
    "oldcomm_quantities",
    assigns=["doc._.quantities", "doc._.quantity_index", "doc.spans"],
    requires=[],  # reads only the text (and the layout the tokenizer put on the Doc)
    default_config={"spans_key": "quantities",
                    "scanner": {"@misc": "oldcomm_ie.quantity_scanner.v1"},
                    "scorer": {"@scorers": "oldcomm_ie.quantity_scorer.v1"}},
    default_score_weights={"quantities_f": 1.0, "quantities_p": 0.0, "quantities_r": 0.0},
)
def make_quantities(nlp: Language, name: str, spans_key: str, scanner: QuantityScanner,
                    scorer: Callable | None):
    """The component: see QuantityRecognizer."""
    return QuantityRecognizer(nlp, name, spans_key, scanner, scorer)
