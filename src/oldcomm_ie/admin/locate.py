"""Where a project is: the division its places agree on, else the article's region.

A project lists several places (its district, the compounds it covers, the road along its
site); what it is *in* is the deepest division that most of them lie within.  A place that
encloses another one of the list (重庆市 beside 九龙坡区) is implied by it and does not
compete; two districts of one city agree on the city only.
"""
from __future__ import annotations

from collections import Counter

from .divisions import RANK, Divisions
from .resolve import Mention

PROJECT_LEVEL = "district"


def consensus(div: Divisions, rows: list[int]) -> int | None:
    """The deepest division (district level at most) within which more than half of the
    rows lie, after dropping rows that enclose another row of the list."""
    distinct = set(rows)
    leaves = [r for r in rows if not any(o != r and div.within(o, r) for o in distinct)]
    if not leaves:
        return None
    weight: Counter = Counter()
    for r in leaves:
        for up in div.path(r):
            weight[up] += 1
    major = [r for r, w in weight.items() if 2 * w > len(leaves) and div.rank(r) <= RANK[PROJECT_LEVEL]]
    return max(major, key=lambda r: len(div.path(r)), default=None)


def by_surface(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """The resolved mentions of each surface."""
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.row is not None:
            out.setdefault(m.surface, []).append(m)
    return out


def project_row(div: Divisions, mentions: dict[str, list[Mention]], project: dict, inner: list[Mention],
                region: int | None) -> tuple[int | None, str]:
    """The division a project is in and the rule that said so: its places and the places
    in its name (`places`), else the article's region (`region`)."""
    spans = project.get("mentions") or [[0, 0]]
    pos = spans[0][0]
    rows = []
    for surface in project.get("places", ()):
        same = mentions.get(surface)
        if same:   # the mention of that place closest to the project's first mention
            rows.append(min(same, key=lambda m: abs(m.start - pos)).row)
    rows += [m.row for m in inner if m.row is not None]
    row = consensus(div, rows)
    if row is not None:
        return row, "places"
    # No place list (or one that agrees on no province): the region, unless every place
    # the project names lies outside it.
    if region is not None and (not rows or any(div.within(r, region) for r in rows)):
        return region, "region"
    return None, ""
