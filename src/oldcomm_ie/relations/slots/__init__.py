"""Filling a project's slots from one sentence: amounts, models, investors."""
from __future__ import annotations

import bisect

from ..records import Mention, Record
from ..scopes import Span
from ..tables import Tables
from .amounts import fill_amounts
from .investors import fill_investors
from .models import fill_models
from .places import fill_places


def owner_of(mentions: list[Mention]):
    """The mention a position in the sentence belongs to: the last one that starts at or
    before it (a bisect, so a sentence of many mentions stays linear)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]

    def owner(pos: int) -> Mention:
        k = bisect.bisect_right(starts, pos)
        return ordered[k - 1] if k else mentions[0]
    return owner


def fill(t: Tables, text: str, sent: Span, mentions: list[Mention], records: dict[str, Record],
         ents, qs, relations: list[dict], direct: bool = True) -> None:
    """Every slot a sentence states for the projects it mentions (direct) or speaks of."""
    sentence = text[sent.start:sent.end]
    owner = owner_of(mentions)
    here = ents.among(sent)
    fill_amounts(t, text, sent, qs.among(sent), records, relations, owner)
    fill_models(t, sentence, sent, records, relations, owner)
    fill_places(t, text, sent, here, records, relations, owner, direct)
    if t.union_re["FUNDING"].search(text, sent.start, sent.end):
        fill_investors(t, text, sent, here, records, relations, owner)
