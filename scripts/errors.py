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


if __name__ == "__main__" and (len(sys.argv) <= 3 or sys.argv[3] != "projects"):
    main()


def projects(gold_dir: Path, pred_path: Path) -> None:
    """Side by side: each gold project and the prediction the scorer pairs with it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", gold_dir.parents[1] / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for line in pred_path.read_text(encoding="utf-8").splitlines():
        pred = json.loads(line)
        gold = json.loads((gold_dir / (Path(pred["doc_id"]).stem + ".json")).read_text(encoding="utf-8"))
        pairs = dict(score.pair_projects(gold["projects"], pred["projects"]))
        print("=" * 20, pred["doc_id"])
        for gi, g in enumerate(gold["projects"]):
            p = pred["projects"][pairs[gi]] if gi in pairs else None
            print("GOLD", g["name"])
            print("PRED", p["name"] if p else "—")
            for slot in score.SLOTS:
                gs, ps = score.slot_items(g, slot), score.slot_items(p, slot) if p else []
                if gs or ps:
                    print(f"   {slot:12} gold={gs}\n   {'':12} pred={ps}")
        for pi, p in enumerate(pred["projects"]):
            if pi not in pairs.values():
                print("EXTRA", p["name"], p["places"], [o["metric"] for o in p["outcomes"]])


if __name__ == "__main__" and len(sys.argv) > 3 and sys.argv[3] == "projects":
    projects(Path(sys.argv[1]), Path(sys.argv[2]))
