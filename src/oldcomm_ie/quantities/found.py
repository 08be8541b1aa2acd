"""One amount found in clean text, and its plain (msgpack-safe) form on the Doc."""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..numerals import decimal_text, to_json_number

# A value past this is flagged: no newspaper amount is larger than 10^20 of a unit.
MAX_VALUE = Decimal(10) ** 20


class Found(NamedTuple):
    """One amount found in clean text (offsets into that text); a NamedTuple, immutable
    and built about twice as fast as a frozen dataclass."""

    start: int
    end: int
    value: Decimal
    unit: str
    kind: str
    qualifier: str = "exact"
    value_max: Decimal | None = None
    out_of_range: bool = False

    def to_dict(self) -> dict:
        """The contract's Quantity fields (JSON numbers), offsets still into clean text."""
        return {"start": self.start, "end": self.end, "kind": self.kind,
                "value": to_json_number(self.value), "unit": self.unit,
                "qualifier": self.qualifier, "value_max": to_json_number(self.value_max)}


def found_to_doc(q: Found) -> dict:
    """Plain, msgpack-safe form of a Found (values as exact decimal strings)."""
    return {"start": q.start, "end": q.end, "kind": q.kind, "unit": q.unit,
            "value": decimal_text(q.value), "qualifier": q.qualifier,
            "value_max": None if q.value_max is None else decimal_text(q.value_max),
            "out_of_range": q.out_of_range}
