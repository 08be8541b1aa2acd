"""Does a trained spaCy NER beat, or help, the rules on web articles it never saw?

    python scripts/train_folds.py                       # 5 folds, web gold only
    python scripts/train_folds.py --with-seeds          # and a second model per fold that
                                                        # also learns from the seed pages
    python scripts/train_folds.py --max-steps 800 --folds 5 --work /tmp/trained

Issue 9 asks for the experiment before any trained component ships.  Everything read
from ../shared (web texts, their gold) and everything built from it (DocBins, models,
predictions) stays under --work (default /tmp/trained): the corpus is never copied into
the project.  The folds are by document.  On each held-out fold the shared scorer rates
  rules        oldcomm_ie.extract(text).entities
  model        the NER trained on the other folds
  rules+model  the rules, plus model spans that overlap no rule entity
and, with --with-seeds, model and rules+model for a model trained on the other folds
plus the seed pages (corpus/ with ../shared/gold/dev).  Results go to WORK/results.json
and a markdown table on stdout (docs/trained.md reports them).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WEB = (SHARED / "corpus" / "web", SHARED / "gold" / "web")
SEEDS = (ROOT / "corpus", SHARED / "gold" / "dev")
CONFIG = ROOT / "configs" / "trained_ner.cfg"
LABELS = ("ORG", "PLACE", "PROJECT")
PARTS = ("entity", "entity_ORG", "entity_PLACE", "entity_PROJECT")


def _scorer():
    spec = importlib.util.spec_from_file_location("oldcomm_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_set(corpus: Path, gold_dir: Path) -> list[dict]:
    """Each gold document with its raw text, its layout-clean text and the clean map."""
    from oldcomm_ie.layout import clean_layout

    docs = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        raw = (corpus / gold["doc_id"]).read_text(encoding="utf-8")
        layout = clean_layout(raw)
        docs.append({"id": gf.stem, "doc_id": gold["doc_id"], "raw": raw, "layout": layout,
                     "gold": [e for e in gold.get("entities", []) if e.get("label") in LABELS]})
    return docs


def clean_spans(doc: dict, counts: dict) -> list[tuple[int, int, str]]:
    """Gold raw spans as clean-text spans; spans whose ends fall on dropped layout
    whitespace, or that overlap an earlier gold span (spaCy entities cannot), are counted
    and left out."""
    layout = doc["layout"]
    inv = {layout.raw_index(i): i for i in range(len(layout.clean))}
    out, taken = [], set()
    for e in sorted(doc["gold"], key=lambda e: (e["start"], -e["end"])):
        counts["gold"] += 1
        s, t = inv.get(e["start"]), inv.get(e["end"] - 1)
        if s is None or t is None or layout.raw_span(s, t + 1) != (e["start"], e["end"]):
            counts["unaligned"] += 1
            continue
        if taken & set(range(s, t + 1)):
            counts["overlapping"] += 1
            continue
        taken.update(range(s, t + 1))
        out.append((s, t + 1, e["label"]))
    return out


def new_counts() -> dict:
    return {"gold": 0, "unaligned": 0, "overlapping": 0, "untokenizable": 0}


def write_docbin(docs: list[dict], path: Path, counts: dict) -> None:
    """A DocBin of the clean texts with gold entities, tokenized as the config does."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("zh")  # char segmenter: one token per character
    db = DocBin()
    for d in docs:
        sdoc = nlp.make_doc(d["layout"].clean)
        ents = []
        for s, e, label in clean_spans(d, counts):
            span = sdoc.char_span(s, e, label=label)
            if span is None:
                counts["untokenizable"] += 1
                continue
            ents.append(span)
        sdoc.ents = ents
        db.add(sdoc)
    db.to_disk(path)


def rule_entities(docs: list[dict]) -> dict[str, list[dict]]:
    import oldcomm_ie

    results = oldcomm_ie.extract_many([d["raw"] for d in docs], doc_ids=[d["doc_id"] for d in docs])
    return {d["id"]: [e for e in r.to_dict()["entities"] if e.get("label") in LABELS]
            for d, r in zip(docs, results, strict=True)}


def model_entities(model_dir: Path, docs: list[dict]) -> dict[str, list[dict]]:
    """Model spans on the clean text, mapped back to raw offsets through the layout map."""
    import spacy

    nlp = spacy.load(model_dir)
    out = {}
    for d, sdoc in zip(docs, nlp.pipe(d["layout"].clean for d in docs), strict=True):
        layout = d["layout"]
        ents = []
        for ent in sdoc.ents:
            start, end = layout.raw_span(ent.start_char, ent.end_char)
            ents.append({"start": start, "end": end, "label": ent.label_,
                         "text": layout.surface(ent.start_char, ent.end_char)})
        out[d["id"]] = ents
    return out


def combine(rules: list[dict], model: list[dict]) -> list[dict]:
    """The rules, plus every model span that overlaps no rule entity."""
    extra = [m for m in model if not any(m["start"] < r["end"] and r["start"] < m["end"] for r in rules)]
    return rules + extra


