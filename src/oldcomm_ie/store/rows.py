"""One document's projects as flat records: the shape the SQLite store and the exports share.

Why one module: the numbers an analyst sums (`investment_total`), the key that groups one
project reported by several documents (`project_key`) and the evidence sentence of each
slot item must be computed once, the same way for every output kind.

Fields that other stages add to the contract dict are read with `.get()`: a project's
`admin` {province, city, district, code} and an investment's `role` (total, subsidy, loan,
bond, social_capital, residents, other).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import regex

from ..numerals import decimal_text
from ..records import Extraction, Quantity

YUAN = "元"
SLOT_RELATION = {"places": "LOCATED_IN", "investors": "INVESTOR", "investments": "INVESTMENT",
                 "models": "MODEL", "periods": "PERIOD", "outcomes": "OUTCOME"}
_NOT_NAME = regex.compile(r"[^\p{Han}\p{L}\p{N}]++")   # spaces, punctuation, quotes, brackets
_YEAR = regex.compile(r"(?:19|20)\d{2}年度?+")
_GENERIC_END = regex.compile(r"(?:项目|工程)$")


def exact(value) -> str | None:
    """The exact text of a value (int, Decimal or a JSON number), never a float's noise."""
    if value is None:
        return None
    return decimal_text(value if isinstance(value, Decimal) else Decimal(str(value)))


def number(value) -> float | None:
    """The value as a REAL for sums and comparisons; None when it is not finite."""
    if value is None:
        return None
    try:
        f = float(Decimal(str(value)))
    except (InvalidOperation, OverflowError):
        return None
    return f if f not in (float("inf"), float("-inf")) else None


@dataclass
class Item:
    """One filled slot of a project, with where it came from."""

    slot: str
    text: str
    quantity: Quantity | None = None
    metric: str | None = None
    role: str | None = None
    evidence: tuple[int, int] | None = None


@dataclass
class ProjectRecord:
    name: str
    aliases: list[str]
    mentions: list[list[int]]
    province: str | None
    city: str | None
    district: str | None
    admin_code: str | None
    investment_total: Decimal | None
    project_key: str
    items: list[Item] = field(default_factory=list)

    @property
    def investments(self) -> list[Item]:
        return [i for i in self.items if i.slot == "investments"]


def as_extraction(result) -> tuple[Extraction, dict]:
    """(Extraction, its contract dict) from either; the dict carries the optional fields."""
    if isinstance(result, dict):
        return Extraction.from_dict(result), result
    return result, result.to_dict()


def project_records(result) -> list[ProjectRecord]:
    """The flat records of every project of one document (an Extraction or its dict)."""
    extraction, d = as_extraction(result)
    evidence = _EvidenceIndex(d.get("relations") or ())
    records = []
    for project, pd in zip(extraction.projects, d.get("projects") or (), strict=True):
        admin = pd.get("admin") or {}
        mentions = [tuple(m) for m in project.mentions]
        items = [Item(slot, text, evidence=evidence.find(slot, text, None, mentions))
                 for slot in ("places", "investors", "models") for text in getattr(project, slot)]
        roles = [(x or {}).get("role") for x in pd.get("investments") or ()]
        for q, qd, role in zip(project.investments, pd.get("investments") or (), roles, strict=True):
            items.append(Item("investments", q.text, q, role=role,
                              evidence=_evidence(qd, evidence, "investments", q, mentions)))
        for q, qd in zip(project.periods, pd.get("periods") or (), strict=True):
            items.append(Item("periods", q.text, q, evidence=_evidence(qd, evidence, "periods", q, mentions)))
        for o, od in zip(project.outcomes, pd.get("outcomes") or (), strict=True):
            q = o.quantity
            items.append(Item("outcomes", q.text, q, metric=o.metric,
                              evidence=_evidence(od.get("quantity") or {}, evidence, "outcomes", q, mentions)))
        records.append(ProjectRecord(
            name=project.name, aliases=list(project.aliases), mentions=[list(m) for m in mentions],
            province=admin.get("province"), city=admin.get("city"), district=admin.get("district"),
            admin_code=None if admin.get("code") is None else str(admin.get("code")),
            investment_total=investment_total([(i.quantity, i.role) for i in items if i.slot == "investments"]),
            project_key=project_key(project.name, admin), items=items))
    return records


def investment_total(investments: list[tuple[Quantity, str | None]]) -> Decimal | None:
    """Yuan invested: the amount marked as the total, else the largest single amount.

    Never a sum: a report lists a total beside its parts (central subsidy, residents'
    share), and adding them would count the money twice."""
    money = [(Decimal(q.value), role) for q, role in investments if q.kind == "money" and q.unit == YUAN]
    totals = [v for v, role in money if role == "total"]
    pool = totals or [v for v, _ in money]
    return max(pool) if pool else None


def normalized_name(name: str, admin: dict) -> str:
    """The name without layout, punctuation, years, the places its admin chain already
    says, and a trailing generic 项目/工程: the spellings of one project meet here."""
    text = _YEAR.sub("", _NOT_NAME.sub("", unicodedata.normalize("NFKC", name)))
    changed = True
    while changed:
        changed = False
        for place in (admin.get("province"), admin.get("city"), admin.get("district")):
            for form in _forms(place):
                if text.startswith(form) and len(text) > len(form):
                    text, changed = text[len(form):], True
    stripped = _GENERIC_END.sub("", text)
    return stripped or text


def _forms(place: str | None) -> list[str]:
    """A place's name and its short form without the level character (苏州市 → 苏州)."""
    if not place:
        return []
    return [place, place[:-1]] if len(place) >= 3 else [place]


def project_key(name: str, admin: dict) -> str:
    """Where (division code, else the names of the chain) + the normalized name."""
    names = [str(admin.get(k) or "") for k in ("province", "city", "district")]
    where = admin.get("code") or ("/".join(names) if any(names) else "?")
    return f"{where}|{normalized_name(name, admin)}"


class _EvidenceIndex:
    """The sentence of the relation that put an item into a project's slot."""

    def __init__(self, relations):
        self.by_text: dict[tuple[str, str], list[dict]] = {}
        self.by_span: dict[tuple[str, int, int], list[dict]] = {}
        for r in relations:
            self.by_text.setdefault((r["label"], r.get("tail_text", "")), []).append(r)
            self.by_span.setdefault((r["label"], *r["tail"]), []).append(r)

    def find(self, slot: str, text: str, span, mentions) -> tuple[int, int] | None:
        label = SLOT_RELATION[slot]
        found = self.by_span.get((label, *span), []) if span else self.by_text.get((label, text), [])
        for r in found:  # prefer a link whose head is a mention of this very project
            if tuple(r["head"]) in mentions:
                return tuple(r["evidence"])
        return tuple(found[0]["evidence"]) if found else None


def _evidence(qd: dict, index: _EvidenceIndex, slot: str, q: Quantity, mentions) -> tuple[int, int]:
    """The sentence the stage recorded, else its relation's, else the amount's own span."""
    given = qd.get("evidence")
    if isinstance(given, (list, tuple)) and len(given) == 2:
        return tuple(given)
    return index.find(slot, q.text, (q.start, q.end), mentions) or (q.start, q.end)
