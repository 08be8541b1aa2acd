"""Funding and operating models named for a project (PPP, EPC, 政府引导 …)."""

from __future__ import annotations

import re

import regex

from ..records import relation
from ..scopes import Span
from ..tables import Tables

_MODEL_CONTEXT = regex.compile(
    r"(?:以|通过|采取|采用|实行|按照|探索|来自|来源于|来源为|申请|争取|利用|使用|发行)[^，。]{0,12}$"
)
# On the standard re, ~3x faster a sentence: no atomic group is needed, as a shorter
# match would end before a letter or a "+", which the lookahead refuses.
_ACRONYM = re.compile(r"(?<![A-Za-z+])[A-Z]{2,5}s?(?:\+[A-Z]{1,5}s?)*(?![A-Za-z+])")
_MODEL_AFTER = regex.compile(r"^[^，。]{0,14}?(?:模式|方式|机制|运作|合作)")
_QUOTED_NAME_MODEL = regex.compile(r"[“\"]([^”\"]{2,10}模式)[”\"]")
_QUOTED_MODEL = regex.compile(r"[“\"]([^”\"]{2,30})[”\"](?:的)?(?:[^，。]{0,6})?(?:模式|机制|方式)")
_LIST_MARK = regex.compile("[、，,]")
_MODEL_WORDS = ("模式", "机制", "方式")   # one of them ends every quoted model (the two patterns above)


def fill_models(t: Tables, sentence: str, sent: Span, records, relations, owner) -> None:
    """Acronyms from the table; Chinese terms only where the text speaks of a model."""

    def add(model: str, start: int, end: int) -> None:
        m = owner(start)
        if records[m.key].add("models", model):
            relations.append(relation("MODEL", (m.start, m.end), (start, end), sent))

    if t.acronym_start.search(sentence):  # acronyms: from the table, or by shape
        for mm in t.acronym_re.finditer(sentence):
            add(t.models[mm.group(0)], sent.start + mm.start(), sent.start + mm.end())
        for mm in _ACRONYM.finditer(sentence):  # by shape: ABO+EPC, EPC+O next to a model word
            if (
                mm.group(0) not in t.models
                and "+" in mm.group(0)
                or (
                    mm.group(0) not in t.models
                    and (_MODEL_CONTEXT.search(sentence[: mm.start()]) or _MODEL_AFTER.search(sentence[mm.end() :]))
                )
            ):
                add(mm.group(0), sent.start + mm.start(), sent.start + mm.end())
    for mm in t.model_re.finditer(sentence):
        named = (
            mm.group(0) in t.always_models
            or _MODEL_CONTEXT.search(sentence[: mm.start()])
            or _MODEL_AFTER.search(sentence[mm.end() :])
            or sentence[mm.start() - 1 : mm.start()] in '“"、'
            or sentence[mm.end() : mm.end() + 1] in '”"、'
        )
        if named:
            add(t.models[mm.group(0)], sent.start + mm.start(), sent.start + mm.end())
    if ("“" in sentence or '"' in sentence) and any(w in sentence for w in _MODEL_WORDS):  # quoted names
        for mm in _QUOTED_NAME_MODEL.finditer(sentence):
            start = sent.start + mm.start(1)
            add(mm.group(1), start, start + len(mm.group(1)))
        for mm in _QUOTED_MODEL.finditer(sentence):
            start = sent.start + mm.start(1)
            for part in _LIST_MARK.split(mm.group(1)):
                if 2 <= len(part) <= 12:
                    add(part, start, start + len(mm.group(1)))
