"""Corpus runs: the SQLite store, idempotence, resuming after a kill, parallel runs, Ray."""
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oldcomm_ie.cli import main

ARTICLES = ["苏州市姑苏区双塔街道竹辉新村老旧小区改造项目总投资约1.6亿元，惠及居民2100户。",
            "南京市鼓楼区宁海路街道江苏路社区完成改造，加装电梯12部。",
            "广州市越秀区“老城市新活力”微改造项目新增停车位300个。",
            "武汉市江岸区后湖街道百步亭社区改造面积达4.2万平方米，由武汉城建集团投资8000万元。"]


def corpus(tmp_path: Path, n: int = 8) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d} 文章.txt").write_text(ARTICLES[i % len(ARTICLES)] * (1 + i % 3), encoding="utf-8")
    return folder


def dump(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
           for t in ("documents", "quantities", "entities", "relations", "projects", "project_slots")}
    con.close()
    return out


def test_sqlite_store_is_queryable_and_idempotent(tmp_path, capsys):
    folder = corpus(tmp_path)
    db = tmp_path / "results.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    first = dump(db)
    assert len(first["documents"]) == 8
    con = sqlite3.connect(db)
    investors = con.execute(
        "SELECT DISTINCT s.text FROM project_slots s JOIN projects p ON p.id = s.project "
        "WHERE s.slot = 'investors'").fetchall()
    assert ("武汉城建集团",) in investors
    con.close()
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    assert dump(db) == first
    assert "8 already done" in capsys.readouterr().err


def test_changed_file_is_replaced(tmp_path):
    folder = corpus(tmp_path, 2)
    db = tmp_path / "r.sqlite"
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    (folder / "000 文章.txt").write_text("成都市锦江区改造小区20个。", encoding="utf-8")
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    values = [r[0] for r in con.execute("SELECT value FROM quantities q JOIN documents d ON d.id = q.doc "
                                        "WHERE d.path LIKE '%000 文章.txt'")]
    assert values == ["20"]


def test_failures_are_rows_and_log_lines(tmp_path):
    folder = corpus(tmp_path, 2)
    (folder / "bad.txt").write_bytes(b"\x80\x81\xfe\xff" * 5)
    db = tmp_path / "r.sqlite"
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM documents WHERE path LIKE '%bad.txt'").fetchone() == ("failed",)
    log = [json.loads(line) for line in (tmp_path / "r.sqlite.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(e["path"]).name for e in log] == ["bad.txt"]


def test_two_processes_give_the_same_database(tmp_path):
    folder = corpus(tmp_path)
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    main(["extract", str(folder), "-o", str(one), "--quiet"])
    main(["extract", str(folder), "-o", str(two), "--quiet", "--n-process", "2", "--batch-size", "2"])
    assert dump(one) == dump(two)


def test_killed_run_resumes_to_the_same_database(tmp_path):
    folder = corpus(tmp_path, 40)
    whole, resumed = tmp_path / "whole.sqlite", tmp_path / "resumed.sqlite"
    main(["extract", str(folder), "-o", str(whole), "--quiet"])
    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(resumed), "--quiet",
           "--batch-size", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # kill it once some, but not all, documents are in
        time.sleep(0.05)
        if resumed.exists():
            try:
                n = sqlite3.connect(resumed).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if n >= 5:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(dump(resumed)["documents"])
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    assert 0 < partial <= 40
    assert dump(resumed) == dump(whole)


def test_csv_and_jsonl_by_extension(tmp_path):
    folder = corpus(tmp_path, 4)
    main(["extract", str(folder), "-o", str(tmp_path / "t.csv"), "--quiet"])
    header = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("doc_id,project,slot")
    main(["extract", str(folder), "-o", str(tmp_path / "t.jsonl"), "--quiet"])
    assert len((tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_unknown_output_type_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown output"):
        main(["extract", str(corpus(tmp_path, 1)), "-o", str(tmp_path / "x.parquet"), "--quiet"])


@pytest.mark.slow
def test_ray_engine_equals_one_process(tmp_path):
    ray = pytest.importorskip("ray")
    import oldcomm_ie
    from oldcomm_ie.distributed import extract_dataset

    folder = corpus(tmp_path, 6)
    paths = sorted(folder.glob("*.txt"))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        rows = list(extract_dataset(paths, batch_size=2))
    finally:
        ray.shutdown()
    single = [oldcomm_ie.extract(p.read_text(encoding="utf-8"), doc_id=p.name).to_dict() for p in paths]
    assert [r["result"] for r in rows] == single
