"""The one CJK test every stage shares: ideographs of every range in, everything else out."""
import pytest

from oldcomm_ie.chars import CJK_RANGES, is_cjk


@pytest.mark.parametrize("ch, expected", [
    ("改", True), ("\u4e00", True), ("\u9fff", True),      # the common block, both ends
    ("\u3400", True), ("\u4dbf", True),                     # extension A
    ("\uf900", True), ("\U00020000", True), ("\U00031349", True),
    ("a", False), ("3", False), ("，", False), ("、", False), ("“", False),
    ("\u33ff", False), ("\u4dc0", False), ("\ua000", False), ("\ufb00", False),  # just outside
    ("\U0002fa20", False), ("", False), ("改造", False),
])
def test_is_cjk(ch, expected):
    assert is_cjk(ch) is expected


def test_is_cjk_agrees_with_the_ranges_on_every_bmp_character():
    for code in range(0x10000):
        ch = chr(code)
        assert is_cjk(ch) == any(lo <= ch <= hi for lo, hi in CJK_RANGES), hex(code)
