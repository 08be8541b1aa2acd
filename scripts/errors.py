"""Print the misses of a prediction file against gold, with context, for error analysis.

    python scripts/errors.py ../shared/gold/dev pred.jsonl [quantities|entities]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    gold_dir, pred_path = Path(sys.argv[1]), Path(sys.argv[2])
    part = sys.argv[3] if len(sys.argv) > 3 else "quantities"
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    for line in pred_path.read_text(encoding="utf-8").splitlines():
        pred = json.loads(line)
        gold = json.loads((gold_dir / (Path(pred["doc_id"]).stem + ".json")).read_text(encoding="utf-8"))
        raw = (corpus / pred["doc_id"]).read_text(encoding="utf-8")

        def key(x):
            return (x["start"], x["end"], x.get("label"))

        gs = {key(x): x for x in gold[part]}
        ps = {key(x): x for x in pred[part]}
        for tag, mine, other in (("FP", ps, gs), ("FN", gs, ps)):
            for k, x in sorted(mine.items()):
                if k in other:
                    continue
                ctx = raw[max(0, x["start"] - 8):x["end"] + 6].replace("\n", "⏎")
                extra = x.get("label", x.get("kind")), x.get("subtype", x.get("unit"))
                print(tag, pred["doc_id"][:3], x["text"], *extra, "|", ctx)


if __name__ == "__main__":
    main()
