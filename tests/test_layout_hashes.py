"""CharHashes: one table lookup gives the same hashes as the string store, astral too."""
import pytest
from spacy.strings import StringStore

from oldcomm_ie.layout.hashes import CharHashes, code_points

CASES = [
    "",  # nothing to look up
    "改造",
    "改造改造",  # a character met again: the same hash, added once
    "a\n中",
    "投资😀亿",  # astral: the table grows past the BMP
    "\U00020000\U0010ffff",  # the last code point
]


@pytest.mark.parametrize("text", CASES)
def test_hashes_are_the_string_store_hashes(text):
    strings = StringStore()
    hashes = CharHashes(strings)
    assert hashes.of(code_points(text)) == [strings[ch] for ch in text]
    assert all(ch in strings for ch in text)
    assert hashes.of(code_points(text)) == [strings[ch] for ch in text]  # the second time, from the table


def test_only_the_characters_met_are_added():
    strings = StringStore()
    CharHashes(strings).of(code_points("改造"))
    assert "改" in strings and "造" in strings
    assert "小" not in strings and "改造" not in strings
