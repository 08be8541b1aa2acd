"""The SQLite store: a queryable, resumable home for the results of a corpus run.

- A document is its content (SHA-256 of the bytes): the same bytes under several paths,
  or one folder given by several spellings of its path, are one document; every path
  seen is provenance in `paths`.  A path whose content changed points to the new
  document, and a document no path points to any more is dropped.
- Each document is written in one transaction (BEGIN IMMEDIATE, so two writers on one
  file queue instead of failing): a run killed at any point keeps every finished
  document and none half-written, and a restart ends with the same database as an
  uninterrupted run (row ids follow the stable order of the files; a retried document
  keeps its id).
- Failures are rows (status 'failed' with the error) and are retried on the next run.
- Every statement takes its values as parameters.
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from ..chars import safe_text
from .rows import as_extraction, exact, number, project_records

# How long a writer waits for another to release the file before giving up (seconds).
BUSY_SECONDS = 120.0
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, doc_id TEXT, path TEXT,
    chars INTEGER, encoding TEXT, status TEXT NOT NULL, error TEXT, version TEXT, text TEXT
);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY, doc_id TEXT, sha256 TEXT, error TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quantities (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, kind TEXT, value TEXT, value_num REAL, unit TEXT,
    qualifier TEXT, value_max TEXT, value_max_num REAL, out_of_range INTEGER
);
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, label TEXT, subtype TEXT, province TEXT, city TEXT,
    district TEXT, admin_code TEXT
);
CREATE TABLE IF NOT EXISTS relations (
    doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT, head_start INTEGER, head_end INTEGER, tail_start INTEGER, tail_end INTEGER,
    evidence_start INTEGER, evidence_end INTEGER, head_text TEXT, tail_text TEXT
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT, aliases TEXT, mentions TEXT, province TEXT, city TEXT, district TEXT,
    admin_code TEXT, investment_total REAL, project_key TEXT
);
CREATE TABLE IF NOT EXISTS investments (
    project INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, role TEXT, value TEXT, value_num REAL, unit TEXT,
    qualifier TEXT, value_max TEXT, value_max_num REAL, evidence_start INTEGER,
    evidence_end INTEGER, evidence TEXT
);
CREATE TABLE IF NOT EXISTS project_slots (
    project INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    slot TEXT, text TEXT, value TEXT, value_num REAL, unit TEXT, metric TEXT, role TEXT,
    start INTEGER, "end" INTEGER, evidence_start INTEGER, evidence_end INTEGER, evidence TEXT
);
CREATE INDEX IF NOT EXISTS paths_sha256 ON paths(sha256);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc);
CREATE INDEX IF NOT EXISTS quantities_kind ON quantities(kind, unit);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);
CREATE INDEX IF NOT EXISTS entities_text ON entities(label, text);
CREATE INDEX IF NOT EXISTS relations_doc ON relations(doc);
CREATE INDEX IF NOT EXISTS projects_doc ON projects(doc);
CREATE INDEX IF NOT EXISTS projects_key ON projects(project_key);
CREATE INDEX IF NOT EXISTS projects_place ON projects(province, city, district);
CREATE INDEX IF NOT EXISTS investments_project ON investments(project);
CREATE INDEX IF NOT EXISTS project_slots_project ON project_slots(project);
CREATE INDEX IF NOT EXISTS project_slots_text ON project_slots(slot, text);
CREATE VIEW IF NOT EXISTS distinct_projects AS
    SELECT project_key,
           (SELECT q.name FROM projects q WHERE q.project_key = p.project_key
            ORDER BY length(q.name) DESC, q.id LIMIT 1) AS name,
           MAX(province) AS province, MAX(city) AS city, MAX(district) AS district,
           MAX(admin_code) AS admin_code, MAX(investment_total) AS investment_total,
           COUNT(DISTINCT doc) AS documents, COUNT(*) AS records, MIN(id) AS first_project
    FROM projects p GROUP BY project_key;
CREATE VIEW IF NOT EXISTS project_table AS
    SELECT d.doc_id, p.id AS project_id, p.name AS project, p.province, p.city, p.district, p.admin_code,
           p.investment_total,
           (SELECT group_concat(s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'places') AS places,
           (SELECT group_concat(s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'investors') AS investors,
           (SELECT group_concat(s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'investments') AS investments,
           (SELECT group_concat(s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'models') AS models,
           (SELECT group_concat(s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'periods') AS periods,
           (SELECT group_concat(s.metric || ' ' || s.text, '；') FROM project_slots s
            WHERE s.project = p.id AND s.slot = 'outcomes') AS outcomes,
           p.project_key
    FROM projects p JOIN documents d ON d.id = p.doc;
CREATE VIEW IF NOT EXISTS failures AS
    SELECT p.path, p.doc_id, p.sha256, COALESCE(p.error, d.error) AS error
    FROM paths p LEFT JOIN documents d ON d.sha256 = p.sha256
    WHERE p.error IS NOT NULL OR d.status = 'failed';
"""


