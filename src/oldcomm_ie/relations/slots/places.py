"""Places a sentence puts a project in: the estates, communities, streets and roads it
covers and the district, city or province around it (CONTRACT.md, places)."""
from __future__ import annotations

from ..mentions import place_key
from ..records import relation
from ..scopes import Span
from ..tables import Tables

ADMIN = ("province", "city", "district")
_LEVEL_ENDINGS = ("省", "市", "区", "县")


def fill_places(t: Tables, text: str, sent: Span, ents, records, relations, owner, direct: bool) -> None:
    """Every place of a sentence about the project: the administrative ones where the
    sentence names the project (direct), the ones below a district where the sentence
    speaks of renovating or covering them."""
    sentence = text[sent.start:sent.end]
    if t.trigger_re["TOTAL"].search(sentence):
        return  # 我市已有A、B等50个项目: a programme's places, not this project's
    works = any(t.trigger_re[rel].search(sentence) for rel in ("RENOVATION", "OUTCOME", "COVER"))
    for e in ents.within(sent):
        admin = e.get("subtype") in ADMIN
        if e["label"] != "PLACE" or (admin and not direct) or (not admin and not works):
            continue
        m = owner(e["start"])
        if add_place(records[m.key], text[e["start"]:e["end"]]):
            relations.append(relation("LOCATED_IN", (m.start, m.end), (e["start"], e["end"]), sent))


def add_place(rec, place: str) -> bool:
    """Add a place unless the record has it under another alias (上海 and 上海市, 南桥苑 and
    南桥苑小区: one place)."""
    key = place_key(place)
    for other in rec.places:
        if key == place_key(other) or (len(place) >= 2 and len(other) >= 2 and (
                place == other + place[-1:] and place.endswith(_LEVEL_ENDINGS)
                or other == place + other[-1:] and other.endswith(_LEVEL_ENDINGS))):
            return False
    return rec.add("places", place)
