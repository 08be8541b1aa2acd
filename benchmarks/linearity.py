"""Time must grow linearly with length: the same text at 1 MB and at 4 MB, and the
pathological inputs of docs/reliability.md with their time.

    python benchmarks/linearity.py [--write docs/reliability.md]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seconds(fn, text: str) -> float:
    started = time.perf_counter()
    fn(text)
    return time.perf_counter() - started


PATHOLOGICAL = {
    "100,000 × 一": "一" * 100_000,
    "100,000 × 9": "9" * 100_000,
    "100,000 × 亿": "亿" * 100_000,
    "1 MB without a line break": None,  # filled from the corpus below
    "1 MB of line breaks": "\n" * 1_000_000,
    "50,000 × 约 then 3 then 50,000 × 余": "约" * 50_000 + "3" + "余" * 50_000,
    "30,000 × 3万": "3万" * 30_000,
    "100,000 × 平方米": "平方米" * 100_000,
    "20 MB article (UTF-8; corpus repeated)": None,
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args()
    import oldcomm_ie

    nlp = oldcomm_ie.load(max_chars=30_000_000)
    seed = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))

    def extract(text):
        return oldcomm_ie.extract(text, nlp=nlp)

    extract(seed)
    one_mb = (seed * (1_000_000 // len(seed) + 1))[:1_000_000]
    four_mb = (seed * (4_000_000 // len(seed) + 1))[:4_000_000]
    t1, t4 = seconds(extract, one_mb), seconds(extract, four_mb)
    PATHOLOGICAL["1 MB without a line break"] = one_mb.replace("\n", "")
    twenty_mb = seed * (20_000_000 // len(seed.encode("utf-8")) + 1)
    PATHOLOGICAL["20 MB article (UTF-8; corpus repeated)"] = twenty_mb[
        : len(twenty_mb.encode("utf-8")[:20_000_000].decode("utf-8", "ignore"))
    ]
    rows = []
    for name, text in PATHOLOGICAL.items():
        rows.append((name, len(text), seconds(extract, text)))
    lines = [
        "",
        "## Measured (`python benchmarks/linearity.py`)",
        "",
        f"Same text at 1,000,000 and 4,000,000 characters: {t1:.1f} s and {t4:.1f} s, "
        f"ratio **{t4 / t1:.2f}** (linear is 4; the bound is 5).",
        "",
        "| input | characters | seconds |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {n:,} | {s:.1f} |" for name, n, s in rows]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        marker = "\n## Measured"
        text = text[: text.index(marker)] if marker in text else text
        args.write.write_text(text.rstrip("\n") + "\n" + report, encoding="utf-8")
    return 0 if t4 / t1 <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
