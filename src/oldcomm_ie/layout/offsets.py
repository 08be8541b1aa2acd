"""The offset map from a cleaned text back to the caller's string.

Cleaning only ever drops raw characters, replaces one by one, or expands one raw
character into several clean ones (a unit symbol read as its name).  So the map from
clean to raw positions is non-decreasing, and it is stored compactly as runs: from
clean position c of a run (c, r) on, clean position i maps to raw r + (i - c).  An
expansion is a run of its own for each of its characters after the first, all at r.
"""
from __future__ import annotations

import bisect
import re

# What a kept gap of layout whitespace reads as in the clean text.
_GAPS = " \n"
_SURROGATE = re.compile("[\ud800-\udfff]")


class Layout:
    """A cleaned text and the map from each of its characters to the raw string."""

    __slots__ = ("raw", "clean", "_starts", "_raws")

    def __init__(self, raw: str, clean: str, runs) -> None:
        """runs: the (clean_start, raw_start) pair of each run."""
        self.raw = raw
        self.clean = clean
        self._starts = [c for c, _ in runs]
        self._raws = [r for _, r in runs]

    @classmethod
    def from_runs(cls, raw: str, clean: str, starts: list[int], raws: list[int]) -> Layout:
        """The Layout of runs given as two lists (clean starts, raw starts); no copy."""
        layout = cls.__new__(cls)
        layout.raw, layout.clean, layout._starts, layout._raws = raw, clean, starts, raws
        return layout

    @property
    def runs(self) -> tuple[tuple[int, int], ...]:
        """(clean_start, raw_start) of each run."""
        return tuple(zip(self._starts, self._raws, strict=True))

    def __eq__(self, other) -> bool:
        return isinstance(other, Layout) and (self.raw, self.clean, self._starts, self._raws) == \
            (other.raw, other.clean, other._starts, other._raws)

    def __repr__(self) -> str:
        return f"Layout(raw={self.raw!r}, clean={self.clean!r}, runs={self.runs!r})"

    def raw_index(self, i: int) -> int:
        """Raw position of clean character i (0 <= i < len(clean))."""
        k = bisect.bisect_right(self._starts, i) - 1
        return self._raws[k] + (i - self._starts[k])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end); end is exclusive.

        A kept gap (' ' or '\n') at either end of a span is layout, not part of the
        mention: it is left out, so offsets never start or end on whitespace."""
        clean = self.clean
        if not 0 <= start < end <= len(clean):
            raise ValueError(f"span ({start}, {end}) outside the clean text of length {len(clean)}")
        if clean[start] in _GAPS or clean[end - 1] in _GAPS:
            inner = clean[start:end]
            if inner.strip(_GAPS):
                start += len(inner) - len(inner.lstrip(_GAPS))
                end -= len(inner) - len(inner.rstrip(_GAPS))
        starts, raws = self._starts, self._raws
        k = bisect.bisect_right(starts, start) - 1
        last = end - 1
        j = bisect.bisect_right(starts, last, k) - 1  # the end's run is at or after the start's
        return raws[k] + (start - starts[k]), raws[j] + (last - starts[j]) + 1

    def surface(self, start: int, end: int) -> str:
        """The contract's `text`: the clean reading of a span (normal characters, no
        layout whitespace, no line break)."""
        text = self.clean[start:end].strip(_GAPS)
        if "\n" not in text:
            return text
        out = ""
        for part in text.split("\n"):
            if out and part and _word_char(out[-1]) and _word_char(part[0]):
                out += " "
            out += part
        return out

    def to_msgpack(self) -> dict:
        """Plain form kept on the Doc (msgpack-safe, for n_process > 1).  The clean text is
        kept too: spaCy rebuilds doc.text from the tokens on every access.  A raw text
        with lone surrogates, which UTF-8 cannot carry, goes as surrogate-escaped bytes."""
        raw: str | bytes = self.raw
        if _SURROGATE.search(self.raw):
            raw = self.raw.encode("utf-8", "surrogatepass")
        return {"raw": raw, "clean": self.clean, "runs": [self._starts, self._raws]}

    @classmethod
    def from_msgpack(cls, data: dict, clean: str) -> Layout:
        """The Layout that to_msgpack wrote."""
        starts, raws = data["runs"]
        raw = data["raw"]
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", "surrogatepass")
        return cls.from_runs(raw, clean, list(starts), list(raws))

    @classmethod
    def identity(cls, text: str) -> Layout:
        """The map of a text that needs no cleaning."""
        return cls(text, text, ((0, 0),) if text else ())


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class LayoutBuilder:
    """Collects the clean text piece by piece together with its runs."""

    __slots__ = ("pieces", "starts", "raws", "size", "run_end")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.raws: list[int] = []
        self.size = 0        # clean characters so far
        self.run_end = -1    # raw position the current run would map the next character to

    def keep(self, text: str, raw_i: int) -> None:
        """Append `text`, which stands one for one for raw[raw_i:raw_i + len(text)]."""
        if text:
            size = self.size
            if raw_i != self.run_end:
                self.starts.append(size)
                self.raws.append(raw_i)
            self.pieces.append(text)
            n = len(text)
            self.size = size + n
            self.run_end = raw_i + n

    def expand(self, text: str, raw_i: int) -> None:
        """Append `text`, all of whose characters stand for the one raw character raw_i."""
        self.keep(text[0], raw_i)
        n = len(text)
        if n > 1:
            self.starts.extend(range(self.size, self.size + n - 1))
            self.raws.extend([raw_i] * (n - 1))
            self.pieces.append(text[1:])
            self.size += n - 1
        self.run_end = raw_i + 1

    def last(self) -> str:
        """The last clean character so far ('' at the start)."""
        return self.pieces[-1][-1] if self.pieces else ""

    def build(self, raw: str, clean: str | None = None) -> Layout:
        """The Layout; `clean` replaces the collected text one for one when given."""
        text = "".join(self.pieces) if clean is None else clean
        return Layout.from_runs(raw, text, self.starts, self.raws)
