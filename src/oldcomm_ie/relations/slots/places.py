"""Places a sentence puts a project in: the estates, communities, streets and roads it
covers and the district, city or province around it (CONTRACT.md, places)."""
from __future__ import annotations

from ..mentions import place_key
from ..records import relation
from ..scopes import Span
from ..tables import Tables

ADMIN = ("province", "city", "district")
_LEVEL_ENDINGS = ("省", "市", "区", "县")


def fill_places(t: Tables, text: str, sent: Span, ents: list[dict], records, relations, owner,
                direct: bool) -> None:
    """Every place of a sentence about the project (ents, the sentence's entities): the
    administrative ones where the sentence names the project (direct), the ones below a
    district where the sentence speaks of renovating or covering them."""
    places = [e for e in ents if e["label"] == "PLACE"]
    if not places or t.trigger_re["TOTAL"].search(text, sent.start, sent.end):
        return  # 我市已有A、B等50个项目: a programme's places, not this project's
    works = None  # asked once, and only for a place below a district
    for e in places:
        admin = e.get("subtype") in ADMIN
        if admin and not direct:
            continue
        if not admin:
            if works is None:
                works = t.union_re["WORKS"].search(text, sent.start, sent.end) is not None
            if not works:
                continue
        m = owner(e["start"])
        if add_place(records[m.key], text[e["start"]:e["end"]]):
            relations.append(relation("LOCATED_IN", (m.start, m.end), (e["start"], e["end"]), sent))


def add_place(rec, place: str) -> bool:
    """Add a place unless the record has it under another alias (上海 and 上海市, 南桥苑 and
    南桥苑小区: one place); looked up by key, so a project of many estates stays linear."""
    key = place_key(place)
    if key in rec.place_keys:
        return False
    if len(place) >= 2:
        shorter = place[:-1] if len(place) >= 3 and place.endswith(_LEVEL_ENDINGS) else None
        if shorter in rec.place_set or any(place + end in rec.place_set for end in _LEVEL_ENDINGS):
            return False  # 上海市 beside 上海, 上海 beside 上海市
    if not rec.add("places", place):
        return False
    rec.place_keys.add(key)
    rec.place_set.add(place)
    return True
