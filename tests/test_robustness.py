"""Hostile input: never a crash, never an offset outside the text, the same output twice."""
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import oldcomm_ie

NUMERALISH = st.sampled_from(list("0123456789一二两三四五六七八九十百千万亿零点余多约近超不足以上左右%％．，,.-—~至到又分之个户元平方米亿万年成倍第")
                             + ["\n", " ", "\u3000", "\n\n", "“", "”", "《", "》"])


def check(text: str) -> None:
    result = oldcomm_ie.extract(text)
    spans = sorted((q.start, q.end) for q in result.quantities)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (a, b), (c, d) in zip(spans, spans[1:], strict=False):
        assert b <= c, f"overlapping quantities {(a, b)} {(c, d)}"
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
    assert oldcomm_ie.extract(text).to_dict() == result.to_dict()


@given(st.text(max_size=400))
def test_random_unicode_never_crashes(text):
    check(text)


@given(st.lists(NUMERALISH, max_size=200).map("".join))
def test_numeral_soup_never_crashes(text):
    check(text)


@pytest.mark.parametrize("text", [
    "一" * 20000, "9" * 20000, "亿" * 20000, "约" * 5000 + "3" + "余" * 5000,
    "3" + "万" * 5000 + "元", "\n" * 20000, "。" * 20000, "1." * 5000, "百分之" * 3000,
    "9999亿亿", "1e999999亿元",
])
def test_pathological_inputs_finish(text):
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 60  # a generous ceiling: a hang, not a speed test


def test_absurd_magnitudes_are_flagged_not_crashed():
    q = oldcomm_ie.extract("预计9999亿亿亿元").quantities[0]
    assert q.out_of_range and q.to_dict()["out_of_range"] is True


@pytest.mark.slow
def test_five_megabyte_article():
    text = ("南京市鼓楼区老旧小区改造项目总投资约3.2亿元，惠及居民1800余户。\n" * 80000)[:5_000_000]
    result = oldcomm_ie.extract(text)
    assert len(result.quantities) > 100000
    assert all(0 <= q.start < q.end <= len(text) for q in result.quantities)


@pytest.mark.parametrize("name", ["with space.txt", "quote's \"name\".txt", "中文 名称.txt", "semi;colon.txt",
                                  "drop table documents;--.txt"])
def test_hostile_file_names(tmp_path, name):
    import sqlite3

    from oldcomm_ie.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text("改造面积3万平方米。", encoding="utf-8")
    db = tmp_path / "out.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT doc_id FROM documents").fetchall() == [(name,)]
    assert con.execute("SELECT COUNT(*) FROM quantities").fetchone() == (1,)


def test_unreadable_and_vanishing_files_do_not_stop_the_run(tmp_path, capsys):
    from oldcomm_ie.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("惠及居民300户。", encoding="utf-8")
    (folder / "a folder.txt").mkdir()          # a path that cannot be read as a file
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), str(folder / "gone.txt"), "-o", str(out), "--quiet"]) == 3  # partial
    err = capsys.readouterr().err
    assert "a folder.txt" in err or "gone.txt" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_nothing_is_written_outside_the_output(tmp_path):
    from oldcomm_ie.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("惠及居民300户。", encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    main(["extract", str(folder), "-o", str(out_dir / "r.sqlite"), "--quiet"])
    new = {p for p in tmp_path.rglob("*")} - before - {out_dir}
    assert new and all(p.parent == out_dir and p.name.startswith("r.sqlite") for p in new)


def test_size_limit_is_reported(tmp_path, capsys):
    from oldcomm_ie.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("改造" * 1000, encoding="utf-8")
    main(["extract", str(folder), "-o", str(tmp_path / "o.jsonl"), "--quiet", "--max-chars", "100"])
    assert "over the limit of 100" in capsys.readouterr().err


@pytest.mark.parametrize("text", [
    "渝州路街道白马凼社\x00\x00\x00\x00区改造",       # atheris: NUL bytes inside a trie lookup
    "九龙坡区渝州路街道\x00红育坡社区",
])
def test_fuzz_findings(text):
    check(text)


def test_control_separators_are_layout_whitespace():
    """\\x1c-\\x1f are whitespace to Python and to the scorer: the cleaner treats them so."""
    text = "改造面积3万\x1c平方米，惠及居民\x1d300户。"
    result = oldcomm_ie.extract(text)
    assert [q.text for q in result.quantities] == ["3万平方米", "300户"]
