"""WordIndex's anchored look-ups against their plain definitions (every slice tried)."""
import pytest

from oldcomm_ie.quantities.lookup import WordIndex

WORDS = WordIndex(["一切", "一体化", "三心二意", "八一", "元", "万元", "平方米"])


def _over(text, lo, hi, pos, most):
    return any(text[a:a + n] in WORDS.words for a in range(lo, hi)
               for n in range(2, most + 1) if a + n > pos and a + n <= len(text))


@pytest.mark.parametrize("text,lo,hi,pos,hit", [
    ("他三心二意地", 0, 3, 3, True),     # 三心二意 starts before 二 and covers it
    ("他三心二意地", 0, 5, 5, False),    # the word ends before 地
    ("一切从简", 0, 1, 1, True),
    ("一切从简", 0, 1, 0, True),
    ("八一建军", 0, 1, 1, True),
    ("建军八一", 0, 3, 3, True),
    ("建军八一", 0, 2, 2, False),        # no word starts before 八 and reaches it
    ("一体", 0, 1, 1, False),            # 一体化 is cut off by the text's end
    ("一体化", 0, 3, 2, True),
    ("切一", 0, 1, 1, False),            # 切一 is no pair of any word
    ("", 0, 0, 0, False),
])
def test_word_over(text, lo, hi, pos, hit):
    assert WORDS.word_over(text, lo, hi, pos, 9) is hit
    assert _over(text, lo, hi, pos, 9) is hit


@pytest.mark.parametrize("text,pos,lengths", [
    ("每平方米", 4, [3]), ("五万元", 3, [1, 2]), ("五万", 2, []), ("万元", 0, []), ("", 0, []),
])
def test_lengths_to(text, pos, lengths):
    assert WORDS.lengths_to(text, pos) == lengths
    assert [n for n in range(1, pos + 1) if text[pos - n:pos] in WORDS.words] == lengths


@pytest.mark.parametrize("text,pos,limit,lengths", [
    ("万元整", 0, None, [2]), ("元", 0, None, [1]), ("万元", 0, 1, []), ("说元", 0, None, []),
    ("元", 1, None, []),
])
def test_lengths_from(text, pos, limit, lengths):
    assert WORDS.lengths_from(text, pos, limit) == lengths
