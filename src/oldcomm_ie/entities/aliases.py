"""Aliases: a short form defined in brackets (（以下简称建融住房）) and a quoted project
brand are the same entity wherever they recur in the text."""
from __future__ import annotations

import regex

from .resolve import Cand, resolve

_ALIAS_RE = regex.compile(r"[（(]\s*(?:以下)?(?:简称|下称)[“\"「]?([^）)”\"」，,]{2,10})[”\"」]?\s*[)）]")


def add_aliases(text: str, chosen: list[Cand]) -> list[Cand]:
    """The chosen layer with every recurrence of a defined alias added (then resolved)."""
    defined = {}
    by_end = {c.end: c for c in chosen}
    for m in _ALIAS_RE.finditer(text):
        ref = by_end.get(m.start()) or by_end.get(m.start() - 1)
        if ref is not None:
            defined[m.group(1)] = ref
    for c in chosen:
        if c.source == "quoted":
            defined.setdefault(text[c.start:c.end], c)
    if not defined:
        return chosen
    extra = []
    for name, ref in defined.items():
        for m in regex.finditer(regex.escape(name), text):
            extra.append(Cand(m.start(), m.end(), ref.label, ref.subtype, "alias"))
    return resolve(chosen + extra)
