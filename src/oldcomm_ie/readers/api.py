"""extract_file / extract_folder: files and folders read exactly as the command line reads them."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import display_name, read_file, walk


@dataclass(frozen=True)
class Failure:
    path: str
    error: str


@dataclass
class FolderResult:
    """What a folder gave: one Extraction per file read, the files that failed and why,
    and the entries left out by reason (file type, dangling link, link loop...)."""

    results: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def __iter__(self) -> Iterator:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def to_dataframe(self, by: str = "project"):
        """The project table of every document (needs pandas): by="project" one row per
        project, as the CSV export writes it (province, city, investment_total in yuan …);
        by="slot" one row per filled slot."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'oldcomm-ie[dataframe]'") from exc
        if by == "slot":
            from ..records import ROW_COLUMNS, project_rows

            return pd.DataFrame([row for r in self.results for row in project_rows(r)], columns=ROW_COLUMNS)
        if by != "project":
            raise ValueError(f"by must be 'project' or 'slot', not {by!r}")
        from ..store.files import WIDE_COLUMNS, wide_rows

        return pd.DataFrame([row for r in self.results for row in wide_rows(r)], columns=WIDE_COLUMNS)


def extract_file(path: str | Path, nlp=None):
    """Read one file (.txt, .md, .html, .pdf, .docx; any encoding) and extract from it.

    The result's offsets point into `result.text`; `result.meta` says how it was read
    (path, kind, encoding, title/date/source, page start offsets, warnings).  Raises
    ValueError (DecodeError, ReadError) when the file cannot be read."""
    from ..pipeline import _default, extract

    nlp = nlp or _default()
    path = Path(path)
    document = read_file(path, nlp.max_length)
    result = extract(document.text, doc_id=display_name(path.name), nlp=nlp)
    result.text, result.meta = document.text, document.meta
    return result


def extract_folder(path: str | Path | list, follow_links: bool = False, nlp=None) -> FolderResult:
    """Every readable file under a folder (or the files and folders listed), walked as the
    command line walks them; a file that fails is listed in `.failures`, never raised."""
    from ..pipeline import _default

    nlp = nlp or _default()
    walked = walk(path if isinstance(path, list) else [path], follow_links=follow_links)
    out = FolderResult(skipped=walked.skipped)
    for file in walked.files:
        try:
            out.results.append(extract_file(file, nlp))
        except (OSError, ValueError) as exc:
            out.failures.append(Failure(display_name(file), str(exc) if isinstance(exc, ValueError)
                                        else f"cannot read: {exc.strerror or exc}"))
    return out
