"""Numeral values: a case table, and cn2an's an2cn as an oracle where cn2an is right."""
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import table
from oldcomm_ie.numerals import parse_number


@pytest.mark.parametrize("row", table("numerals.tsv"), ids=lambda r: r[0])
def test_numeral_table(row):
    numeral, value, *rest = row + [""] * (5 - len(row))
    vmax, approx, more = rest[:3]
    n = parse_number(numeral)
    assert n is not None, numeral
    assert n.value == Decimal(value)
    assert n.value_max == (Decimal(vmax) if vmax else None)
    assert n.approx == bool(approx)
    assert n.more_than == bool(more)


@pytest.mark.parametrize("text", ["万", "萬萬", "亿亿", "点", "", "-", "负"])
def test_not_numerals(text):
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10 ** 16 - 1))
def test_an2cn_parses_back(n):
    """Every integer cn2an writes in Chinese reads back to itself."""
    assert parse_number(cn2an.an2cn(n)).value == n


@given(st.integers(min_value=1, max_value=10 ** 12))
def test_an2cn_upper_parses_back(n):
    assert parse_number(cn2an.an2cn(n, "up")).value == n


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2))
def test_arabic_with_wan_is_exact(d):
    """No float on the way: 16.4亿 is 1640000000, not 1639999999."""
    assert parse_number(f"{d}万").value == d * 10000
    assert parse_number(f"{d}亿").value == d * 100000000


@pytest.mark.parametrize("ch, value, magnitude", [
    ("一", 1, 1), ("两", 2, 1), ("零", 0, 1), ("十", 10, 10), ("百", 100, 100), ("廿", 20, 1),
    ("7", 7, 1), ("万", None, None), ("亿", None, None), ("点", None, None), ("a", None, None),
    ("٣", 3, 1),  # not in the one-character table: the grammar still reads it
])
def test_one_character_numerals(ch, value, magnitude):
    """The table of one-character numerals gives what the grammar gives."""
    n = parse_number(ch)
    assert (None if n is None else (n.value, n.magnitude)) == (
        None if value is None else (Decimal(value), magnitude))
