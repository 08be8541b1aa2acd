"""Banks by their short forms (国开行, 中行, 农商行) and their branch chains: a bank, the
places of its branch and 分行/支行 make one name (农发行某省某市分行), and a branch
standing alone (某市分行) names a bank once a bank has been named in the text."""
from __future__ import annotations

import regex

from ..chars import is_cjk
from ..tables import word_pattern
from .reading import Reader
from .resolve import Cand

_BRANCHES = ("分行", "支行", "营业部", "分理处")
_BRANCH_RE = regex.compile("|".join(_BRANCHES))
_GAP = 4  # characters of a branch name the gazetteer does not know (花桥支行)


class BankRules:
    """Bank candidates and the growth of a bank over its branch chain."""

    def __init__(self, reader: Reader) -> None:
        self.read, self.lex = reader, reader.lex
        self.short_re = word_pattern(self.lex.banks)

    def short_forms(self, text: str) -> list[Cand]:
        """国开行, 建行 …, unless the short form ends a word begun before it (施工行业) or
        its end begins an everyday word (农行业 reads 农|行业)."""
        out = []
        words = self.lex.words
        for m in self.short_re.finditer(text):
            s, e = m.start(), m.end()
            if s > 0 and is_cjk(text[s - 1]) and text[s - 1:s + 1] in words or text[e - 1:e + 1] in self.lex.everyday:
                continue
            out.append(Cand(s, e, "ORG", "bank", "structure"))
        return out

    def chain_end(self, text: str, pos: int, place_at: dict[int, int]) -> int | None:
        """End of the branch chain right after a bank ending at pos (places, an unknown
        name of up to four characters, 分行/支行), or None."""
        p = pos
        while p in place_at and place_at[p] > p:
            p = place_at[p]
        for n in range(_GAP + 1):
            q = p + n
            if n and (not is_cjk(text[q - 1:q] or ".") or text[q - 1] in self.lex.boundary):
                return None
            b = _BRANCH_RE.match(text, q)
            if b:
                return b.end() if (p > pos or n) else None
        return None

    def standalone(self, text: str, places: dict[int, int], named: int) -> list[Cand]:
        """某市分行 after the first bank named at `named`: its places and the branch."""
        out = []
        for m in _BRANCH_RE.finditer(text, named):
            start = m.start()
            while start in places and places[start] < start:
                start = places[start]
            if start < m.start():
                out.append(Cand(start, m.end(), "ORG", "bank", "structure"))
        return out
