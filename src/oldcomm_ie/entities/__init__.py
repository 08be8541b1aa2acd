"""Organizations, places (with administrative level) and projects, by rules.

Three sources of candidates, all over the clean text:
- the gazetteer (provinces, cities, districts, streets from the national division list,
  found with one Aho-Corasick pass; communities from a memory-mapped trie, checked at the
  end of suffix candidates and right after their street) — `gazetteer`, `places`;
- suffix rules: a name read leftwards from a suffix (…小区, …有限公司, …项目) until a
  boundary word, punctuation or the length limit, keeping a place right before it —
  `reading`, `places`, `organizations`, `projects`;
- structure rules for Party and government bodies (place or level + functions + 局/委 …)
  and sub-bodies that attach to what precedes them (…党委, …分行) — `organizations`.
Overlaps are resolved one way (`resolve`): the longest span wins, and on equal length ORG
beats PROJECT beats PLACE; an ORG that contains a place keeps it inside (one entity).
`finder` runs the families in order; `component` is the spaCy component.
"""
from .component import (
           EntityRecognizer,
           create_entity_finder,
           default_finder,
           make_entities,
)
from .finder import EntityFinder
from .gazetteer import Gazetteer, Lexicon
from .resolve import Cand

__all__ = ["Cand", "EntityFinder", "EntityRecognizer", "Gazetteer", "Lexicon", "create_entity_finder",
           "default_finder", "make_entities"]
