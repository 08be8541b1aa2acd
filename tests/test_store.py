"""Corpus runs into the SQLite store: one document per content, provenance, numbers an
analyst can sum, idempotence, retries, two writers, a full disk."""
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oldcomm_ie.cli import main
from oldcomm_ie.records import Quantity
from oldcomm_ie.store import Source, SQLiteStore, investment_total, project_key

ARTICLES = ["苏州市姑苏区双塔街道竹辉新村老旧小区改造项目总投资约1.6亿元，惠及居民2100户。",
            "南京市鼓楼区宁海路街道江苏路社区完成改造，加装电梯12部。",
            "广州市越秀区“老城市新活力”微改造项目新增停车位300个。",
            "武汉市江岸区后湖街道百步亭社区改造面积达4.2万平方米，由武汉城建集团投资8000万元。"]
TABLES = ("documents", "paths", "quantities", "entities", "relations", "projects", "investments", "project_slots")


def corpus(tmp_path: Path, n: int = 8, repeat: int = 1) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        text = (ARTICLES[i % len(ARTICLES)] * (1 + i % 3) + f"第{i}篇。") * repeat
        (folder / f"{i:03d} 文章.txt").write_text(text, encoding="utf-8")
    return folder


def dump(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    con.close()
    return out


def query(db: Path, sql: str, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_sqlite_store_is_queryable_and_idempotent(tmp_path, capsys):
    folder = corpus(tmp_path)
    db = tmp_path / "results.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    first = dump(db)
    assert len(first["documents"]) == 8
    investors = query(db, "SELECT DISTINCT s.text FROM project_slots s JOIN projects p ON p.id = s.project "
                          "WHERE s.slot = 'investors'")
    assert ("武汉城建集团",) in investors
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    assert dump(db) == first
    assert "8 already done" in capsys.readouterr().err


def test_three_spellings_of_a_folder_are_one_set_of_documents(tmp_path, monkeypatch):
    folder = corpus(tmp_path, 5)
    db = tmp_path / "r.sqlite"
    monkeypatch.chdir(folder)
    assert main(["extract", str(folder), "../in", ".", "-o", str(db), "--quiet"]) == 0
    assert query(db, "SELECT COUNT(*) FROM documents") == [(5,)]
    assert query(db, "SELECT COUNT(*) FROM paths") == [(5,)]
    assert query(db, "SELECT doc_id FROM documents ORDER BY id")[0] == ("000 文章.txt",)


def test_same_bytes_under_two_names_is_one_document_with_both_paths(tmp_path):
    folder = tmp_path / "in"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "1.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "b" / "2.txt").write_text(ARTICLES[1], encoding="utf-8")
    db = tmp_path / "r.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    assert query(db, "SELECT doc_id FROM documents ORDER BY id") == [("a/1.txt",), ("b/2.txt",)]
    assert query(db, "SELECT doc_id FROM paths ORDER BY doc_id") == [("a/1.txt",), ("b/1.txt",), ("b/2.txt",)]
    assert query(db, "SELECT text FROM documents WHERE doc_id = 'a/1.txt'") == [(ARTICLES[0],)]


def test_same_file_name_in_two_folders_gets_two_ids_in_jsonl(tmp_path):
    folder = tmp_path / "in"
    for sub, text in (("a", ARTICLES[0]), ("b", ARTICLES[1])):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "1.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--quiet"]) == 0
    ids = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a/1.txt", "b/1.txt"]


def test_changed_file_is_replaced(tmp_path):
    folder = corpus(tmp_path, 2)
    db = tmp_path / "r.sqlite"
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    (folder / "000 文章.txt").write_text("成都市锦江区改造小区20个。", encoding="utf-8")
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    assert query(db, "SELECT COUNT(*) FROM documents") == [(2,)]
    values = query(db, "SELECT q.value FROM quantities q JOIN documents d ON d.id = q.doc "
                       "JOIN paths p ON p.sha256 = d.sha256 WHERE p.path LIKE ?", "%000 文章.txt")
    assert values == [("20",)]


