"""extract_file / extract_folder read as the command line does; offsets point into result.text."""
import json
import shutil
from pathlib import Path

import pytest

import oldcomm_ie
from oldcomm_ie.cli import main

FIX = Path(__file__).parent / "fixtures" / "readers"
TEXT = "北湖街道今年改造老旧小区九个，惠及居民一千八百户，总投资约6500万元。"


@pytest.fixture()
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "three_columns.pdf", src / "a.PDF")
    shutil.copy(FIX / "news_page.html", src / "b.htm")
    (src / "c.txt").write_bytes(TEXT.encode("gb18030"))
    (src / "d.md").write_text(TEXT, encoding="utf-8")
    shutil.copy(FIX / "no_text_layer.pdf", src / "e.pdf")
    (src / "f.xlsx").write_bytes(b"PK")
    return src


def test_folder_reports_results_failures_and_skips(folder):
    got = oldcomm_ie.extract_folder(folder)
    assert sorted(r.doc_id for r in got) == ["a.PDF", "b.htm", "c.txt", "d.md"]
    assert len(got.failures) == 1 and got.failures[0].path.endswith("e.pdf")
    assert "no text layer" in got.failures[0].error
    assert got.skipped == {".xlsx": 1}
    by_id = {r.doc_id: r for r in got}
    assert by_id["c.txt"].meta["encoding"] == "gb18030" and by_id["a.PDF"].meta["kind"] == "pdf"
    assert by_id["b.htm"].meta["source"] == "江城日报"


def test_offsets_point_into_result_text(folder):
    for result in oldcomm_ie.extract_folder(folder):
        assert result.quantities
        for item in (*result.quantities, *result.entities):
            assert result.text[item.start:item.end] == item.text


def test_api_and_command_line_give_the_same_results(folder, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--quiet"]) == 3  # e.pdf fails: a partial run
    cli = {d["doc_id"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    api = {r.doc_id: r.to_dict() for r in oldcomm_ie.extract_folder(folder)}
    assert cli == api
    err = capsys.readouterr().err
    assert "e.pdf: " in err and "no text layer" in err and "skipped: 1 .xlsx" in err


def test_extract_file_reads_any_kind_and_raises_on_unreadable(folder):
    result = oldcomm_ie.extract_file(folder / "a.PDF")
    assert result.page_of(result.quantities[0].start) == 1
    assert result.page_of(result.quantities[-1].start) == 2
    assert result.to_dict().keys() == {"doc_id", "quantities", "entities", "projects", "relations"}
    with pytest.raises(ValueError, match="no text layer"):
        oldcomm_ie.extract_file(folder / "e.pdf")
    with pytest.raises(OSError):
        oldcomm_ie.extract_file(folder / "missing.txt")


def test_folder_to_dataframe_has_the_project_rows(folder):
    pd = pytest.importorskip("pandas")
    got = oldcomm_ie.extract_folder(folder)
    slots = got.to_dataframe(by="slot")
    assert isinstance(slots, pd.DataFrame)
    assert len(slots) == sum(len(r.to_dataframe()) for r in got)
    assert list(slots.columns) == list(got.results[0].to_dataframe().columns)
    wide = got.to_dataframe()
    assert len(wide) == sum(len(r.projects) for r in got)
    assert {"project", "province", "city", "investment_total"} <= set(wide.columns)
    with pytest.raises(ValueError, match="by must be"):
        got.to_dataframe(by="row")
