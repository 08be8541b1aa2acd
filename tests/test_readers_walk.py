"""Walking folders: upper-case suffixes, links, loops, odd names; nothing skipped silently."""
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oldcomm_ie.cli import main
from oldcomm_ie.readers import display_name, walk

TEXT = "西城区今年改造老旧小区八个，惠及居民一千二百户。"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and byte names")


def names(w):
    return sorted(p.name for p in w.files)


def test_suffixes_in_any_case_and_other_types_counted(tmp_path):
    for name in ("a.txt", "b.TXT", "c.Md", "d.HTM", "e.PDF", "f.docx", "g.xlsx", "h.xlsx", "README"):
        (tmp_path / name).write_bytes(b"x")
    w = walk([tmp_path])
    assert names(w) == ["a.txt", "b.TXT", "c.Md", "d.HTM", "e.PDF", "f.docx"]
    assert w.skipped == {".xlsx": 2, "file without extension": 1}
    assert w.summary() == "2 .xlsx, 1 file without extension"


def test_a_file_named_is_read_whatever_its_type(tmp_path):
    f = tmp_path / "notes.log"
    f.write_text(TEXT, encoding="utf-8")
    assert walk([f]).files == [f]


@posix_only
def test_links_inside_are_followed_outside_are_not(tmp_path):
    root, outside = tmp_path / "in", tmp_path / "out"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (outside / "b.txt").write_text(TEXT, encoding="utf-8")
    (root / "inner").symlink_to(root / "sub")          # a second way to a folder already read
    (root / "outer").symlink_to(outside)               # leads out of the folder
    (root / "gone.txt").symlink_to(tmp_path / "nothing")  # dangling
    (root / "sub" / "loop").symlink_to(root)           # a loop
    (root / "c.txt").symlink_to(outside / "b.txt")     # a file link leading out
    w = walk([root])
    assert [p.relative_to(root).as_posix() for p in w.files] == ["sub/a.txt"]
    assert w.skipped == {"link out of the folder": 2, "dangling link": 1, "link loop": 1,
                         "second link to one folder": 1}
    followed = walk([root], follow_links=True)
    # outer/b.txt is the file c.txt already led to: read once, under the first name met.
    assert sorted(p.name for p in followed.files) == ["a.txt", "c.txt"]
    assert followed.skipped == {"dangling link": 1, "link loop": 1, "second link to one folder": 1,
                                "second link to one file": 1}


@posix_only
def test_a_self_link_loop_ends(tmp_path):
    (tmp_path / "x").symlink_to(tmp_path / "x")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    w = walk([tmp_path], follow_links=True)
    assert names(w) == ["a.txt"] and sum(w.skipped.values()) == 1


@posix_only
def test_names_that_are_not_utf8_are_kept_and_the_run_goes_on(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    bad = os.fsdecode(b"\xb8\xc4\xd4\xec.txt")  # GBK bytes in a name, not UTF-8
    try:
        (src / bad).write_text(TEXT + "另有三个小区。", encoding="utf-8")  # other content: not one document
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system refuses byte names")
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "--quiet"]) == 0
    ids = sorted(json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines())
    assert ids == ["\\xb8\\xc4\\xd4\\xec.txt", "ok.txt"]
    assert display_name(src / bad).endswith("\\xb8\\xc4\\xd4\\xec.txt")
    store = tmp_path / "out.sqlite"
    assert main(["extract", str(src), "-o", str(store), "--quiet"]) == 0


def test_cli_summary_lists_what_was_skipped(tmp_path, capsys):
    (tmp_path / "a.TXT").write_text(TEXT, encoding="utf-8")
    for name in ("x.xlsx", "y.xlsx", "z.xlsx"):
        (tmp_path / name).write_bytes(b"PK")
    if sys.platform != "win32":
        (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "1 documents" in err
    expected = "skipped: 3 .xlsx" + (", 1 dangling link" if sys.platform != "win32" else "")
    assert expected in err


def test_cli_counts_low_confidence_decodes(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes("居民".encode("gbk"))
    (tmp_path / "b.txt").write_bytes(TEXT.encode("gbk"))
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--quiet"]) == 0
    assert "1 low-confidence decodes" in capsys.readouterr().err


@posix_only
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                           and b not in (b".", b"..")), max_size=8, unique=True))
def test_any_byte_names_are_walked_and_counted(tmp_path_factory, raw_names):
    root = tmp_path_factory.mktemp("names")
    made = 0
    for raw in raw_names:
        try:
            (root / os.fsdecode(raw + b".txt")).write_bytes(b"x")
            made += 1
        except OSError:
            pass
    w = walk([root])
    assert len(w.files) + sum(w.skipped.values()) == made
    for p in w.files:
        display_name(p).encode("utf-8")  # always storable


def test_a_failing_file_whose_name_is_not_utf8_is_stored_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    bad = os.fsdecode(b"\xb8\xc4.txt")
    try:
        (src / bad).write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x80\x81\xfe")  # no text we read
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system refuses byte names")
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    store = tmp_path / "out.sqlite"
    assert main(["extract", str(src), "-o", str(store), "--quiet"]) == 3  # partial, not a crash
    import sqlite3

    rows = sqlite3.connect(store).execute("select status, error from documents order by id").fetchall()
    assert sorted(r[0] for r in rows) == ["failed", "ok"]
    assert any(r[1] and "\\xb8" in r[1] or (r[1] and "\\udcb8" in r[1]) for r in rows)
