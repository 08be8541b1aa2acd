"""The entity pass: places, then organizations and projects that read over them, one
resolved layer, then aliases.  Only the order lives here; each family has its module."""
from __future__ import annotations

from .aliases import add_aliases
from .compounds import CompoundRules, listed_compounds
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
        self.compounds = CompoundRules(lexicon, gazetteer)

    def places(self, text: str) -> list[Cand]:
        """The places alone (one layer), e.g. inside a project's name."""
        return [c for c in self._place_cands(text, set(), streets=False)[1] if c.label == "PLACE"]

    def _place_cands(self, text: str, amount_ends: set[int], streets: bool = True) -> tuple[list[Cand], list[Cand]]:
        """Gazetteer, suffix and compound places, and their one resolved layer; `streets`: a
        street ending in 街道/镇 … stops a suffix name read leftwards, as a district does."""
        gaz = self.place_rules.gazetteer_places(text)
        lines = self.compounds.lines(text)
        hard = {c.end for c in gaz if c.subtype in _HARD_LEVELS
                or (streets and c.subtype == "street" and text[c.end - 1] in ADMIN_ENDINGS)}
        hard |= amount_ends | {c.end for c in lines if text[c.end - 1] == "线"}
        suffix = self.place_rules.suffix_places(text, hard, ends(gaz + lines))
        cands = self.compounds.refine(text, gaz + suffix + lines)
        chosen = resolve(cands)
        again = self.compounds.repeated(text, chosen)
        more = again + listed_compounds(text, chosen + again, self.place_rules.read)
        if not more:
            return cands, chosen  # nothing added: the layer stands (a project name's usual case)
        cands += more
        return cands, resolve(cands)

    def find(self, text: str, patterns: list[Cand] = (), amounts: list[tuple[int, int]] = ()) -> list[Cand]:
        """Entities of text: `patterns` (user candidates) win; `amounts` (start, end) are
        spans no name may run across."""
        amount_ends = {e for _, e in amounts}
        place_cands, place_layer = self._place_cands(text, amount_ends)
        places_all = ends(place_layer)
        orgs = self.org_rules.find(text, places_all, amount_ends)
        orgs = self.org_rules.attach(text, resolve(orgs + place_cands), places_all)
        projects = self.project_rules.find(text, places_all, place_cands)
        chosen = resolve(list(patterns) + orgs + projects + place_cands)
        return add_aliases(text, chosen)
