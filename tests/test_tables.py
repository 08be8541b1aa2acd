"""The word-list helpers every stage builds its lookups with."""
import pytest

from oldcomm_ie.tables import lengths_by_opening, word_pattern


@pytest.mark.parametrize("words, width, expected", [
    (["住建", "住房", "住房和城乡建设", "规划"], 1, {"住": (7, 2), "规": (2,)}),
    (["住建", "住房", "住房和城乡建设", "规划"], 2, {"住建": (2,), "住房": (7, 2), "规划": (2,)}),
    (["局", "委员会", "委"], 3, {"委员会": (3,)}),   # shorter words are left out
    ([], 1, {}),
])
def test_lengths_by_opening(words, width, expected):
    assert lengths_by_opening(words, width) == expected


@pytest.mark.parametrize("words, text, found", [
    (["投资", "估算总投资"], "项目估算总投资3亿元", ["估算总投资"]),   # the longest wins
    (["a.b"], "axb a.b", ["a.b"]),                                   # words are literal
    ([], "任何文字", []),                                            # an empty list matches nothing
])
def test_word_pattern(words, text, found):
    assert word_pattern(words).findall(text) == found
