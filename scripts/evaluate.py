"""Extract corpus/ and score it against ../shared/gold/dev, plus the numeral suite.

    python scripts/evaluate.py [PRED.jsonl]

With no argument it extracts corpus/ first (to out/corpus.jsonl).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def extract_corpus(out: Path) -> None:
    import oldcomm_ie

    out.parent.mkdir(parents=True, exist_ok=True)
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    with out.open("w", encoding="utf-8") as f:
        for r in oldcomm_ie.extract_many(texts, doc_ids=[p.name for p in paths]):
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


def main() -> int:
    pred = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "corpus.jsonl"
    if len(sys.argv) <= 1:
        extract_corpus(pred)
    code = subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "gold" / "dev"), str(pred)])
    for name in ("dev.jsonl", "test.jsonl"):
        print(f"\nnumeral suite {name}:")
        subprocess.call([sys.executable, str(SHARED / "eval" / "numeral_score.py"), str(SHARED / "numeral" / name)])
    return code


if __name__ == "__main__":
    sys.exit(main())
