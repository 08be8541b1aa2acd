"""The trigger, model, investor, metric and role tables the relation rules read, and the
rows a user adds to them (add_patterns)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.util import registry

from ..tables import data_rows, word_pattern

SLOTS = {"investment": "INVESTMENT", "investor": "INVESTOR", "period": "PERIOD", "outcome": "OUTCOME",
         "renovation": "RENOVATION", "anaphor": "ANAPHOR", "total": "TOTAL", "owner": "OWNER",
         "contractor": "CONTRACTOR", "loan": "LOAN", "cover": "COVER", "project_head": "PROJECT_HEAD"}
ROLES = ("total", "subsidy", "loan", "bond", "social_capital", "residents", "other")
# Trigger families a rule asks about together (does a word of any of them occur here?):
# one pattern of all their words answers in one scan.
UNIONS = {"GOES_ON": ("ANAPHOR", "OPENER"), "WORKS": ("RENOVATION", "OUTCOME", "COVER"),
          "FUNDING": ("INVESTOR", "INVESTMENT", "OWNER", "OWNER_AFTER", "LOAN")}


@dataclass(frozen=True)
class TableNames:
    """The packaged files the tables are read from (named in the component's config)."""

    triggers: str = "relation_triggers.tsv"
    models: str = "models.tsv"
    investors: str = "investor_nouns.txt"
    metrics: str = "outcome_metrics.tsv"
    roles: str = "investment_roles.tsv"


def check_pattern(p: dict) -> dict:
    """A pattern row as add_patterns takes it: {"model": "ABO+EPC"} (optional "as": the
    name output, "always": true), {"trigger": "授信", "slot": "investment", "role": "loan"}
    or {"investor": "产权单位"}; anything else is refused with the reason."""
    if not isinstance(p, dict):
        raise TypeError(f"a relation pattern is a dict, not {type(p).__name__}")
    if "model" in p:
        if not isinstance(p["model"], str) or not p["model"].strip():
            raise ValueError(f"model must be a non-empty string: {p!r}")
    elif "trigger" in p:
        if p.get("slot") not in SLOTS:
            raise ValueError(f"trigger pattern needs slot, one of {sorted(SLOTS)}: {p!r}")
        if "role" in p and p["role"] not in ROLES:
            raise ValueError(f"role must be one of {ROLES}: {p!r}")
        if "role" in p and p["slot"] != "investment":
            raise ValueError(f"only an investment trigger has a role: {p!r}")
    elif "investor" not in p:
        raise ValueError(f"a relation pattern has a model, a trigger or an investor: {p!r}")
    return dict(p)


class Tables:
    """The tables the rules read: the packaged files plus the user's pattern rows."""

    def __init__(self, names: TableNames = TableNames(), patterns: Iterable[dict] = ()) -> None:
        self.names, self.patterns = names, [check_pattern(p) for p in patterns]
        triggers = {rel: list(words.split()) for rel, words in data_rows(names.triggers)}
        rows = [row + [""] * (3 - len(row)) for row in data_rows(names.models)]
        nouns = [w for (w, *_) in data_rows(names.investors)]
        roles = {role: list(words.split()) for role, words in data_rows(names.roles)}
        for p in self.patterns:
            if "model" in p:
                rows.append([p["model"], p.get("as", ""), "always" if p.get("always") else ""])
            elif "trigger" in p:
                triggers.setdefault(SLOTS[p["slot"]], []).append(p["trigger"])
                if "role" in p:
                    roles.setdefault(p["role"], []).append(p["trigger"])
            else:
                nouns.append(p["investor"])
        self.triggers = {rel: tuple(words) for rel, words in triggers.items()}
        self.models = {term: model or term for term, model, _ in rows}
        self.always_models = {term for term, _, always in rows if always == "always"}
        self.investor_nouns = sorted(nouns, key=len, reverse=True)
        self.metrics = [(metric, set(units.split()), tuple(context.split()) if context else ())
                        for metric, units, *rest in data_rows(names.metrics)
                        for context in [rest[0] if rest else ""]]
        self.trigger_re = {rel: word_pattern(words) for rel, words in self.triggers.items()}
        self.union_re = {name: word_pattern([w for rel in rels for w in self.triggers[rel]])
                         for name, rels in UNIONS.items()}
        ascii_models = [m for m in self.models if m.isascii()]
        self.acronym_re = regex.compile(r"(?<![A-Za-z+])(?:" + word_pattern(ascii_models).pattern + r")(?![A-Za-z+])")
        # what an acronym begins with (a capital, or a table model's first character): a
        # sentence without one names none, and is not scanned for them (a plain class: the
        # standard re tests it ~4x faster than the regex module)
        self.acronym_start = re.compile("[A-Z" + "".join(re.escape(m[0]) for m in ascii_models) + "]")
        self.model_re = word_pattern([m for m in self.models if not m.isascii()])
        self.investor_re = word_pattern(self.investor_nouns)
        self.roles = [(role, tuple(words)) for role, words in roles.items()]
        self.role_re = {role: word_pattern(words) for role, words in self.roles}

    def with_patterns(self, patterns: Iterable[dict]) -> Tables:
        """The same tables with more pattern rows (a new object: tables are shared)."""
        return Tables(self.names, self.patterns + [check_pattern(p) for p in patterns])


@lru_cache(maxsize=8)
def default_tables(names: TableNames = TableNames()) -> Tables:
    return Tables(names)


@registry.misc("oldcomm_ie.relation_tables.v1")
def create_relation_tables(triggers: str = "relation_triggers.tsv", models: str = "models.tsv",
                           investors: str = "investor_nouns.txt", metrics: str = "outcome_metrics.tsv",
                           roles: str = "investment_roles.tsv") -> Tables:
    """The packaged tables, each named by its file in src/oldcomm_ie/data."""
    return default_tables(TableNames(triggers, models, investors, metrics, roles))
