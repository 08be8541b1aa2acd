"""The unit, qualifier and context tables of data/, read once and shared by all rules.

Rules live in the sibling modules; every word list they consult is a row of a data file
(units.tsv, measure_words.txt, qualifiers.tsv, not_amount.tsv, numeral_words.txt,
currency_prefixes.tsv, money_context.txt, numbered_names.txt), never a literal in code.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from ..tables import data_rows

KINDS = ("money", "area", "volume", "length", "count", "percent", "ratio", "duration")


@dataclass(frozen=True)
class Unit:
    """A unit as written (`surface`) and what it normalizes to: base unit, kind, factor."""

    surface: str
    unit: str
    kind: str
    factor: Decimal


@cache
def unit_table() -> dict[str, Unit]:
    """Surface → Unit, from data/units.tsv and data/measure_words.txt."""
    table: dict[str, Unit] = {}
    for (word, *_) in data_rows("measure_words.txt"):
        table[word.strip()] = Unit(word.strip(), word.strip(), "count", Decimal(1))
    for surface, unit, kind, factor in data_rows("units.tsv"):
        table[surface] = Unit(surface, unit, kind, Decimal(factor))
    return table


def unit_from_pattern(pattern: dict) -> Unit:
    """A user's unit row {"unit", "kind", "base"?, "factor"?} as a Unit; raises ValueError
    on a row the scanner could not use (so a typo fails at add_patterns, not silently)."""
    if not isinstance(pattern, dict):
        raise ValueError(f"a unit pattern is a dict, not {type(pattern).__name__}")
    surface, kind = pattern.get("unit"), pattern.get("kind")
    if not isinstance(surface, str) or not surface.strip():
        raise ValueError(f"unit pattern needs a non-empty 'unit' string: {pattern!r}")
    if kind not in KINDS:
        raise ValueError(f"unit pattern 'kind' must be one of {KINDS}: {pattern!r}")
    base = pattern.get("base") or surface
    try:
        factor = Decimal(str(pattern.get("factor", "1")))
    except InvalidOperation:
        raise ValueError(f"unit pattern 'factor' must be a decimal string: {pattern!r}") from None
    if not factor.is_finite() or factor <= 0:
        raise ValueError(f"unit pattern 'factor' must be positive: {pattern!r}")
    return Unit(surface.strip(), base, kind, factor)


@cache
def numeral_words() -> frozenset[str]:
    """Words and idioms holding a numeral that is no amount (一切, 一体化 …)."""
    return frozenset(w.strip() for (w, *_) in data_rows("numeral_words.txt"))


@cache
def numbered_names() -> frozenset[str]:
    """Policy formulas and fixed names (两个一百年, 八一, 二次元): data/numbered_names.txt."""
    return frozenset(w.strip() for (w, *_) in data_rows("numbered_names.txt"))


@cache
def money_context() -> frozenset[str]:
    """Words after which 2.6亿, 5000万 (no 元) are money: data/money_context.txt."""
    return frozenset(w.strip() for (w, *_) in data_rows("money_context.txt"))


@cache
def qualifier_table() -> tuple[dict[str, str], dict[str, str]]:
    """(prefix words, suffix words) → qualifier, from data/qualifiers.tsv."""
    prefix, suffix = {}, {}
    for where, word, qualifier in data_rows("qualifiers.tsv"):
        if where in ("prefix", "suffix"):
            (prefix if where == "prefix" else suffix)[word] = qualifier
    return prefix, suffix


@cache
def qualifier_words(where: str) -> frozenset[str]:
    """The "block" or "gap" words of data/qualifiers.tsv (see its header)."""
    return frozenset(word for kind, word, _ in data_rows("qualifiers.tsv") if kind == where)


@cache
def context_rules() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(rule, applies_to, before|after, words) from data/not_amount.tsv."""
    rules = []
    for rule, applies, where, words in data_rows("not_amount.tsv"):
        rules.append((rule, applies, where, tuple(sorted(words.split(), key=len, reverse=True))))
    return tuple(rules)


@cache
def currency_prefixes() -> dict[str, str]:
    """人民币, 港币, CNY …: currency words written before the number."""
    return {surface: unit for surface, unit in data_rows("currency_prefixes.tsv")}
