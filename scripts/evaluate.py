"""Score the pipeline on every yardstick beside the project, side by side.

    python scripts/evaluate.py                 # seeds (corpus/), web set, numeral suite
    python scripts/evaluate.py --misses 20     # and, per entity label, the spans missed and invented
    python scripts/evaluate.py --json out.json # the whole report for a notebook

The seed pages are the bundled corpus/ (gold in ../shared/gold/dev); the web set is read
from ../shared/corpus/web and never copied into the project.  Scores come from the
shared scorer (../shared/eval/score.py), imported, so the figures are the ones it prints.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (ROOT / "corpus", SHARED / "gold" / "dev"),
    "web": (SHARED / "corpus" / "web", SHARED / "gold" / "web"),
}
PARTS = (
    "quantity_span",
    "quantity_norm",
    "entity",
    "entity_ORG",
    "entity_PLACE",
    "entity_PROJECT",
    "project",
    "project_slots",
    "slot_places",
    "slot_investors",
    "slot_investments",
    "slot_models",
    "slot_periods",
    "slot_outcomes",
)


def _scorer():
    spec = importlib.util.spec_from_file_location("oldcomm_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(corpus: Path) -> dict[str, dict]:
    """The contract JSON of every .txt in `corpus`, keyed by file stem (as the scorer pairs)."""
    import oldcomm_ie

    paths = sorted(corpus.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return {
        p.stem: r.to_dict()
        for p, r in zip(paths, oldcomm_ie.extract_many(texts, doc_ids=[p.name for p in paths]), strict=True)
    }


def entity_misses(gold_dir: Path, predictions: dict[str, dict], limit: int) -> dict[str, dict[str, list]]:
    """Per label, the most frequent surfaces missed (in gold, not predicted) and invented."""
    out: dict[str, dict[str, Counter]] = {}
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = predictions.get(gf.stem, {})
        g = {(e["start"], e["end"], e["label"]): e["text"] for e in gold.get("entities", [])}
        p = {(e["start"], e["end"], e["label"]): e["text"] for e in pred.get("entities", [])}
        for key in g.keys() - p.keys():
            out.setdefault(key[2], {"missed": Counter(), "invented": Counter()})["missed"][g[key]] += 1
        for key in p.keys() - g.keys():
            out.setdefault(key[2], {"missed": Counter(), "invented": Counter()})["invented"][p[key]] += 1
    return {label: {k: c.most_common(limit) for k, c in d.items()} for label, d in sorted(out.items())}


def numeral_suite() -> dict[str, str]:
    lines = {}
    for name in ("dev.jsonl", "test.jsonl"):
        run = subprocess.run(
            [sys.executable, str(SHARED / "eval" / "numeral_score.py"), str(SHARED / "numeral" / name)],
            capture_output=True,
            text=True,
        )
        lines[name] = (run.stdout.strip().splitlines() or [run.stderr.strip()])[0]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="list the N most frequent entity misses")
    ap.add_argument("--json", type=Path, help="write the whole report here")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no {SHARED}: the gold sets live beside the project", file=sys.stderr)
        return 2
    scorer = _scorer()
    report: dict = {}
    for name, (corpus, gold) in SETS.items():
        preds = predict(corpus)
        report[name] = scorer.score(gold, preds)
        if args.misses:
            report[name]["misses"] = entity_misses(gold, preds, args.misses)
    report["numerals"] = numeral_suite()
    print(f"{'part':<18}" + "".join(f"{n + ' P/R/F1':>24}" for n in SETS))
    for part in PARTS:
        cells = "".join(f"{r['p']:>8.3f}{r['r']:>8.3f}{r['f1']:>8.3f}" for r in (report[n][part] for n in SETS))
        print(f"{part:<18}{cells}")
    for name, line in report["numerals"].items():
        print(f"numeral suite {name}: {line}")
    for name in SETS:
        for label, d in report[name].get("misses", {}).items():
            print(f"\n[{name}] {label} missed: " + "、".join(f"{t}×{n}" for t, n in d["missed"]))
            print(f"[{name}] {label} invented: " + "、".join(f"{t}×{n}" for t, n in d["invented"]))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
