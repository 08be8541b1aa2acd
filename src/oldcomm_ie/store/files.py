"""Outputs written once, front to back: JSON lines and the wide project table (CSV, Parquet,
Excel).  Unlike the SQLite store they do not resume; within one run a content already
written (the same bytes under another path) is not written again."""
from __future__ import annotations

import csv
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

from .rows import exact, number, project_records

SEP = "；"
WIDE_COLUMNS = ["doc_id", "project", "province", "city", "district", "admin_code", "investment_total",
                "places", "investors", "investments", "investment_roles", "models", "periods", "outcomes",
                "aliases", "project_key"]
EXTRAS = {".parquet": ("pyarrow", "parquet"), ".xlsx": ("openpyxl", "excel")}


class MissingExtra(RuntimeError):
    """An output kind whose optional library is not installed (a message, no traceback)."""


def require_extra(suffix: str) -> None:
    module, extra = EXTRAS[suffix]
    if importlib.util.find_spec(module) is None:
        raise MissingExtra(f"writing {suffix} files needs {module}: pip install 'oldcomm-ie[{extra}]'")


class _Once:
    """Every content once per run; failures go to the error log only."""

    def __init__(self):
        self.digests: set[str] = set()

    def done(self, digest: str) -> bool:
        """True for a content already handed out in this run (it is claimed on the first call)."""
        if digest in self.digests:
            return True
        self.digests.add(digest)
        return False

    def seen(self, source) -> None:
        pass

    def add_failure(self, source, error: str) -> None:
        pass


class JSONLStore(_Once):
    """One contract JSON object per line; `doc_id` is the path relative to the input folder."""

    def __init__(self, path: str | Path | int):
        super().__init__()
        self.file = open(path, "w", encoding="utf-8", closefd=not isinstance(path, int))  # noqa: SIM115 - open for the run

    def add(self, source, result, text: str | None = None) -> bool:
        d = result if isinstance(result, dict) else result.to_dict()
        self.file.write(json.dumps(d, ensure_ascii=False) + "\n")
        self.file.flush()
        return True

    def close(self) -> None:
        self.file.close()


def wide_rows(result) -> list[dict]:
    """One row per project: where it is, how much (yuan), and each slot joined."""
    d = result if isinstance(result, dict) else result.to_dict()
    rows = []
    for rec in project_records(result):
        def texts(slot, recs=rec):
            return SEP.join(i.text for i in recs.items if i.slot == slot)

        rows.append({
            "doc_id": d.get("doc_id"), "project": rec.name, "province": rec.province, "city": rec.city,
            "district": rec.district, "admin_code": rec.admin_code, "investment_total": rec.investment_total,
            "places": texts("places"), "investors": texts("investors"), "investments": texts("investments"),
            "investment_roles": SEP.join(i.role or "" for i in rec.investments) if any(
                i.role for i in rec.investments) else "",
            "models": texts("models"), "periods": texts("periods"),
            "outcomes": SEP.join(f"{i.metric} {i.text}" for i in rec.items if i.slot == "outcomes"),
            "aliases": SEP.join(rec.aliases), "project_key": rec.project_key})
    return rows


class CSVStore(_Once):
    """The wide project table as CSV, UTF-8 with a BOM so that Excel reads the Chinese."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - open for the run
        self.writer = csv.DictWriter(self.file, fieldnames=WIDE_COLUMNS)
        self.writer.writeheader()

    def add(self, source, result, text: str | None = None) -> bool:
        for row in wide_rows(result):
            row["investment_total"] = exact(row["investment_total"])
            self.writer.writerow(row)
        self.file.flush()
        return True

    def close(self) -> None:
        self.file.close()


class ParquetStore(_Once):
    """The wide project table as Parquet, written in row groups (memory stays flat)."""

    GROUP = 2000

    def __init__(self, path: str | Path):
        require_extra(".parquet")
        super().__init__()
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.schema = pa.schema([(c, pa.float64() if c == "investment_total" else pa.string())
                                 for c in WIDE_COLUMNS])
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list[dict] = []

    def add(self, source, result, text: str | None = None) -> bool:
        self.rows.extend(_numeric(r) for r in wide_rows(result))
        if len(self.rows) >= self.GROUP:
            self._flush()
        return True

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


class ExcelStore(_Once):
    """The wide project table as an .xlsx sheet (openpyxl's streaming writer)."""

    def __init__(self, path: str | Path):
        require_extra(".xlsx")
        super().__init__()
        from openpyxl import Workbook

        self.path = Path(path)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("projects")
        self.sheet.append(WIDE_COLUMNS)

    def add(self, source, result, text: str | None = None) -> bool:
        for row in wide_rows(result):
            self.sheet.append([_numeric(row)[c] for c in WIDE_COLUMNS])
        return True

    def close(self) -> None:
        self.book.save(self.path)


def _numeric(row: dict) -> dict:
    total = row["investment_total"]
    return {**row, "investment_total": number(total) if isinstance(total, Decimal) else total}
