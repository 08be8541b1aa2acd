"""Where a corpus run leaves its results, chosen by the output's extension: SQLite (the
default, queryable and resumable), JSON lines, or the wide project table as CSV, Parquet or
Excel.  Every store takes the same calls: `done(digest)`, `seen(source)`,
`add(source, result, text)`, `add_failure(source, error)`, `close()`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .files import CSVStore, ExcelStore, JSONLStore, MissingExtra, ParquetStore, require_extra, wide_rows
from .rows import investment_total, project_key, project_records
from .sqlite import SCHEMA_VERSION, SQLiteStore, StoreError

KINDS = {".sqlite": SQLiteStore, ".sqlite3": SQLiteStore, ".db": SQLiteStore,
         ".jsonl": JSONLStore, ".json": JSONLStore, ".ndjson": JSONLStore,
         ".csv": CSVStore, ".parquet": ParquetStore, ".xlsx": ExcelStore}


@dataclass
class Source:
    """One file of a run: its resolved path (provenance), its id relative to the input
    folder, and once read, the SHA-256 of its bytes (the document's identity)."""

    path: str
    doc_id: str
    digest: str | None = None
    encoding: str | None = None
    meta: dict | None = None  # what the reader learnt (kind, title, date, pages, warnings)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def kind_of(path: str | Path):
    """The store class for an output path; ValueError for an extension we do not write."""
    suffix = Path(path).suffix.lower()
    if suffix not in KINDS:
        raise ValueError(f"unknown output type {suffix!r}: use .sqlite, .jsonl, .csv, .parquet or .xlsx")
    return KINDS[suffix]


def open_store(path: str | Path):
    """The store for an output path, by its extension; its folder is created if missing."""
    kind = kind_of(path)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return kind(path)


__all__ = ["CSVStore", "ExcelStore", "JSONLStore", "MissingExtra", "ParquetStore", "SCHEMA_VERSION", "SQLiteStore",
           "Source", "StoreError", "investment_total", "kind_of", "open_store", "project_key",
           "project_records", "require_extra", "sha256_of", "wide_rows"]
