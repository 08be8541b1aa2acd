"""Coverage-guided fuzzing of extract() and parse_quantity() with atheris.

    pip install atheris
    python fuzz/fuzz_extract.py -max_total_time=1800 -rss_limit_mb=4096 fuzz/corpus

Each input is decoded as UTF-8 (invalid bytes replaced) and run through the whole pipeline
and parse_quantity; any exception, an offset outside the text, overlapping quantities or a
span whose text is not its slice is a finding.  Findings are saved by libFuzzer as
crash-* files; each becomes a case in tests/test_robustness.py.  Not part of CI's budget.
"""
from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    import oldcomm_ie

NLP = oldcomm_ie.load(max_chars=200_000)


def check(text: str) -> None:
    result = oldcomm_ie.extract(text, nlp=NLP)
    spans = sorted((q.start, q.end) for q in result.quantities)
    for (a, b), (c, _) in zip(spans, spans[1:]):
        if b > c:
            raise AssertionError(f"overlapping quantities at {a}-{b} and {c}")
    for item in result.quantities + result.entities:
        if not 0 <= item.start < item.end <= len(text):
            raise AssertionError(f"span {item.start}-{item.end} outside a text of {len(text)}")
        # the contract: the slice without line breaks (a space may stay between Latin and CJK)
        if re.sub(r"\s+", "", item.text) != re.sub(r"\s+", "", text[item.start:item.end]) or "\n" in item.text:
            raise AssertionError(f"span text {item.text!r} is not its slice {text[item.start:item.end]!r}")
    for r in result.relations:
        if not 0 <= r.evidence[0] < r.evidence[1] <= len(text):
            raise AssertionError("relation evidence outside the text")
    oldcomm_ie.parse_quantity(text[:200])


def one_input(data: bytes) -> None:
    check(data.decode("utf-8", errors="replace"))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
