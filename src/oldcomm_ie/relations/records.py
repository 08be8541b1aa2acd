"""The project records being built, and the mentions that feed them."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Record:
    key: str
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    investments: list[tuple[int, int]] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    periods: list[tuple[int, int]] = field(default_factory=list)
    outcomes: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: dict[tuple[int, int], str] = field(default_factory=dict)   # investment span -> role
    units: dict[tuple[int, int], str] = field(default_factory=dict)   # amount span -> unit
    kind: str = "project"   # what named it first: a PROJECT entity or an estate ("place")
    place_keys: set[str] = field(default_factory=set)   # place_key of each place (slots.places.add_place)
    place_set: set[str] = field(default_factory=set)    # the places, looked up by add_place

    def add(self, slot: str, item) -> bool:
        """Append an item to a slot unless it is there already (constant time)."""
        seen = self.__dict__.setdefault("_seen", set())
        if (slot, item) in seen:
            return False
        seen.add((slot, item))
        getattr(self, slot).append(item)
        if slot == "mentions":
            bisect.insort(self.__dict__.setdefault("_starts", []), item[0])
        return True

    def mentioned_in(self, start: int, end: int) -> bool:
        """Is the record mentioned between two offsets (logarithmic time)?"""
        starts = self.__dict__.get("_starts", [])
        i = bisect.bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def to_plain(self) -> dict:
        return {"name": self.name, "mentions": [list(m) for m in self.mentions], "aliases": list(self.aliases),
                "places": list(self.places), "investors": list(self.investors),
                "investments": [list(s) for s in self.investments],
                "investment_roles": [self.roles.get(s, "other") for s in self.investments],
                "models": list(self.models),
                "periods": [list(s) for s in self.periods],
                "outcomes": [[metric, list(s)] for metric, s in self.outcomes]}


@dataclass
class Mention:
    start: int
    end: int
    key: str
    name: str
    places: list[tuple[str, tuple[int, int]]]   # (surface, span) of each place that locates it
    more: list[tuple[int, int]] = field(default_factory=list)   # other names in the same chain
    aliases: list[str] = field(default_factory=list)
    more_keys: list[str] = field(default_factory=list)
    kind: str = "project"   # "project" (a PROJECT entity) or "place" (an estate being renovated)
    listed: bool = False    # a place written in a list (A小区、B小区和C小区): covered, not a project
    heads: bool = False     # a place followed by its renovation (X片区老旧小区改造): a project


def relation(label: str, head, tail, sent) -> dict:
    """A labelled link with the sentence that states it."""
    return {"label": label, "head": list(head), "tail": list(tail), "evidence": [sent.start, sent.end]}
