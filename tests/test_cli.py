"""The command line: folders, legacy encodings, bad files that must not stop the batch."""
import io
import json
import tarfile

import pytest

from oldcomm_ie.cli import main, read_text, unpack_pkuseg_model

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
    assert code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["a utf8.txt"]["quantities"] == by_id["b_gbk.txt"]["quantities"]
    assert [q["value"] for q in by_id["a utf8.txt"]["quantities"]] == [2100, 160000000]
    assert by_id["d 中文名.txt"]["quantities"] == []
    assert "c_bad.txt" in io_.err and "c_bad.txt" not in by_id
    assert "1 failed" in io_.err


def test_missing_file_is_reported_not_fatal(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, io_ = run(["extract", str(tmp_path / "gone.txt"), str(good), "-o", str(out)], capsys)
    assert code == 0
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


def test_unpack_pkuseg_model_from_an_sdist(tmp_path):
    sdist = tmp_path / "pkuseg-0.0.25.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        for name in ("features.pkl", "weights.npz", "__init__.py"):
            data = name.encode()
            info = tarfile.TarInfo(f"pkuseg-0.0.25/pkuseg/models/default/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    dest = unpack_pkuseg_model(sdist, tmp_path / "model")
    assert sorted(p.name for p in dest.iterdir()) == ["features.pkl", "weights.npz"]
    assert (dest / "weights.npz").read_bytes() == b"weights.npz"


@pytest.mark.parametrize("flag", ["--n-process", "--batch-size", "--max-chars"])
def test_non_positive_numbers_are_refused(tmp_path, flag, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), flag, "0"])
    assert exc.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err
