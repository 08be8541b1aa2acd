"""oldcomm-ie: structured data from Chinese reports on old-community renovation.

    import oldcomm_ie
    result = oldcomm_ie.extract(text)
    result.to_dict()          # the JSON of CONTRACT.md
"""
from .layout import Layout, clean_layout
from .pipeline import BadItemError, extract, extract_many, load
from .quantities import parse_quantity
from .records import Entity, Extraction, Project, Quantity, Relation
from .render import render

__all__ = ["BadItemError", "Entity", "Extraction", "Layout", "Project", "Quantity", "Relation", "clean_layout", "extract",
           "extract_many", "load", "parse_quantity", "render"]
__version__ = "0.1.0"