class StoreError(RuntimeError):
    """A store that cannot be used as it is (an older schema, another program's file)."""


class SQLiteStore:
    """Results of a corpus run in one SQLite file (see the module docstring)."""

    def __init__(self, path: str | Path):
        from .. import __version__

        self.path = Path(path)
        self.version = __version__
        self.db = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS, isolation_level=None)
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.path}: not an oldcomm-ie SQLite store ({exc})") from exc
        except StoreError:
            self.db.close()
            raise

    def _open(self) -> None:
        """Check the schema and create it under the write lock (two writers may start at once)."""
        self.db.execute("PRAGMA foreign_keys = ON")
        self._wal()
        with self.transaction():
            tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            found = None
            if "meta" in tables:
                row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                found = int(row[0]) if row else None
            if tables and found is None:
                raise StoreError(
                    f"{self.path} was written by an older oldcomm-ie (documents keyed by path, amounts "
                    "as text only); it cannot be resumed. Write to a new file, or delete this one, "
                    "and run again.")
            if found is not None and found != SCHEMA_VERSION:
                raise StoreError(f"{self.path} has store schema {found}; this oldcomm-ie reads schema "
                                 f"{SCHEMA_VERSION}. Use a new file.")
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                            (str(SCHEMA_VERSION),))

    def _wal(self, wait: float = BUSY_SECONDS) -> None:
        """Switch the file to write-ahead logging.  While another writer creates the same
        file, SQLite may answer "database is locked" at once, past the busy timeout (seen
        with two runs started together): ask again until `wait` seconds have gone."""
        deadline = time.monotonic() + wait
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    @contextmanager
    def transaction(self):
        """One write transaction that takes the write lock first (two writers queue)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite has already rolled back after SQLITE_FULL
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def done(self, digest: str) -> bool:
        """Is this content already extracted? (Failed documents are tried again.)"""
        row = self.db.execute("SELECT status FROM documents WHERE sha256 = ?", (digest,)).fetchone()
        return row is not None and row[0] == "ok"

    def seen(self, source) -> None:
        """Record a path whose content is already stored (provenance only)."""
        row = self.db.execute("SELECT doc_id, sha256, error FROM paths WHERE path = ?", (source.path,)).fetchone()
        if row == (source.doc_id, source.digest, None):  # a re-run: nothing to write, no lock taken
            return
        with self.transaction():
            self._path(source, None)

    def add_failure(self, source, error: str) -> None:
        error = safe_text(error)
        with self.transaction():
            if source.digest is None:  # not even read: the path carries the error
                self._path(source, error)
                return
            if self.done(source.digest):
                self._path(source, None)
                return
            self._document(source, status="failed", error=error)
            self._path(source, None)

    def add(self, source, result, text: str | None = None) -> bool:
        """Store one document's results in one transaction; False when another writer
        (or a duplicate file earlier in this run) stored the same content first."""
        extraction, d = as_extraction(result)
        records = project_records(result)
        with self.transaction():
            if self.done(source.digest):
                self._path(source, None)
                return False
            doc = self._document(source, status="ok", chars=None if text is None else len(text),
                                 encoding=source.encoding, text=text)
            self._children(doc, extraction, d, records, text)
            self._path(source, None)
        return True

    def _document(self, source, **fields) -> int:
        """Insert the document row, reusing the id of a failed attempt at the same content."""
        row = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", (source.digest,)).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM documents WHERE id = ?", (row[0],))
        cols = ["id", "sha256", "doc_id", "path", "version", *fields]
        values = (None if row is None else row[0], source.digest, source.doc_id, source.path, self.version,
                  *fields.values())
        cur = self.db.execute(f"INSERT INTO documents ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                              values)
        return cur.lastrowid

    def _path(self, source, error: str | None) -> None:
        """Point a path at its current content; drop a document no path points to any more."""
        row = self.db.execute("SELECT sha256 FROM paths WHERE path = ?", (source.path,)).fetchone()
        digest = source.digest if source.digest is not None else (row[0] if row else None)
        self.db.execute("INSERT OR REPLACE INTO paths (path, doc_id, sha256, error) VALUES (?, ?, ?, ?)",
                        (source.path, source.doc_id, digest, error))
        old = row[0] if row else None
        if old is not None and old != digest and self.db.execute(
                "SELECT 1 FROM paths WHERE sha256 = ? LIMIT 1", (old,)).fetchone() is None:
            self.db.execute("DELETE FROM documents WHERE sha256 = ?", (old,))

    def _children(self, doc: int, result, d: dict, records, text: str | None) -> None:
        self.db.executemany(
            'INSERT INTO quantities (doc, start, "end", text, kind, value, value_num, unit, qualifier, value_max,'
            " value_max_num, out_of_range) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, q.start, q.end, q.text, q.kind, exact(q.value), number(q.value), q.unit, q.qualifier,
              exact(q.value_max), number(q.value_max), int(q.out_of_range)) for q in result.quantities])
        self.db.executemany(
            'INSERT INTO entities (doc, start, "end", text, label, subtype, province, city, district, admin_code)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, e.start, e.end, e.text, e.label, e.subtype, *_admin(ed))
             for e, ed in zip(result.entities, d.get("entities") or (), strict=True)])
        self.db.executemany(
            "INSERT INTO relations (doc, label, head_start, head_end, tail_start, tail_end, evidence_start,"
            " evidence_end, head_text, tail_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, r.label, *r.head, *r.tail, *r.evidence, r.head_text, r.tail_text) for r in result.relations])
        for rec in records:
            cur = self.db.execute(
                "INSERT INTO projects (doc, name, aliases, mentions, province, city, district, admin_code,"
                " investment_total, project_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc, rec.name, json.dumps(rec.aliases, ensure_ascii=False), json.dumps(rec.mentions),
                 rec.province, rec.city, rec.district, rec.admin_code, number(rec.investment_total),
                 rec.project_key))
            project = cur.lastrowid
            self.db.executemany(
                'INSERT INTO investments (project, start, "end", text, role, value, value_num, unit, qualifier,'
                " value_max, value_max_num, evidence_start, evidence_end, evidence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(project, i.quantity.start, i.quantity.end, i.text, i.role, exact(i.quantity.value),
                  number(i.quantity.value), i.quantity.unit, i.quantity.qualifier, exact(i.quantity.value_max),
                  number(i.quantity.value_max), *_evidence(i, text)) for i in rec.investments])
            self.db.executemany(
                'INSERT INTO project_slots (project, slot, text, value, value_num, unit, metric, role, start, "end",'
                " evidence_start, evidence_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(project, i.slot, i.text, *_amount(i), i.metric, i.role, *_span(i), *_evidence(i, text))
                 for i in rec.items])

    def counts(self) -> dict:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "paths", "quantities", "entities", "relations", "projects", "investments",
                          "project_slots")}

    def close(self) -> None:
        self.db.close()


def _admin(entity: dict) -> tuple:
    """A place's resolved chain, where the entity stage gives one."""
    admin = entity.get("admin") or {}
    code = admin.get("code")
    return admin.get("province"), admin.get("city"), admin.get("district"), None if code is None else str(code)


def _amount(item) -> tuple:
    q = item.quantity
    return (None, None, None) if q is None else (exact(q.value), number(q.value), q.unit)


def _span(item) -> tuple:
    q = item.quantity
    return (None, None) if q is None else (q.start, q.end)


def _evidence(item, text: str | None) -> tuple:
    if item.evidence is None:
        return (None, None, None)
    start, end = item.evidence
    return start, end, (text[start:end] if text is not None else None)
