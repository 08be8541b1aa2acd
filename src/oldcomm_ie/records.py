"""What a user gets back: Quantity, Entity, Project and Extraction, in raw offsets.

The pipeline stages leave plain dicts with clean-text offsets on the Doc; this module is
the one place that maps them back to the caller's string (through doc._.layout) and
shapes them as ../shared/CONTRACT.md says.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc

from .layout import Layout, doc_layout
from .numerals import PLAIN_MAX, to_json_number, to_plain


@dataclass(frozen=True)
class Quantity:
    """An amount; `value` and `value_max` are exact (int or Decimal)."""

    start: int
    end: int
    text: str
    kind: str
    value: int | Decimal
    unit: str
    qualifier: str = "exact"
    value_max: int | Decimal | None = None
    out_of_range: bool = False

    def to_dict(self) -> dict:
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": to_json_number(Decimal(self.value)),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "value_max": None if self.value_max is None else to_json_number(Decimal(self.value_max)),
        }
        if self.out_of_range:
            d["out_of_range"] = True
        return d


def _admin(admin: dict | None) -> dict:
    """The `admin` key of a place or project, present only once the admin stage set it."""
    return {} if admin is None else {"admin": dict(admin)}


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    subtype: str | None = None
    # PLACE: {"province", "city", "district", "street", "code"} (oldcomm_admin; None before)
    admin: dict | None = field(default=None, hash=False)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "subtype": self.subtype,
            **_admin(self.admin),
        }


@dataclass
class Outcome:
    metric: str
    quantity: Quantity

    def to_dict(self) -> dict:
        return {"metric": self.metric, "quantity": self.quantity.to_dict()}


@dataclass
class Project:
    """One record per distinct project: the row a user wants in a table."""

    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    investments: list[Quantity] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    periods: list[Quantity] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    investment_roles: list[str] = field(default_factory=list)  # one per investment: total, loan, …
    # {"province", "city", "district", "code"} of where it is (oldcomm_admin; None before)
    admin: dict | None = None

    def to_dict(self) -> dict:
        roles = self.investment_roles or ["other"] * len(self.investments)
        return {
            "name": self.name,
            "mentions": [list(m) for m in self.mentions],
            "aliases": list(self.aliases),
            "places": list(self.places),
            "investors": list(self.investors),
            "investments": [{**q.to_dict(), "role": role} for q, role in zip(self.investments, roles, strict=False)],
            "models": list(self.models),
            "periods": [q.to_dict() for q in self.periods],
            "outcomes": [o.to_dict() for o in self.outcomes],
            **_admin(self.admin),
        }


@dataclass
class Relation:
    """A labelled link with the sentence that states it (raw offsets)."""

    label: str
    head: tuple[int, int]
    tail: tuple[int, int]
    evidence: tuple[int, int]
    head_text: str = ""
    tail_text: str = ""

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "head": list(self.head),
            "tail": list(self.tail),
            "evidence": list(self.evidence),
            "head_text": self.head_text,
            "tail_text": self.tail_text,
        }


@dataclass
class Extraction:
    """Everything extracted from one document; `to_dict()` is the contract's JSON."""

    doc_id: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # Why nothing was extracted (extract_many(errors="record") on a bad item), else None.
    error: str | None = None
    # Set when the text was read from a file: the text the offsets point into, and how it
    # was read (path, kind, encoding, title/date/source, page start offsets, warnings).
    text: str | None = None
    meta: dict = field(default_factory=dict)

    def page_of(self, offset: int) -> int | None:
        """The 1-based page an offset falls on, for a document read from a PDF."""
        pages = self.meta.get("pages")
        return bisect.bisect_right(pages, offset) if pages else None

    def to_dict(self) -> dict:
        d = {
            "doc_id": self.doc_id,
            "quantities": [q.to_dict() for q in self.quantities],
            "entities": [e.to_dict() for e in self.entities],
            "projects": [p.to_dict() for p in self.projects],
            "relations": [r.to_dict() for r in self.relations],
        }
        if self.error:
            d["error"] = self.error
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Extraction:
        """The inverse of to_dict (as a worker or a JSONL file hands it back)."""

        def q(x):
            return Quantity(
                x["start"],
                x["end"],
                x["text"],
                x["kind"],
                x["value"],
                x["unit"],
                x.get("qualifier", "exact"),
                x.get("value_max"),
                x.get("out_of_range", False),
            )

        projects = [
            Project(
                p["name"],
                [tuple(m) for m in p["mentions"]],
                p["places"],
                p["investors"],
                [q(x) for x in p["investments"]],
                p["models"],
                [q(x) for x in p["periods"]],
                [Outcome(o["metric"], q(o["quantity"])) for o in p["outcomes"]],
                p.get("aliases", []),
                [x.get("role", "other") for x in p["investments"]],
                p.get("admin"),
            )
            for p in d.get("projects", ())
        ]
        relations = [
            Relation(
                r["label"],
                tuple(r["head"]),
                tuple(r["tail"]),
                tuple(r["evidence"]),
                r.get("head_text", ""),
                r.get("tail_text", ""),
            )
            for r in d.get("relations", ())
        ]
        return cls(
            d.get("doc_id"),
            [q(x) for x in d.get("quantities", ())],
            [
                Entity(e["start"], e["end"], e["text"], e["label"], e.get("subtype"), e.get("admin"))
                for e in d.get("entities", ())
            ],
            projects,
            relations,
            d.get("error"),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def _repr_html_(self) -> str:
        """The project table and the marked text, for Jupyter."""
        from .render import fragment

        return fragment(self)

    def to_dataframe(self):
        """One row per filled project slot (needs pandas: pip install oldcomm-ie[dataframe])."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'oldcomm-ie[dataframe]'") from exc
        return pd.DataFrame(project_rows(self), columns=ROW_COLUMNS)


ROW_COLUMNS = ["doc_id", "project", "slot", "text", "value", "unit", "metric", "start", "end"]


def project_rows(extraction: Extraction) -> list[dict]:
    """The project table, one row per slot value (the shape of to_dataframe and CSV)."""
    rows = []
    for p in extraction.projects:
        base = {"doc_id": extraction.doc_id, "project": p.name}
        for slot in ("places", "investors", "models"):
            for item in getattr(p, slot):
                rows.append({**base, "slot": slot, "text": item})
        for slot in ("investments", "periods"):
            for q in getattr(p, slot):
                rows.append(
                    {
                        **base,
                        "slot": slot,
                        "text": q.text,
                        "value": to_json_number(Decimal(q.value)),
                        "unit": q.unit,
                        "start": q.start,
                        "end": q.end,
                    }
                )
        for o in p.outcomes:
            q = o.quantity
            rows.append(
                {
                    **base,
                    "slot": "outcomes",
                    "text": q.text,
                    "value": to_json_number(Decimal(q.value)),
                    "unit": q.unit,
                    "metric": o.metric,
                    "start": q.start,
                    "end": q.end,
                }
            )
    return [{c: r.get(c) for c in ROW_COLUMNS} for r in rows]


_PLAIN_DIGITS = len(str(int(PLAIN_MAX))) - 1   # a whole number of no more digits lies below PLAIN_MAX


def _exact(text: str) -> int | Decimal:
    if text.isascii() and text.isdigit() and len(text) <= _PLAIN_DIGITS:  # most values: read without a Decimal
        return int(text)
    value = Decimal(text)
    return to_plain(value) if abs(value) < PLAIN_MAX else value


def quantity_from_doc(layout: Layout, q: dict) -> Quantity:
    start, end = layout.raw_span(q["start"], q["end"])
    vmax = q.get("value_max")
    return Quantity(
        start,
        end,
        layout.surface(q["start"], q["end"]),
        q["kind"],
        _exact(q["value"]),
        q["unit"],
        q["qualifier"],
        None if vmax is None else _exact(vmax),
        q.get("out_of_range", False),
    )


def entity_from_doc(layout: Layout, e: dict) -> Entity:
    start, end = layout.raw_span(e["start"], e["end"])
    return Entity(start, end, layout.surface(e["start"], e["end"]), e["label"], e.get("subtype"), e.get("admin"))


def from_doc(doc: Doc, doc_id: str | None = None) -> Extraction:
    """Build the Extraction from what the pipeline left on the Doc."""
    layout = doc_layout(doc)
    plain = doc._.quantities or ()
    quantities = [quantity_from_doc(layout, q) for q in plain]
    entities = [entity_from_doc(layout, e) for e in (_get(doc, "entities") or ())]
    by_clean = {(q["start"], q["end"]): built for q, built in zip(plain, quantities, strict=True)}
    projects = [project_from_doc(layout, p, by_clean) for p in (_get(doc, "projects") or ())]
    relations = [relation_from_doc(layout, r) for r in (_get(doc, "relations") or ())]
    text = layout.raw if isinstance(layout.raw, str) else None  # the string the offsets point into
    return Extraction(doc_id, quantities, entities, projects, relations, text=text)


def _get(doc: Doc, name: str):
    return getattr(doc._, name) if Doc.has_extension(name) else None


def project_from_doc(layout: Layout, p: dict, quantities: dict) -> Project:
    def q(span):
        return quantities[tuple(span)]

    return Project(
        name=p["name"],
        mentions=[layout.raw_span(s, e) for s, e in p["mentions"]],
        places=list(p.get("places", ())),
        investors=list(p.get("investors", ())),
        investments=[q(s) for s in p.get("investments", ())],
        models=list(p.get("models", ())),
        periods=[q(s) for s in p.get("periods", ())],
        outcomes=[Outcome(metric, q(s)) for metric, s in p.get("outcomes", ())],
        aliases=list(p.get("aliases", ())),
        investment_roles=list(p.get("investment_roles", ())) or ["other"] * len(p.get("investments", ())),
        admin=p.get("admin"),
    )


def relation_from_doc(layout: Layout, r: dict) -> Relation:
    head = layout.raw_span(*r["head"])
    tail = layout.raw_span(*r["tail"])
    evidence = layout.raw_span(*r["evidence"])
    return Relation(r["label"], head, tail, evidence, layout.surface(*r["head"]), layout.surface(*r["tail"]))