def test_failures_are_rows_log_lines_and_the_log_grows(tmp_path):
    folder = corpus(tmp_path, 2)
    (folder / "bad.txt").write_bytes(b"\x80\x81\xfe\xff" * 5)
    db = tmp_path / "r.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 3
    assert query(db, "SELECT doc_id, status FROM documents WHERE status != 'ok'") == [("bad.txt", "failed")]
    assert [r[0] for r in query(db, "SELECT doc_id FROM failures")] == ["bad.txt"]
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 3
    log = [json.loads(line) for line in (tmp_path / "r.sqlite.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in log] == ["bad.txt", "bad.txt"]


def test_failed_file_is_retried_and_keeps_its_row(tmp_path):
    folder = corpus(tmp_path, 3)
    db = tmp_path / "r.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet", "--max-chars", "60"]) == 3
    failed = query(db, "SELECT id, doc_id FROM documents WHERE status = 'failed'")
    assert failed
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    assert query(db, "SELECT COUNT(*) FROM documents WHERE status = 'failed'") == [(0,)]
    assert all(query(db, "SELECT status FROM documents WHERE id = ? AND doc_id = ?", i, d) == [("ok",)]
               for i, d in failed)
    assert query(db, "SELECT COUNT(*) FROM failures") == [(0,)]


def test_two_processes_give_the_same_database(tmp_path):
    folder = corpus(tmp_path)
    (folder / "004 bad.txt").write_bytes(b"\x80\x81\xfe\xff" * 5)  # failures land in input order too
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    main(["extract", str(folder), "-o", str(one), "--quiet"])
    main(["extract", str(folder), "-o", str(two), "--quiet", "--n-process", "2", "--batch-size", "2"])
    assert dump(one) == dump(two)


def test_two_writers_on_one_file_corrupt_nothing(tmp_path):
    folder = corpus(tmp_path, 24)
    db = tmp_path / "shared.sqlite"
    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(db), "--quiet",
           "--batch-size", "1"]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE) for _ in range(2)]
    errs = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents") == [(24, 24)]
    whole = tmp_path / "whole.sqlite"
    main(["extract", str(folder), "-o", str(whole), "--quiet"])
    assert query(db, "SELECT COUNT(*) FROM quantities") == query(whole, "SELECT COUNT(*) FROM quantities")


def test_a_full_disk_fails_loudly_and_keeps_the_store(tmp_path, monkeypatch, capsys):
    folder = corpus(tmp_path, 30, repeat=20)
    db = tmp_path / "r.sqlite"
    opened = SQLiteStore._open

    def small_disk(self):  # SQLite reports SQLITE_FULL once the file reaches this size
        opened(self)
        self.db.execute("PRAGMA max_page_count = 40")

    monkeypatch.setattr(SQLiteStore, "_open", small_disk)
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 1
    assert "disk is full" in capsys.readouterr().err
    monkeypatch.undo()
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    stored = query(db, "SELECT COUNT(*) FROM documents")[0][0]
    assert 0 < stored < 30
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    whole = tmp_path / "whole.sqlite"
    main(["extract", str(folder), "-o", str(whole), "--quiet"])
    assert dump(db) == dump(whole)


def test_an_old_store_is_refused_with_a_message(tmp_path, capsys):
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL)")
    con.close()
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(corpus(tmp_path, 1)), "-o", str(db), "--quiet"])
    assert exc.value.code == 2
    assert "older oldcomm-ie" in capsys.readouterr().err


def q(text, value, start=0, kind="money", unit="元"):
    return {"start": start, "end": start + len(text), "text": text, "kind": kind, "value": value, "unit": unit,
            "qualifier": "exact", "value_max": None}


def money(value, role=None):
    return Quantity(0, 1, "x", "money", value, "元"), role


