"""The trigger, model, investor and metric tables the relation rules read."""
from __future__ import annotations

from functools import lru_cache

import regex
from spacy.util import registry

from ..tables import data_rows


class Tables:
    """The trigger, model, investor and metric tables the rules read."""

    def __init__(self) -> None:
        self.triggers = {rel: tuple(words.split()) for rel, words in data_rows("relation_triggers.tsv")}
        rows = data_rows("models.tsv")
        self.models = {row[0]: (row[1] if len(row) > 1 and row[1] else row[0]) for row in rows}
        self.always_models = {row[0] for row in rows if len(row) > 2 and row[2] == "always"}
        self.investor_nouns = sorted((w for (w, *_) in data_rows("investor_nouns.txt")), key=len, reverse=True)
        self.metrics = [(metric, set(units.split()), tuple(context.split()) if context else ())
                        for metric, units, *rest in data_rows("outcome_metrics.tsv")
                        for context in [rest[0] if rest else ""]]
        self.trigger_re = {rel: _alternation(words) for rel, words in self.triggers.items()}
        ascii_models = [m for m in self.models if m.isascii()]
        self.acronym_re = regex.compile(
            r"(?<![A-Za-z+])(?:" + "|".join(map(regex.escape, sorted(ascii_models, key=len, reverse=True)))
            + r")(?![A-Za-z+])")
        cjk_models = [m for m in self.models if not m.isascii()]
        self.model_re = regex.compile("|".join(map(regex.escape, sorted(cjk_models, key=len, reverse=True))))
        self.investor_re = regex.compile("|".join(map(regex.escape, self.investor_nouns)))
        self.roles = [(role, tuple(words.split())) for role, words in data_rows("investment_roles.tsv")]
        self.role_re = {role: _alternation(words) for role, words in self.roles}


def _alternation(words) -> regex.Pattern:
    """One pattern for a word list, longest first (so 估算总投资 wins over 投资)."""
    return regex.compile("|".join(map(regex.escape, sorted(words, key=len, reverse=True))))


@lru_cache(maxsize=1)
def default_tables() -> Tables:
    return Tables()


@registry.misc("oldcomm_ie.relation_tables.v1")
def create_relation_tables() -> Tables:
    """The packaged trigger, model, investor and metric tables."""
    return default_tables()
