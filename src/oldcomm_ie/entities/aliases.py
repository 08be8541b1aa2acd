"""Aliases: a short form defined in brackets (（以下简称建融住房）) and a quoted project
brand are the same entity wherever they recur in the text."""
from __future__ import annotations

import ahocorasick
import regex

from .resolve import Cand, resolve

_ALIAS_RE = regex.compile(r"[（(]\s*(?:以下)?(?:简称|下称)[“\"「]?([^）)”\"」，,]{2,10})[”\"」]?\s*[)）]")


def add_aliases(text: str, chosen: list[Cand]) -> list[Cand]:
    """The chosen layer with every recurrence of a defined alias added (then resolved).
    All aliases are found in one pass of an automaton, so many distinct aliases cost no
    more than one."""
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
    auto = ahocorasick.Automaton()
    for name in defined:
        auto.add_word(name, name)
    auto.make_automaton()
    extra = []
    for end, name in auto.iter(text):
        ref = defined[name]
        extra.append(Cand(end + 1 - len(name), end + 1, ref.label, ref.subtype, "alias"))
    return resolve(chosen + extra)
