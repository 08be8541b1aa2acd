"""Which files a run reads: the files named, and the readable files under folders named.

Nothing is dropped without a word: every entry not read is counted by its reason (its
file type, a dangling link, a link loop, a link leading out of the folder).  Links are
followed only while they stay inside the folder given, unless follow_links=True.  Names
that are not valid UTF-8 arrive surrogate-escaped; `display_name` makes them storable.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# What the readers read, by lower-cased suffix (the kinds of readers/__init__.py).
SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
            ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx"}


def display_name(path: str | Path) -> str:
    """The path as valid Unicode text: bytes that were not UTF-8 become \\xNN escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


@dataclass
class Walk:
    """The files to read, in a stable order, and what was left out, by reason."""

    files: list[Path] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        """E.g. "3 .xlsx, 1 dangling link" (most frequent first), or "" when none."""
        return ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Walker:
    def __init__(self, root: Path, follow_links: bool, out: Walk):
        self.root = os.path.realpath(root)
        self.follow_links = follow_links
        self.out = out
        self.seen: set[str] = set()  # real paths already read or entered

    def skip(self, reason: str) -> None:
        self.out.skipped[reason] += 1

    def folder(self, path: str) -> None:
        real = os.path.realpath(path)
        if real in self.seen:
            parent = os.path.realpath(os.path.dirname(path))
            self.skip("link loop" if _inside(parent, real) else "second link to one folder")
            return
        self.seen.add(real)
        try:
            with os.scandir(path) as it:
                # Real entries before links, so a file is read under its own name.
                entries = sorted(it, key=lambda e: (e.is_symlink(), e.name))
        except OSError:
            self.skip("unreadable folder")
            return
        for entry in entries:
            self.entry(entry)

    def entry(self, entry: os.DirEntry) -> None:
        try:
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                if not os.path.exists(real):
                    return self.skip("dangling link")
                if not self.follow_links and not _inside(real, self.root):
                    return self.skip("link out of the folder")
            if entry.is_dir():
                return self.folder(entry.path)
            if not entry.is_file():
                return self.skip("not a regular file")
        except OSError:  # a loop of links, a vanished entry, a permission error
            return self.skip("link loop" if entry.is_symlink() else "unreadable entry")
        suffix = Path(entry.name).suffix.lower()
        if suffix not in SUFFIXES:
            return self.skip(suffix or "file without extension")
        real = os.path.realpath(entry.path)
        if real in self.seen:
            return self.skip("second link to one file")
        self.seen.add(real)
        self.out.files.append(Path(entry.path))


def walk(paths: Iterable[str | Path], follow_links: bool = False) -> Walk:
    """Files named are read whatever their type; folders are searched recursively."""
    out = Walk()
    for p in map(Path, paths):
        if p.is_dir():
            _Walker(p, follow_links, out).folder(str(p))
        else:
            out.files.append(p)  # named on purpose: read (or fail with a reason) as given
    return out


def iter_files(paths: Iterable[str | Path], follow_links: bool = False) -> Iterator[Path]:
    """The files `walk` selects, in order."""
    yield from walk(paths, follow_links).files
