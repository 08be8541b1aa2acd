"""Traditional characters read as simplified, converting only the lines that can change:
the result must be OpenCC's conversion of the whole text, and the character table must
be the installed OpenCC's."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oldcomm_ie.layout import script
from oldcomm_ie.tables import data_words

ROOT = Path(__file__).resolve().parents[1]

# Lines of both scripts, and of simplified text with characters that are also keys of
# traditional phrases (覆 in 答覆, 坏 in 土坏, 么, 沈): all written for these tests.
LINES = [
    "上海市黃浦區舊區改造項目總投資約3億元",
    "惠及居民1200戶，加裝電梯36部。",
    "市住建委答覆了居民的意见，覆盖全部小区。",
    "什么时候完成？沈阳市土坏房已拆除。",
    "北京市朝阳区老旧小区改造，涉及乾隆年间建筑。",
    "社区居民著书立说，项目于后年完成。",
    "",
    "  ",
    "瞭望台旁的小区明瞭改造范围。",
]


def _opencc_whole(text: str) -> str:
    """The reference: OpenCC over the whole text at once."""
    return script._t2s(text)


@pytest.mark.parametrize("k", range(len(LINES)))
def test_each_line_converts_as_opencc_converts_it(k):
    assert script._convert(LINES[k]) == _opencc_whole(LINES[k])


def test_a_text_of_all_lines_converts_as_the_whole_text():
    text = "\n".join(LINES)
    assert script._convert(text) == _opencc_whole(text)


@pytest.mark.parametrize("text", ["老旧小区改造完成。", "改造\n\n完成", "12345", "\n"])
def test_a_text_without_a_changeable_character_is_returned_as_it_is(text):
    assert script._convert(text) is text


@given(st.lists(st.sampled_from(LINES), max_size=8), st.sampled_from(["\n", "\n\n"]))
def test_any_mix_of_lines_converts_as_the_whole_text(lines, joiner):
    text = joiner.join(lines)
    assert script._convert(text) == _opencc_whole(text)


@given(st.text(alphabet=st.sampled_from(sorted(set("".join(LINES)) | {"\n", "\U00020000", "\ufffd"})),
               max_size=60))
def test_any_text_of_these_characters_converts_as_the_whole_text(text):
    # (no lone surrogates: the cleaner has replaced them before this step)
    assert script._convert(text) == _opencc_whole(text)


def test_simplified_line_beside_traditional_lines_is_kept():
    text = "南京市老旧小区改造完成。\n香港舊區重建項目總投資約3億元，惠及居民1200戶。"
    assert script.simplify(text) == "南京市老旧小区改造完成。\n香港旧区重建项目总投资约3亿元，惠及居民1200户。"


def test_the_table_is_the_installed_opencc_dictionaries():
    """scripts/build_t2s.py run against the installed OpenCC gives the committed table;
    when OpenCC's dictionaries change, rebuild it."""
    spec = importlib.util.spec_from_file_location("build_t2s", ROOT / "scripts" / "build_t2s.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    if not (build._clib() / "bin" / "opencc_dict").exists():
        pytest.skip("this OpenCC package ships no opencc_dict tool to read its dictionaries")
    assert data_words("t2s_chars.txt") == frozenset(build.changeable())