def train(train_path: Path, dev_path: Path, out: Path, max_steps: int, seed: int) -> float:
    """Train one model (nice'd, bounded steps); returns the wall-clock seconds."""
    cmd = ["nice", "-n", "10", sys.executable, "-m", "spacy", "train", str(CONFIG),
           "--output", str(out), "--paths.train", str(train_path), "--paths.dev", str(dev_path),
           "--training.max_steps", str(max_steps), "--system.seed", str(seed)]
    t0 = time.time()
    with open(out.with_suffix(".log"), "w") as log:
        subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT, timeout=1800)
    return time.time() - t0


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def score(scorer, gold_dir: Path, ids: list[str], preds: dict[str, list[dict]], tmp: Path) -> dict:
    """The shared scorer on the held-out documents only (a folder of links to their gold)."""
    tmp.mkdir(parents=True, exist_ok=True)
    for f in tmp.glob("*.json"):
        f.unlink()
    for i in ids:
        os.symlink(gold_dir / f"{i}.json", tmp / f"{i}.json")
    report = scorer.score(tmp, {i: {"doc_id": f"{i}.txt", "entities": preds[i]} for i in ids})
    return {k: report[k] for k in PARTS}


def folds_of(ids: list[str], k: int, seed: int) -> list[list[str]]:
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def pooled(per_fold: list[dict]) -> dict:
    """Micro P/R/F over all held-out documents (the sums of the folds' counts)."""
    out = {}
    for part in PARTS:
        tp = sum(f[part]["tp"] for f in per_fold)
        fp = sum(f[part]["fp"] for f in per_fold)
        fn = sum(f[part]["fn"] for f in per_fold)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[part] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                     "tp": tp, "fp": fp, "fn": fn}
    return out


def mean(per_fold: list[dict]) -> dict:
    return {part: {m: round(sum(f[part][m] for f in per_fold) / len(per_fold), 4) for m in ("p", "r", "f1")}
            for part in PARTS}


def table(results: dict) -> str:
    lines = ["| system | fold | ORG P/R/F | PLACE P/R/F | PROJECT P/R/F | all P/R/F |",
             "|---|---|---|---|---|---|"]
    for system, res in results["systems"].items():
        rows = [(str(i + 1), f) for i, f in enumerate(res["folds"])]
        rows += [("mean", res["mean"]), ("pooled", res["pooled"])]
        for name, r in rows:
            cells = [f"{r[p]['p']:.3f}/{r[p]['r']:.3f}/**{r[p]['f1']:.3f}**" for p in
                     ("entity_ORG", "entity_PLACE", "entity_PROJECT", "entity")]
            lines.append(f"| {system} | {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/trained"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--max-steps", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--with-seeds", action="store_true", help="also train with the seed pages added")
    args = ap.parse_args(argv)
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    scorer = _scorer()
    web = load_set(*WEB)
    by_id = {d["id"]: d for d in web}
    seeds = load_set(*SEEDS) if args.with_seeds else []
    folds = folds_of(list(by_id), args.folds, args.seed)
    rules = rule_entities(web)
    variants = {"model": []} | ({"model+seeds": seeds} if args.with_seeds else {})
    systems = {"rules": [], "model": [], "rules+model": []}
    for v in variants:
        if v != "model":
            systems[v] = []
            systems["rules+" + v] = []
    counts, seed_counts = new_counts(), new_counts()
    for d in seeds:
        clean_spans(d, seed_counts)
    runs = []
    for k, held in enumerate(folds):
        fold_dir = work / f"fold{k + 1}"
        fold_dir.mkdir(exist_ok=True)
        train_docs = [by_id[i] for i in sorted(by_id) if i not in held]
        write_docbin([by_id[i] for i in held], fold_dir / "test.spacy", counts)  # counts every gold span once
        systems["rules"].append(score(scorer, WEB[1], held, rules, fold_dir / "gold"))
        for v, extra in variants.items():
            write_docbin(train_docs + extra, fold_dir / f"train-{v}.spacy", new_counts())
            # dev = the training set itself: only for the training log, never for model choice
            out = fold_dir / v
            secs = train(fold_dir / f"train-{v}.spacy", fold_dir / f"train-{v}.spacy", out, args.max_steps, args.seed)
            model = out / "model-last"
            preds = model_entities(model, [by_id[i] for i in held])
            systems[v].append(score(scorer, WEB[1], held, preds, fold_dir / "gold"))
            systems["rules+" + v].append(score(scorer, WEB[1], held,
                                               {i: combine(rules[i], preds[i]) for i in held}, fold_dir / "gold"))
            runs.append({"fold": k + 1, "variant": v, "train_docs": len(train_docs) + len(extra),
                         "seconds": round(secs, 1), "model_bytes": dir_size(model)})
            print(f"fold {k + 1} {v}: {secs:.0f}s, entity F1 {systems[v][-1]['entity']['f1']:.3f}, "
                  f"rules {systems['rules'][-1]['entity']['f1']:.3f}, "
                  f"rules+{v} {systems['rules+' + v][-1]['entity']['f1']:.3f}", flush=True)
    results = {"folds": folds, "max_steps": args.max_steps, "seed": args.seed,
               "web_gold_spans": counts, "runs": runs,
               "systems": {s: {"folds": f, "mean": mean(f), "pooled": pooled(f)} for s, f in systems.items()}}
    if args.with_seeds:
        results["seed_gold_spans"] = seed_counts
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    print("web gold spans:", counts, *(["seed gold spans:", seed_counts] if args.with_seeds else []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
