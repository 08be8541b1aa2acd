"""An HTML page a person can read: the entities and amounts highlighted (displaCy), the
project records as a table, and each relation with the sentence that states it."""
from __future__ import annotations

import html

from spacy import displacy

from .pipeline import extract
from .records import Extraction

COLORS = {"ORG": "#7aecec", "PLACE": "#bfeeb7", "PROJECT": "#feca74", "QUANTITY": "#e4e7d2"}


def _spans(result: Extraction) -> list[dict]:
    spans = [{"start": e.start, "end": e.end, "label": e.label} for e in result.entities]
    taken = [(s["start"], s["end"]) for s in spans]
    for q in result.quantities:
        if not any(a < q.end and q.start < b for a, b in taken):
            spans.append({"start": q.start, "end": q.end, "label": "QUANTITY"})
    return sorted(spans, key=lambda s: s["start"])


def render(text: str, result: Extraction | None = None, title: str = "oldcomm-ie") -> str:
    """A self-contained HTML page for `text` (extracted here unless `result` is given)."""
    result = result if result is not None else extract(text)
    marked = displacy.render({"text": text, "ents": _spans(result), "title": None}, style="ent", manual=True,
                             options={"colors": COLORS}, page=False)
    rows = []
    for p in result.projects:
        cells = [p.name, "、".join(p.places), "、".join(p.investors),
                 "、".join(q.text for q in p.investments), "、".join(p.models),
                 "、".join(q.text for q in p.periods),
                 "、".join(f"{o.metric}: {o.quantity.text}" for o in p.outcomes)]
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    rels = []
    for r in result.relations:
        sentence = text[r.evidence[0]:r.evidence[1]]
        rels.append(f"<li><b>{html.escape(r.label)}</b> {html.escape(r.head_text)} → {html.escape(r.tail_text)}"
                    f"<br><small>{html.escape(sentence)}</small></li>")
    head = "".join(f"<th>{h}</th>" for h in ("project", "places", "investors", "investments", "models",
                                             "periods", "outcomes"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><h2>Projects</h2><table><tr>{head}</tr>{''.join(rows)}</table>"
            f"<h2>Text</h2>{marked}<h2>Relations</h2><ol>{''.join(rels)}</ol></body></html>")
