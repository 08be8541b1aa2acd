"""Reading a name leftwards from its suffix, word by word: the boundary reading every
family (places, organizations, projects) shares, and the checks that a name part is only
everyday or generic words."""
from __future__ import annotations

import regex

from ..chars import is_cjk
from .gazetteer import Lexicon

_NEGATIONS = set("不没未别莫")
LOCATIVES = set("中上下内外前后东西南北里")
# Function characters that end a longer dictionary word before a name (特别是在|X片区,
# 主要为|小区): the word is a phrase, not part of the name.
FUNCTION_CHARS = set("在为对将把被从向于是等")


def alternation(words) -> str:
    """A regex alternation of words, longest first (so the longest word matches)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


class Reader:
    """Where a name that ends at a suffix begins, by the lexicon's words."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def left(self, text: str, end: int, lo: int, hi: int, kind: str, places: dict[int, int],
             stops=frozenset(), road: bool = False, step=None) -> int:
        """Start of a name whose body ends at `end`, read word by word leftwards; -1 when
        the body is shorter than lo.  kind: "place", "org" or "project".
        A place (ending in `places`) is taken whole by organizations and projects and
        begins their name unless another place stands right before it; `stops` (ends of
        administrative places and amounts) end the name.  `road`: a road name may begin
        with a verb (建设路), other places may not.  `step(text, i, took_place)`: the start
        of a piece the family reads over at i (a project's phase, bracket …), i to stop
        there, or None."""
        i = end
        took_place = False
        word_before = self.lex.word_before
        while i > 0 and end - i < hi:
            if i in stops:
                break
            j = step(text, i, took_place) if step is not None else None
            if j == i:
                break
            if j is not None and j < i:
                i, took_place = j, False
                continue
            if kind != "place" and i in places:
                i = places[i]
                took_place = True
                continue
            if took_place:
                break
            ch = text[i - 1]
            if not ("\u4e00" <= ch <= "\u9fff" or is_cjk(ch)):  # the common block first
                if kind == "project" and (ch.isdigit() or (ch.isascii() and ch.isalpha())):
                    i -= 1
                    continue
                break
            if kind == "place" and ch == "号" and text[i - 2:i - 1].isdigit():
                break  # 12号|X局宿舍: a house number ends the name read leftwards
            if ch == "年" and text[i - 2:i - 1].isdigit():
                if kind == "project":
                    i -= 1
                    continue
                break
            n = word_before(text, i)
            if n > 1 and text[i - n] == "年" and text[i - n - 1:i - n].isdigit():
                n -= 1  # 2021年|老旧: a dictionary word (年老) must not swallow a date's 年
            if road and n == 1 and text[i - 1] in LOCATIVES and self._word_ends(text, i - 1):
                i -= 1  # 维修|前营街: a locative beginning a road's name
                continue
            if self._ends_name(text, i, n, kind, end - i >= max(lo, 1) or not road) or end - (i - n) > hi:
                break
            i -= n
        return i if end - i >= lo else -1

    def _ends_name(self, text: str, i: int, n: int, kind: str, strict_place: bool) -> bool:
        """Does the word text[i-n:i] stand outside a name of this kind?"""
        word = text[i - n:i]
        if word[0] in _NEGATIONS:
            return True  # 不出社区: a negated verb phrase
        verb = word in self.lex.verbs or word[-2:] in self.lex.verbs  # 积极参与: a phrase ending in a verb
        if kind == "place" and strict_place and (verb or word in self.lex.generic
                                                 or (n > 1 and word[-1] in FUNCTION_CHARS)):
            return True  # 促进|老旧小区; a road may carry a verb (建设路), a housing estate does not
        if kind == "org" and word in self.lex.verbs and self.clause_start(text, i - n):
            return True  # ，聘请|物业公司: a verb opening the clause is no part of the name
        if kind == "project" and ((word in self.lex.verbs and word not in self.lex.name_actions)
                                  or word in self.lex.project_stops):
            return True  # 启动|城市品质提升项目, 首个|老旧小区改造项目
        if kind == "place" and not strict_place and n > 1:
            return False  # 青年|路: a road's first word may be any word
        locative = kind != "place" and n == 1 and text[i - 1] in LOCATIVES  # 中交: no boundary in a name
        return word in self.lex.boundary and not locative and not (kind != "place" and word in self.lex.action)

    def _word_ends(self, text: str, i: int) -> bool:
        """Does a word of two or more characters, or the clause, end at i?"""
        return i == 0 or not is_cjk(text[i - 1]) or self.lex.word_before(text, i) > 1

    def clause_start(self, text: str, i: int) -> bool:
        """Does a clause begin at i (text start, punctuation, or a boundary word before)?"""
        if i == 0 or not is_cjk(text[i - 1]):
            return True
        n = self.lex.word_before(text, i)
        return text[i - n:i] in self.lex.boundary

    def everyday(self, body: str) -> bool:
        """问题, 基层, 休闲: a name part made only of everyday words (longest match)."""
        i = 0
        while i < len(body):
            for n in range(min(4, len(body) - i), 1, -1):
                piece = body[i:i + n]
                if piece in self.lex.everyday or piece in self.lex.generic:
                    i += n
                    break
            else:
                return False
        return bool(body)

    @staticmethod
    def made_of(body: str, vocab: set[str]) -> bool:
        """Is body made only of words of vocab (longest match first)?"""
        i = 0
        while i < len(body):
            for n in range(min(5, len(body) - i), 0, -1):
                if body[i:i + n] in vocab:
                    i += n
                    break
            else:
                return False
        return bool(body)

    def generic(self, body: str) -> bool:
        """该, 项目, 地方国有 …: a name part made only of generic words."""
        i = 0
        while i < len(body):
            for n in range(min(5, len(body) - i), 0, -1):
                if body[i:i + n] in self.lex.generic:
                    i += n
                    break
            else:
                return False
        return True

    def boundary_before(self, text: str, pos: int) -> bool:
        """A standalone name (银行, 宣传部) starts at pos: text start, non-CJK or a boundary word."""
        return pos == 0 or not is_cjk(text[pos - 1]) or text[pos - 1] in self.lex.boundary
