"""Encodings: every file reads as the same text, the codec used is named, guesses are flagged."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oldcomm_ie.readers import DecodeError, decode_bytes, read_document
from oldcomm_ie.readers.encoding import commonness

SIMPLIFIED = ("东湖街道今年启动十二个老旧小区的改造工程，预计惠及居民三千六百户。"
              "区住房和城乡建设局介绍，项目总投资约一点八亿元，其中中央补助资金四千万元。")
# The same sentences in traditional characters (written by hand, Big5-encodable).
TRADITIONAL = ("東湖街道今年啟動十二個老舊小區的改造工程，預計惠及居民三千六百戶。"
               "區住房和城鄉建設局介紹，項目總投資約一點八億元，其中中央補助資金四千萬元。")


@pytest.mark.parametrize("text,codec,name", [
    (SIMPLIFIED, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (SIMPLIFIED, "utf-16", "utf-16"),
    (SIMPLIFIED, "utf-32", "utf-32"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "big5", "big5"),
    (TRADITIONAL, "utf-8", "utf-8"),
    ("改造小区", "gbk", "gb18030"),
    ("改造小區", "big5", "big5"),
])
def test_each_encoding_reads_back_the_text(text, codec, name):
    got = decode_bytes(text.encode(codec))
    assert (got.text, got.encoding) == (text, name)
    assert got.warnings == []


def test_big5_is_not_read_as_gb18030_mojibake():
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030") != TRADITIONAL  # GB18030 would accept these bytes
    assert decode_bytes(data).text == TRADITIONAL


def test_the_byte_order_mark_is_not_part_of_the_text():
    doc = read_document(SIMPLIFIED.encode("utf-16"), "a.txt")
    assert doc.text == SIMPLIFIED and doc.meta["encoding"] == "utf-16"


def test_utf16_without_mark_is_read_but_flagged():
    got = decode_bytes(SIMPLIFIED.encode("utf-16-le"))
    assert got.text == SIMPLIFIED
    assert got.warnings and got.warnings[0].startswith("low-confidence")


def test_ambiguous_bytes_are_flagged():
    # These GBK bytes also read as two common Big5 characters: a guess, said as such.
    data = "居民".encode("gbk")
    assert commonness(data.decode("big5")) == 1.0
    got = decode_bytes(data)
    assert got.text == "居民" and got.encoding == "gb18030"
    assert got.warnings and got.warnings[0].startswith("low-confidence")


def test_unambiguous_short_gbk_is_not_flagged():
    assert decode_bytes("小区".encode("gbk")).warnings == []


@pytest.mark.parametrize("data", [b"\x80\x81\xfe\xff" * 3, b"\xff\xfe\x00\xd8" * 10, b"\xfe\xff\xdc\x00"])
def test_noise_is_refused(data):
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_long_text_is_refused_by_the_limit():
    with pytest.raises(ValueError, match="over the limit"):
        read_document(SIMPLIFIED.encode(), "a.txt", max_chars=10)


def test_common_characters_are_the_national_lists():
    assert commonness("老旧小区改造") == 1.0
    assert commonness("蜊婖苤") < 0.5  # what GBK bytes of 改造小区 read as Big5 give
    assert commonness("abc 123") == 1.0


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_raise_decode_error(data):
    try:
        got = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(got.text, str) and got.encoding


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=SIMPLIFIED, min_size=1, max_size=60), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_unicode_encodings_round_trip(text, codec):
    assert decode_bytes(text.encode(codec)).text == text
