"""The plain-Python entry points: find_quantities over clean text, parse_quantity over raw."""
from __future__ import annotations

from functools import lru_cache

from ..layout import clean_layout
from .found import Found
from .scanner import QuantityScanner


@lru_cache(maxsize=1)
def default_scanner() -> QuantityScanner:
    """The scanner with the packaged tables only, built once and shared."""
    return QuantityScanner()


def find_quantities(clean_text: str, bare: bool = False) -> list[Found]:
    """All amounts in an already cleaned text (see layout.clean_layout)."""
    return default_scanner().scan(clean_text, bare=bare)


def parse_quantity(text: str) -> dict | None:
    """The first amount expression in `text` (a bare numeral too, as kind 'number').

    Returns a contract Quantity dict with offsets into `text`, or None when it holds none.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantity takes str, not {type(text).__name__}")
    layout = clean_layout(text)
    found = find_quantities(layout.clean, bare=True)
    if not found:
        return None
    q = found[0]
    d = q.to_dict()
    d["start"], d["end"] = layout.raw_span(q.start, q.end)
    d["text"] = layout.surface(q.start, q.end)
    return d
