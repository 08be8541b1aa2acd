"""The entity pass: places, then organizations and projects that read over them, one
resolved layer, then aliases.  Only the order lives here; each family has its module."""
from __future__ import annotations

from .aliases import add_aliases
from .gazetteer import Gazetteer, Lexicon
from .organizations import OrgRules
from .places import PlaceRules
from .projects import ProjectRules
from .reading import Reader
from .resolve import Cand, ends, resolve

ADMIN_ENDINGS = set("省市区县道镇乡州旗")
_HARD_LEVELS = ("province", "city", "district")


class EntityFinder:
    """All candidates in a clean text, resolved to one layer of entities."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gaz = gazetteer
        self.lex = lexicon
        reader = Reader(lexicon)
        self.place_rules = PlaceRules(reader, gazetteer)
        self.org_rules = OrgRules(reader)
        self.project_rules = ProjectRules(reader)
        self._places_cache: dict[str, list[Cand]] = {}

    def places(self, text: str) -> list[Cand]:
        """The places alone (one layer), e.g. inside a project's name (cached: names recur)."""
        cache = self._places_cache
        if text not in cache:
            if len(cache) > 4096:
                cache.clear()
            gaz = self.place_rules.gazetteer_places(text)
            hard = {c.end for c in gaz if c.subtype in _HARD_LEVELS}
            suffix = self.place_rules.suffix_places(text, hard, ends(gaz))
            cache[text] = [c for c in resolve(gaz + suffix) if c.label == "PLACE"]
        return cache[text]

    def find(self, text: str, patterns: list[Cand] = (), amounts: list[tuple[int, int]] = ()) -> list[Cand]:
        """Entities of text: `patterns` (user candidates) win; `amounts` (start, end) are
        spans no name may run across."""
        gaz = self.place_rules.gazetteer_places(text)
        admin = {c.end for c in gaz if c.subtype in _HARD_LEVELS
                 or (c.subtype == "street" and text[c.end - 1] in ADMIN_ENDINGS)}
        amount_ends = {e for _, e in amounts}
        suffix = self.place_rules.suffix_places(text, admin | amount_ends, ends(gaz))
        places_all = ends(resolve(gaz + suffix))
        orgs = self.org_rules.find(text, places_all, amount_ends)
        orgs = self.org_rules.attach(text, resolve(orgs + gaz + suffix), places_all)
        projects = self.project_rules.find(text, places_all, gaz + suffix)
        chosen = resolve(list(patterns) + orgs + projects + gaz + suffix)
        return add_aliases(text, chosen)