@pytest.mark.parametrize("investments, total", [
    ([money(500_000_000, "total"), money(300_000_000, "subsidy"), money(200_000_000, "residents")], 500_000_000),
    ([money(30_000_000, "subsidy"), money(80_000_000, "loan")], 80_000_000),       # no total: the largest
    ([money(8_000_000), money(2_000_000)], 8_000_000),                             # no roles: never the sum
    ([money(9_000_000, "loan"), money(4_000_000, "total")], 4_000_000),             # the total wins
    ([(Quantity(0, 1, "x", "money", 100, "美元"), "total")], None),                 # not yuan
    ([], None),
])
def test_investment_total_is_never_a_sum(investments, total):
    assert investment_total(investments) == total


@pytest.mark.parametrize("a, b, same", [
    ("江宁区翠屏社区老旧小区改造项目", "南京市江宁区翠屏社区老旧小区改造", True),
    ("“翠屏社区”老旧小区改造项目", "2023年翠屏社区老旧小区改造工程", True),
    ("翠屏社区老旧小区改造项目", "翠竹社区老旧小区改造项目", False),
])
def test_project_key_groups_spellings_of_one_project(a, b, same):
    admin = {"province": "江苏省", "city": "南京市", "district": "江宁区", "code": "320115"}
    assert (project_key(a, admin) == project_key(b, admin)) is same
    assert project_key(a, admin) != project_key(a, {**admin, "code": "320116"})


def article(doc_id, name, province, city, code, amounts):
    """A contract dict with the fields other stages add (admin, role), built by hand."""
    text = f"{name}总投资{amounts[0][0]}，其中中央补助{amounts[1][0]}。"
    start = text.index(amounts[0][0])
    part = text.index(amounts[1][0])
    invs = [{**q(amounts[0][0], amounts[0][1], start), "role": "total"},
            {**q(amounts[1][0], amounts[1][1], part), "role": "subsidy"}]
    place = {"start": 0, "end": 3, "text": name[:3], "label": "PLACE", "subtype": "city",
             "admin": {"province": province, "city": city, "district": None, "code": code[:4] + "00"}}
    return text, {"doc_id": doc_id, "quantities": invs, "entities": [place], "relations": [
        {"label": "INVESTMENT", "head": [0, len(name)], "tail": [start, start + len(amounts[0][0])],
         "evidence": [0, len(text)], "head_text": name, "tail_text": amounts[0][0]}],
        "projects": [{"name": name, "mentions": [[0, len(name)]], "aliases": [], "places": [], "investors": [],
                      "investments": invs, "models": [], "periods": [], "outcomes": [],
                      "admin": {"province": province, "city": city, "district": None, "code": code}}]}


def test_store_sums_by_province_and_groups_one_project_across_documents(tmp_path):
    db = tmp_path / "r.sqlite"
    store = SQLiteStore(db)
    docs = [article("1.txt", "合肥市庐阳区杏花村老旧小区改造项目", "安徽省", "合肥市", "340103",
                    [("2亿元", 200_000_000), ("5000万元", 50_000_000)]),
            article("2.txt", "庐阳区杏花村老旧小区改造", "安徽省", "合肥市", "340103",
                    [("2亿元", 200_000_000), ("6000万元", 60_000_000)]),
            article("3.txt", "长沙市天心区坡子街片区更新项目", "湖南省", "长沙市", "430103",
                    [("9亿元", 900_000_000), ("1亿元", 100_000_000)])]
    for i, (text, d) in enumerate(docs):
        assert store.add(Source(f"/x/{i}.txt", d["doc_id"], f"{i:064d}"), d, text)
    store.close()
    assert query(db, "SELECT province, SUM(investment_total) FROM projects GROUP BY province ORDER BY province") == [
        ("安徽省", 400_000_000.0), ("湖南省", 900_000_000.0)]
    assert query(db, "SELECT province, COUNT(*), SUM(investment_total) FROM distinct_projects GROUP BY province "
                     "ORDER BY province") == [("安徽省", 1, 200_000_000.0), ("湖南省", 1, 900_000_000.0)]
    assert query(db, "SELECT documents, name FROM distinct_projects WHERE admin_code = '340103'") == [
        (2, "合肥市庐阳区杏花村老旧小区改造项目")]
    assert query(db, "SELECT role, value, value_num FROM investments i JOIN projects p ON p.id = i.project "
                     "WHERE p.doc = 1 ORDER BY i.rowid") == [("total", "200000000", 2e8), ("subsidy", "50000000", 5e7)]
    evidence = query(db, "SELECT i.evidence, substr(d.text, i.evidence_start + 1, i.evidence_end - i.evidence_start) "
                         "FROM investments i JOIN projects p ON p.id = i.project JOIN documents d ON d.id = p.doc "
                         "WHERE i.role = 'total' AND d.doc_id = '3.txt'")
    assert evidence == [(docs[2][0], docs[2][0])]
    places = query(db, "SELECT text, province, admin_code FROM entities WHERE doc = 3")
    assert places == [("长沙市", "湖南省", "430100")]


