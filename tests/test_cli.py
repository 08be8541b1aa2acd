"""The command line: folders, legacy encodings, bad files that must not stop the batch."""
import io
import json
import tarfile
from pathlib import Path

import pytest

from oldcomm_ie.cli import main, read_text
from oldcomm_ie.pkuseg_model import HashMismatch, sha256_file, unpack_pkuseg_model

ARTICLE = "苏州市姑苏区老旧小区改造惠及居民2100户，总投资约1.6亿元。"


def run(args, capsys):
    code = main(args)
    return code, capsys.readouterr()


def test_extract_folder_with_mixed_encodings(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b_gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (src / "c_bad.txt").write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x80\x81\xfe")
    (src / "d 中文名.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, io_ = run(["extract", str(src), "-o", str(out)], capsys)
    assert code == 3  # a partial run
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["a utf8.txt"]["quantities"] == by_id["b_gbk.txt"]["quantities"]
    assert [q["value"] for q in by_id["a utf8.txt"]["quantities"]] == [2100, 160000000]
    assert by_id["d 中文名.txt"]["quantities"] == []
    assert "c_bad.txt" in io_.err and "c_bad.txt" not in by_id
    assert sum(line.startswith("oldcomm-ie:") and "c_bad.txt" in line for line in io_.err.splitlines()) == 1
    assert "1 failed" in io_.err


def test_missing_file_is_reported_not_fatal(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, io_ = run(["extract", str(tmp_path / "gone.txt"), str(good), "-o", str(out)], capsys)
    assert code == 3
    assert "gone.txt" in io_.err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "extract" in capsys.readouterr().out


def test_read_text_reports_undecodable(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x80\x81\xfe\xff" * 3)
    with pytest.raises(ValueError, match="not UTF-8"):
        read_text(bad)


def fake_sdist(tmp_path):
    sdist = tmp_path / "pkuseg-0.0.25.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        for name in ("features.pkl", "weights.npz", "__init__.py"):
            data = name.encode()
            info = tarfile.TarInfo(f"pkuseg-0.0.25/pkuseg/models/default/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return sdist


def test_unpack_pkuseg_model_from_an_sdist(tmp_path):
    sdist = fake_sdist(tmp_path)
    dest = unpack_pkuseg_model(sdist, tmp_path / "model", sha256=sha256_file(sdist))
    assert sorted(p.name for p in dest.iterdir()) == ["features.pkl", "weights.npz"]
    assert (dest / "weights.npz").read_bytes() == b"weights.npz"


def test_pkuseg_sdist_with_another_hash_is_refused(tmp_path, capsys):
    sdist = fake_sdist(tmp_path)
    with pytest.raises(HashMismatch):
        unpack_pkuseg_model(sdist, tmp_path / "model")
    assert not (tmp_path / "model").exists()
    assert main(["pkuseg-model", str(tmp_path / "m2"), "--sdist", str(sdist)]) == 1
    assert "not the pinned" in capsys.readouterr().err and not (tmp_path / "m2").exists()


def test_pkuseg_download_pins_the_hash(tmp_path, monkeypatch):
    import subprocess

    from oldcomm_ie import pkuseg_model

    seen = {}

    def fake_run(cmd, **kw):
        seen["cmd"] = cmd
        seen["req"] = Path(cmd[cmd.index("-r") + 1]).read_text(encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 1, "", "no network here")

    monkeypatch.setattr(pkuseg_model.subprocess, "run", fake_run)
    with pytest.raises(RuntimeError, match="pip download failed"):
        pkuseg_model.download_sdist(tmp_path)
    assert "--require-hashes" in seen["cmd"]
    assert seen["req"] == f"pkuseg==0.0.25 --hash=sha256:{pkuseg_model.PKUSEG_SHA256}\n"


def test_version(capsys):
    import oldcomm_ie

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"oldcomm-ie {oldcomm_ie.__version__}"


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "x.docx")])
    assert exc.value.code == 2
    assert "unknown output type '.docx'" in capsys.readouterr().err


@pytest.mark.parametrize("suffix, module, extra", [(".parquet", "pyarrow", "parquet"),
                                                   (".xlsx", "openpyxl", "excel")])
def test_missing_extra_is_a_message_not_a_traceback(tmp_path, capsys, monkeypatch, suffix, module, extra):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a))
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "-o", str(tmp_path / f"x{suffix}")])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert f"pip install 'oldcomm-ie[{extra}]'" in err and "Traceback" not in err


def articles(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("杭州市拱墅区和睦新村老旧小区改造项目总投资约1.6亿元。", encoding="utf-8")
    (src / "b.txt").write_text("天津市河西区友谊路街道改造项目惠及居民800户，"
                               "由天津城投集团投资3000万元。", encoding="utf-8")
    (src / "c.txt").write_text("今天天气很好。", encoding="utf-8")
    return src


def test_csv_has_a_bom_and_one_row_per_project_in_a_new_folder(tmp_path, capsys):
    out = tmp_path / "not" / "yet" / "projects.csv"
    assert run(["extract", str(articles(tmp_path)), "-o", str(out), "--quiet"], capsys)[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["doc_id"] for r in rows] == ["a.txt", "b.txt"]
    assert rows[1]["investment_total"] == "30000000"
    assert "天津城投集团" in rows[1]["investors"] and "households 800户" in rows[1]["outcomes"]


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx"])
def test_parquet_and_excel_hold_the_same_table(tmp_path, capsys, suffix):
    pd = pytest.importorskip("pandas")
    pytest.importorskip({".parquet": "pyarrow", ".xlsx": "openpyxl"}[suffix])
    src = articles(tmp_path)
    out, ref = tmp_path / f"o{suffix}", tmp_path / "o.csv"
    assert run(["extract", str(src), "-o", str(out), "--quiet"], capsys)[0] == 0
    run(["extract", str(src), "-o", str(ref), "--quiet"], capsys)
    table = pd.read_parquet(out) if suffix == ".parquet" else pd.read_excel(out)
    expected = pd.read_csv(ref, encoding="utf-8-sig")
    assert list(table.columns) == list(expected.columns)
    assert table["project"].tolist() == expected["project"].tolist()
    assert table["investment_total"].tolist() == expected["investment_total"].tolist()


@pytest.mark.parametrize("flag", ["--n-process", "--batch-size", "--max-chars"])
def test_non_positive_numbers_are_refused(tmp_path, flag, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), flag, "0"])
    assert exc.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


@pytest.mark.parametrize("extra_args, message", [
    (["--segmenter", "pkuseg"], "needs --pkuseg-model"),
    (["--segmenter", "pkuseg", "--pkuseg-model", "no/such/folder"], "no such folder"),
])
def test_a_segmenter_that_cannot_load_is_a_usage_error(tmp_path, capsys, extra_args, message):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), *extra_args])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "o.jsonl").exists()
