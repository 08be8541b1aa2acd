"""HTML a person can read: the project table with the sentences behind it, and the text
with every entity (label and subtype) and amount (kind and exact value) marked.

Written by hand rather than with displaCy: displaCy returns None inside Jupyter (it
displays instead), cannot nest an amount inside a project name, and shows only a label.
Everything taken from the text is escaped.
"""
from __future__ import annotations

import html
from decimal import Decimal

from .numerals import decimal_text
from .records import Extraction

COLORS = {"ORG": "#7aecec", "PLACE": "#bfeeb7", "PROJECT": "#feca74", "QUANTITY": "#e4e7d2"}
STYLE = ("<style>.oc{font-family:sans-serif;line-height:2.2}.oc table{border-collapse:collapse;line-height:1.4}"
         ".oc td,.oc th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}"
         ".oc mark{padding:0 .15em;border-radius:.3em}.oc sup{font-size:.6em;font-weight:bold;margin-left:.2em}"
         ".oc small{color:#555}</style>")
PROJECT_COLUMNS = ("project", "places", "investors", "investments", "models", "periods", "outcomes", "evidence")


def _marks(result: Extraction) -> list[tuple[int, int, str, str]]:
    """(start, end, colour key, tag) for entities and amounts, outer spans first."""
    marks = [(e.start, e.end, e.label, e.label + (f" · {e.subtype}" if e.subtype else "")) for e in result.entities]
    for q in result.quantities:
        value = decimal_text(Decimal(q.value))
        if q.value_max is not None:
            value += "–" + decimal_text(Decimal(q.value_max))
        marks.append((q.start, q.end, "QUANTITY", f"{q.kind} {value} {q.unit}"))
    return sorted(marks, key=lambda m: (m[0], -m[1]))


def marked_text(text: str, result: Extraction) -> str:
    """The text as HTML with nested marks; a span that crosses another's edge is left unmarked."""
    out, pos, open_ends = [], 0, []
    for start, end, key, tag in _marks(result):
        while open_ends and open_ends[-1][0] <= start:
            close_at, close_tag = open_ends.pop()
            out.append(html.escape(text[pos:close_at]) + close_tag)
            pos = close_at
        if open_ends and end > open_ends[-1][0]:
            continue
        out.append(html.escape(text[pos:start]) + f'<mark style="background:{COLORS[key]}" title="{html.escape(tag)}">')
        pos = start
        open_ends.append((end, f"<sup>{html.escape(tag)}</sup></mark>"))
    while open_ends:
        close_at, close_tag = open_ends.pop()
        out.append(html.escape(text[pos:close_at]) + close_tag)
        pos = close_at
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def _evidence(text: str | None, result: Extraction, mentions: list[tuple[int, int]]) -> list[str]:
    """The sentences of the relations whose head is one of the project's mentions."""
    if text is None:
        return []
    heads = set(map(tuple, mentions))
    seen: dict[tuple[int, int], str] = {}
    for r in result.relations:
        if tuple(r.head) in heads:
            seen.setdefault(tuple(r.evidence), text[r.evidence[0]:r.evidence[1]])
    return list(seen.values())


def project_table(result: Extraction, text: str | None = None) -> str:
    """One row per project, each slot in its own cell, and the sentences that state it."""
    rows = []
    for p in result.projects:
        cells = [p.name, "、".join(p.places), "、".join(p.investors),
                 "、".join(q.text for q in p.investments), "、".join(p.models),
                 "、".join(q.text for q in p.periods),
                 "、".join(f"{o.metric}: {o.quantity.text}" for o in p.outcomes)]
        row = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        evidence = "<br>".join(f"<small>{html.escape(s)}</small>" for s in _evidence(text, result, p.mentions))
        rows.append(f"<tr>{row}<td>{evidence}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in PROJECT_COLUMNS)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def fragment(result: Extraction, text: str | None = None) -> str:
    """The HTML block for a notebook cell (what Extraction._repr_html_ shows)."""
    text = text if text is not None else getattr(result, "text", None)
    parts = [STYLE, '<div class="oc">', f"<b>{len(result.projects)} projects</b>", project_table(result, text)]
    if text is not None:
        parts += ["<b>Text</b>", f"<div>{marked_text(text, result)}</div>"]
    parts.append("</div>")
    return "".join(parts)


def render(text: str, result: Extraction | None = None, title: str = "oldcomm-ie") -> str:
    """A self-contained HTML page for `text` (extracted here unless `result` is given); the
    same string inside and outside Jupyter."""
    if result is None:
        from .pipeline import extract

        result = extract(text)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><h1>{html.escape(title)}</h1>{fragment(result, text)}</body></html>")
