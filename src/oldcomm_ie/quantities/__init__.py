"""Amounts: find them in (layout-cleaned) text and normalize them to the contract's Quantity.

Rules over characters, in the spirit of Duckling's Rules/Corpus split: the tables live in
`data/`, the grammar in this package, one rule family per module (tables, grammar, units,
qualifiers, ranges, filters, overlap), put together by `scanner.QuantityScanner`;
`component` is the spaCy component `oldcomm_quantities`.
"""
from __future__ import annotations

from ..numerals import MAX_NUMERAL_CHARS
from .api import default_scanner, find_quantities, parse_quantity
from .component import QuantityRecognizer, make_quantities
from .found import MAX_VALUE, Found, found_to_doc
from .grammar import NUMBER_RE
from .scanner import QuantityScanner
from .tables import Unit, unit_from_pattern, unit_table

__all__ = ["MAX_NUMERAL_CHARS", "MAX_VALUE", "NUMBER_RE", "Found", "QuantityRecognizer", "QuantityScanner",
           "Unit", "default_scanner", "find_quantities", "found_to_doc", "make_quantities", "parse_quantity",
           "unit_from_pattern", "unit_table"]