def test_amounts_keep_exact_text_beside_numbers(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("项目绿化率达到35.5%，总投资1.25亿元。", encoding="utf-8")
    db = tmp_path / "r.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    rows = query(db, "SELECT text, value, value_num FROM quantities ORDER BY start")
    assert rows == [("35.5%", "0.355", 0.355), ("1.25亿元", "125000000", 125000000.0)]


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(1, 10**12), st.sampled_from([None, "total", "subsidy", "loan", "residents"])),
                max_size=6))
def test_investment_total_is_one_reported_amount(amounts):
    total = investment_total([money(v, role) for v, role in amounts])
    if not amounts:
        assert total is None
    else:
        assert total in {v for v, _ in amounts}
        totals = [v for v, role in amounts if role == "total"]
        assert total == max(totals or [v for v, _ in amounts])


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_a_file_name_that_is_no_utf8_is_stored_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(ARTICLES[1], encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"\xb8\xc4\xd4\xec.txt"), "wb") as f:  # GBK bytes as a name
        f.write(ARTICLES[0].encode("utf-8"))
    db = tmp_path / "r.sqlite"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    assert sorted(r[0] for r in query(db, "SELECT doc_id FROM paths")) == ["\\xb8\\xc4\\xd4\\xec.txt", "ok.txt"]
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--quiet"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_project_table_view_is_the_wide_csv_table(tmp_path):
    import csv

    folder = corpus(tmp_path, 4)
    db, table = tmp_path / "r.sqlite", tmp_path / "t.csv"
    main(["extract", str(folder), "-o", str(db), "--quiet"])
    main(["extract", str(folder), "-o", str(table), "--quiet"])
    with open(table, encoding="utf-8-sig", newline="") as f:
        expected = [(r["doc_id"], r["project"], r["investors"] or None, r["outcomes"] or None)
                    for r in csv.DictReader(f)]
    assert expected
    assert query(db, "SELECT doc_id, project, investors, outcomes FROM project_table ORDER BY project_id") == expected


def test_a_file_locked_while_another_writer_creates_it_is_asked_again(tmp_path, monkeypatch):
    """SQLite may refuse the switch to WAL at once while a second run creates the same file
    ("database is locked", past the busy timeout): the store asks again, then opens."""
    refusals = []

    class Busy:
        def __init__(self, db):
            self.db = db

        def execute(self, sql, *args):
            if sql.startswith("PRAGMA journal_mode") and len(refusals) < 2:
                refusals.append(sql)
                raise sqlite3.OperationalError("database is locked")
            return self.db.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.db, name)

    opened = SQLiteStore._open

    def busy_open(self):
        self.db = Busy(self.db)
        opened(self)
        self.db = self.db.db

    monkeypatch.setattr(SQLiteStore, "_open", busy_open)
    store = SQLiteStore(tmp_path / "r.sqlite")
    assert len(refusals) == 2
    assert store.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
