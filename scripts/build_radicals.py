"""Write src/oldcomm_ie/data/radical_equivalents.tsv from Unicode's EquivalentUnifiedIdeograph.txt.

    python scripts/build_radicals.py path/to/EquivalentUnifiedIdeograph.txt

PDF text layers often hold CJK Radicals Supplement characters (U+2E80-U+2EFF, e.g. U+2ED3
for 长) where the article has the unified ideograph.  NFKC folds only two of them, so the
layout cleaner reads this table.  Kangxi Radicals and Compatibility Ideographs are folded
from unicodedata (NFKC/NFC) at run time and need no table.
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "oldcomm_ie" / "data" / "radical_equivalents.tsv"
BLOCK = range(0x2E80, 0x2F00)  # CJK Radicals Supplement

HEADER = """\
# CJK Radicals Supplement characters and their equivalent unified ideographs.
# Source: Unicode Character Database, EquivalentUnifiedIdeograph.txt (Unicode License v3),
# the rows for U+2E80..U+2EFF; written by scripts/build_radicals.py.
#radical\tideograph\tcode points
"""


def rows(text: str):
    """(radical, ideograph) pairs of the block, ranges expanded."""
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        source, target = (part.strip() for part in data.split(";"))
        lo, _, hi = source.partition("..")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            if cp in BLOCK:
                yield chr(cp), chr(int(target, 16))


def main(argv: list[str]) -> None:
    text = Path(argv[1]).read_text(encoding="utf-8")
    lines = [f"{r}\t{u}\tU+{ord(r):04X} U+{ord(u):04X}" for r, u in rows(text)]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} rows -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
