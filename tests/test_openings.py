"""Openings: where a table's names may begin, by their first two or three characters."""
import pytest

from oldcomm_ie.entities.openings import Openings

NAMES = {"重庆", "重庆市", "渝中区", "发展村", "北"}


@pytest.mark.parametrize(
    "width, text, positions",
    [
        (2, "在重庆市渝中区", [1, 4]),
        (2, "发展经济", [0]),  # 发展 opens 发展村
        (2, "北京", []),  # a one-character name has no opening
        (2, "庆重", []),
        (2, "", []),
        (3, "在重庆市渝中区", [1, 4]),
        (3, "发展经济", []),  # 发展经 opens no name
        (3, "重庆", []),  # 重庆 is shorter than three characters
        (3, "推进发展村", [2]),
        (3, "渝中", []),
    ],
)
def test_positions(width, text, positions):
    assert Openings(NAMES, width).positions(text) == positions


@pytest.mark.parametrize(
    "text, spans",
    [
        ("重庆市渝中区", [(0, 3), (3, 6)]),  # the longest name at a position
        ("重庆人", [(0, 2)]),
        ("发展经济", []),  # an opening whose names do not stand there
        ("", []),
    ],
)
def test_scan(text, spans):
    assert list(Openings(NAMES).scan(text)) == spans


@pytest.mark.parametrize("width", [2, 3])
def test_long_texts_agree_with_short_ones(width):
    """Long texts are searched by numpy, short ones by a probe per position."""
    short = "推进发展村和重庆市渝中区北"
    long = short * 10
    found = Openings(NAMES, width).positions(short)
    assert Openings(NAMES, width).positions(long) == [k * len(short) + i for k in range(10) for i in found]


def test_an_empty_table_finds_nothing():
    assert Openings(set(), 3).positions("重庆市") == []
    assert Openings(set(), 3).positions("重庆市" * 30) == []


def test_tables_asked_in_turn_about_texts_in_turn():
    """Tables of both widths, asked about one long text after another and back (the
    text's grams are shared by the tables asked about it, and only by them)."""
    first = "推进发展村和重庆市渝中区北" * 10
    second = "在渝中区发展经济" * 10
    tables = [Openings(NAMES, 2), Openings(NAMES, 3), Openings({"经济", "推进"}, 2)]
    def opened(table, text):
        heads = {n[:table.width] for n in table.names if len(n) >= table.width}
        return [i for i in range(len(text)) if text[i:i + table.width] in heads]

    expected = {(k, text): opened(t, text) for k, t in enumerate(tables) for text in (first, second)}
    for text in (first, second, first, "".join(first), second):
        for k, table in enumerate(tables):
            assert table.positions(text) == expected[k, text]
