"""Where a corpus run leaves its results: SQLite (the default), JSONL or CSV, by extension.

The SQLite store is built for runs over thousands of files that may be interrupted:
- a document is keyed by its path and the SHA-256 of its bytes; a file already stored
  with the same content is skipped, a changed one is replaced, so re-running a folder is
  idempotent;
- each document is written in one transaction, so a run killed at any point keeps every
  finished document and none half-written, and a restart ends with the same database as
  an uninterrupted run (row ids follow the stable order of the files);
- failures are rows too (status 'failed' with the error), never silently dropped;
- every statement takes its values as parameters.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

from .records import Extraction, project_rows

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, doc_id TEXT,
    chars INTEGER, encoding TEXT, status TEXT NOT NULL, error TEXT, version TEXT
);
CREATE TABLE IF NOT EXISTS quantities (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, kind TEXT, value TEXT, unit TEXT, qualifier TEXT,
    value_max TEXT, out_of_range INTEGER
);
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, label TEXT, subtype TEXT
);
CREATE TABLE IF NOT EXISTS relations (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT, head_start INTEGER, head_end INTEGER, tail_start INTEGER, tail_end INTEGER,
    evidence_start INTEGER, evidence_end INTEGER, head_text TEXT, tail_text TEXT
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT, aliases TEXT, mentions TEXT
);
CREATE TABLE IF NOT EXISTS project_slots (
    project INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    slot TEXT, text TEXT, value TEXT, unit TEXT, metric TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc);
CREATE INDEX IF NOT EXISTS quantities_kind ON quantities(kind, unit);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);
CREATE INDEX IF NOT EXISTS entities_text ON entities(label, text);
CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc);
CREATE INDEX IF NOT EXISTS projects_doc ON projects(doc);
CREATE INDEX IF NOT EXISTS project_slots_project ON project_slots(project);
CREATE INDEX IF NOT EXISTS project_slots_text ON project_slots(slot, text);
"""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SQLiteStore:
    """Results of a corpus run in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(SCHEMA)
        from . import __version__

        self.version = __version__

    def done(self, path: str, digest: str) -> bool:
        """Is this file, with this content, already stored (extracted or failed)?"""
        row = self.db.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return row is not None and row[0] == digest

    def _replace(self, path: str, digest: str, **fields) -> int:
        self.db.execute("DELETE FROM documents WHERE path = ?", (path,))
        cols = ["path", "sha256", "version", *fields]
        cur = self.db.execute(
            f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            (path, digest, self.version, *fields.values()))
        return cur.lastrowid

    def add_failure(self, path: str, digest: str, error: str) -> None:
        with self.db:
            self._replace(path, digest, status="failed", error=error)

    def add(self, path: str, digest: str, result: Extraction, chars: int, encoding: str) -> None:
        """Store one document's results in one transaction."""
        with self.db:
            doc = self._replace(path, digest, doc_id=result.doc_id, chars=chars, encoding=encoding, status="ok")
            self.db.executemany(
                'INSERT INTO quantities (doc, start, "end", text, kind, value, unit, qualifier, value_max, out_of_range)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc, q.start, q.end, q.text, q.kind, str(q.value), q.unit, q.qualifier,
                  None if q.value_max is None else str(q.value_max), int(q.out_of_range)) for q in result.quantities])
            self.db.executemany(
                'INSERT INTO entities (doc, start, "end", text, label, subtype) VALUES (?, ?, ?, ?, ?, ?)',
                [(doc, e.start, e.end, e.text, e.label, e.subtype) for e in result.entities])
            self.db.executemany(
                "INSERT INTO relations (doc, label, head_start, head_end, tail_start, tail_end, evidence_start,"
                " evidence_end, head_text, tail_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc, r.label, *r.head, *r.tail, *r.evidence, r.head_text, r.tail_text) for r in result.relations])
            single = Extraction(result.doc_id)
            for p in result.projects:
                cur = self.db.execute("INSERT INTO projects (doc, name, aliases, mentions) VALUES (?, ?, ?, ?)",
                                      (doc, p.name, json.dumps(p.aliases, ensure_ascii=False),
                                       json.dumps([list(m) for m in p.mentions])))
                single.projects = [p]
                self.db.executemany(
                    'INSERT INTO project_slots (project, slot, text, value, unit, metric, start, "end")'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(cur.lastrowid, r["slot"], r["text"], None if r["value"] is None else str(r["value"]),
                      r["unit"], r["metric"], r["start"], r["end"]) for r in project_rows(single)])

    def counts(self) -> dict:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "quantities", "entities", "relations", "projects", "project_slots")}

    def close(self) -> None:
        self.db.close()


class JSONLStore:
    """One contract JSON object per line (failures go to the error log only)."""

    def __init__(self, path: str | Path | int):
        self.file = open(path, "w", encoding="utf-8", closefd=not isinstance(path, int))

    def done(self, path: str, digest: str) -> bool:
        return False

    def add(self, path: str, digest: str, result: Extraction, chars: int, encoding: str) -> None:
        self.file.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")

    def add_failure(self, path: str, digest: str, error: str) -> None:
        pass

    def close(self) -> None:
        self.file.close()


class CSVStore(JSONLStore):
    """The project table: one row per filled project slot."""

    def __init__(self, path: str | Path):
        super().__init__(path)
        from .records import ROW_COLUMNS

        self.writer = csv.DictWriter(self.file, fieldnames=ROW_COLUMNS)
        self.writer.writeheader()

    def add(self, path: str, digest: str, result: Extraction, chars: int, encoding: str) -> None:
        self.writer.writerows(project_rows(result))


def open_store(path: str | Path):
    """The store for an output path, by its extension (.sqlite/.db, .jsonl, .csv)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".sqlite", ".sqlite3", ".db"):
        return SQLiteStore(path)
    if suffix in (".jsonl", ".json", ".ndjson"):
        return JSONLStore(path)
    if suffix == ".csv":
        return CSVStore(path)
    raise ValueError(f"unknown output type {suffix!r}: use .sqlite, .jsonl or .csv")
