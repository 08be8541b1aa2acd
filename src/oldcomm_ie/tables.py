"""Reading the packaged data tables (src/oldcomm_ie/data): one place for all stages."""
from __future__ import annotations

import re
from importlib import resources


def data_text(name: str) -> str:
    return resources.files("oldcomm_ie").joinpath("data", name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[str]:
    """The lines of a data file, without blank and comment (#) lines."""
    return [line for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file."""
    return [line.split("\t") for line in _data_lines(name)]


def data_words(name: str) -> frozenset[str]:
    """The first column of a word list's rows, as a set: a Python set answers a membership
    test about fifteen times faster than a marisa trie, and the rules ask thousands a text
    (only the first field is cut off: the lexicon has 290,000 rows)."""
    return frozenset(line.split("\t", 1)[0] for line in _data_lines(name))


def load_trie(name: str, trie):
    """Load a packaged marisa trie (memory-mapped where the package is a real folder)."""
    with resources.as_file(resources.files("oldcomm_ie").joinpath("data", name)) as path:
        trie.load(str(path))
    return trie


def lengths_by_opening(words, width: int = 1) -> dict[str, tuple[int, ...]]:
    """Opening (the first `width` characters) → lengths of the words it begins, longest
    first; words shorter than `width` are left out.  A longest-match probe then tries only
    the lengths a word there can have, not every length up to the longest word."""
    lengths: dict[str, set[int]] = {}
    for w in words:
        if len(w) >= width:
            lengths.setdefault(w[:width], set()).add(len(w))
    return {head: tuple(sorted(ns, reverse=True)) for head, ns in lengths.items()}


def word_pattern(words) -> re.Pattern:
    """One pattern for a table's word list, longest first (so 估算总投资 wins over 投资); an
    empty list matches nothing.  Plain words need none of the regex module's features, and
    the standard engine scans an alternation of them several times faster."""
    words = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) if words else r"(?!)")
