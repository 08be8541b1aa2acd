"""The spaCy component `oldcomm_admin`: an administrative chain on every place and project.

It runs after `oldcomm_relations` and reads only what earlier stages left on the Doc:
doc._.entities (start/end/label/subtype in clean-text offsets) and doc._.projects (name,
mentions, places as surface strings).  It writes them back with an `admin` dict added to
every PLACE entity and every project; the dicts hold str or None only (msgpack-safe).
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..layout import doc_text
from .divisions import Divisions, default_divisions
from .locate import PROJECT_LEVEL, by_surface, project_row
from .resolve import EVIDENCE_ORGS, Mention, Resolver

DIVISION_SUBTYPES = ("province", "city", "district")
# Project mentions that may enclose one position (a name inside a longer chain of names).
NESTED_SPANS = 8


class AdminAnnotator:
    """Resolves one document: (clean text, entity dicts, project dicts) → the same lists,
    copied, with `admin` on places and projects."""

    def __init__(self, divisions: Divisions, use_region: bool = True):
        self.div = divisions
        self.use_region = use_region

    def mentions(self, resolver: Resolver, text: str, entities: list[dict], projects: list[dict]):
        """The PLACE mentions (by entity index) and the hidden ones: divisions named inside
        project names and government bodies (九龙坡区 in 九龙坡区…项目, 福州市 in 福州市住建局),
        and project places no entity stands for."""
        places: dict[int, Mention | None] = {}
        hidden: list[Mention] = []
        for i, e in enumerate(entities):
            start, end, label = e["start"], e["end"], e["label"]
            if label == "PLACE":
                surface = text[start:end]
                # a short form continued into a longer name is placed like that name
                subtype = e.get("subtype")
                if subtype in DIVISION_SUBTYPES and self.div.starts_a_name(surface, text, end):
                    subtype = "other"
                places[i] = resolver.mention(start, end, surface, subtype)
            elif label == "PROJECT" and e.get("places"):
                hidden += [resolver.mention(s, t, text[s:t], None) for s, t in e["places"]]
            elif label == "PROJECT" or (label == "ORG" and e.get("subtype") in EVIDENCE_ORGS):
                hidden.append(self._leading(resolver, text, start, end))
        seen = {m.surface for m in [*places.values(), *hidden] if m is not None}
        for p in projects:
            pos = p["mentions"][0][0] if p.get("mentions") else 0
            for surface in p.get("places", ()):
                if surface not in seen:
                    seen.add(surface)
                    hidden.append(resolver.mention(pos, pos, surface, None))
        return places, [m for m in hidden if m is not None]

    def _leading(self, resolver: Resolver, text: str, start: int, end: int) -> Mention | None:
        """The divisions a name begins with, as a mention of their own."""
        _, pos = resolver.prefix_chain(text[start:end])
        if pos < 2:
            return None
        m = resolver.mention(start, start + pos, text[start:start + pos], None)
        return m if m is not None and m.own else None

    def __call__(self, text: str, entities: list[dict], projects: list[dict]) -> tuple[list[dict], list[dict]]:
        resolver = Resolver(self.div, self.use_region)
        places, hidden = self.mentions(resolver, text, entities, projects)
        found = [m for m in places.values() if m is not None] + hidden
        region = resolver.region(resolver.resolve(text, found))
        out_entities = [dict(e) for e in entities]
        for i, m in places.items():
            out_entities[i]["admin"] = self.div.chain(m.row if m is not None else None)
        out_projects = []
        resolved = by_surface(found)
        inside = names_inside(projects, hidden)
        for i, p in enumerate(projects):
            inner = inside.get(i, [])
            row, _ = project_row(self.div, resolved, p, inner, region if self.use_region else None)
            chain = self.div.chain(row, down_to=PROJECT_LEVEL)
            chain.pop("street")
            out_projects.append({**p, "admin": chain})
        return out_entities, out_projects


def names_inside(projects: list[dict], hidden: list[Mention]) -> dict[int, list[Mention]]:
    """Project index → the hidden mentions inside one of its mentions (九龙坡区 in
    九龙坡区…项目), by one sorted pass (a long report has thousands of both)."""
    spans = sorted((s, t, i) for i, p in enumerate(projects) for s, t in p.get("mentions", ()))
    starts = [s for s, _, _ in spans]
    out: dict[int, list[Mention]] = {}
    for m in hidden:
        j = bisect.bisect_right(starts, m.start) - 1
        for s, t, i in spans[max(0, j - NESTED_SPANS):j + 1]:
            if s <= m.start and m.end <= t and (not out.get(i) or out[i][-1] is not m):
                out.setdefault(i, []).append(m)
    return out


# --- the spaCy component ----------------------------------------------------------------

for _name in ("entities", "projects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@registry.misc("oldcomm_ie.admin_divisions.v1")
def create_admin_divisions() -> Divisions:
    """The packaged national division index (loaded once per process)."""
    return default_divisions()


class AdminComponent:
    """Adds `admin` to the PLACE entities in doc._.entities and to doc._.projects.

    `use_region` (config): let compounds, roads and projects with no nearer evidence take
    the article's dominant province/city (default true)."""

    def __init__(self, nlp: Language, name: str, divisions: Divisions, use_region: bool):
        self.name = name
        self.annotator = AdminAnnotator(divisions, use_region)

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities or []
        projects = doc._.projects or []
        if entities or projects:
            doc._.entities, doc._.projects = self.annotator(doc_text(doc), entities, projects)
        return doc


@Language.factory(
    "oldcomm_admin",
    assigns=["doc._.entities", "doc._.projects"],
    requires=["doc._.entities", "doc._.projects"],
    default_config={"divisions": {"@misc": "oldcomm_ie.admin_divisions.v1"}, "use_region": True},
)
def make_admin(nlp: Language, name: str, divisions: Divisions, use_region: bool):
    return AdminComponent(nlp, name, divisions, use_region)
