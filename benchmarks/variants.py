"""Scores on renderings of the same articles as users' converters hand them over.

    python benchmarks/variants.py [--corpus ../shared/corpus/web] [--gold ../shared/gold/web]

Each variant is made from the plain text and scored by surface (eval/score.py
--by-surface), since its offsets differ from the gold's:
- plain: the text as it is;
- lookalikes: every ideograph that has a Kangxi or supplement radical lookalike written
  with it (⽇ for 日, ⻓ for 长, ⺠ for 民, as PDF text layers return them), every other
  digit full-width;
- wrapped: a hard line break every 14 characters and a stray space after every 37th
  character between two ideographs (newspaper columns);
- traditional: OpenCC s2tw.
Issue 10 asks each variant to stay within 0.02 (traditional 0.05) of plain.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import oldcomm_ie
from oldcomm_ie.tables import data_rows

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PARTS = ("quantity_norm", "entity", "project", "project_slots")


def _lookalikes() -> dict[str, str]:
    table = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)}
    table.update({ideograph: radical for radical, ideograph, *_ in data_rows("radical_equivalents.tsv")})
    return table


def lookalikes(text: str) -> str:
    table = _lookalikes()
    out, digit = [], 0
    for ch in text:
        if ch.isascii() and ch.isdigit():
            digit += 1
            out.append(chr(ord(ch) + 0xFEE0) if digit % 2 else ch)
        else:
            out.append(table.get(ch, ch))
    return "".join(out)


def wrapped(text: str, width: int = 14, stray: int = 37) -> str:
    lines = []
    for para in text.split("\n"):
        chars = []
        for i, ch in enumerate(para):
            chars.append(ch)
            nxt = para[i + 1] if i + 1 < len(para) else ""
            if i % stray == stray - 1 and "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= nxt <= "\u9fff":
                chars.append(" ")
        line = "".join(chars)
        lines.extend(line[i:i + width] for i in range(0, len(line), width) or [0])
    return "\n".join(lines)


def traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2tw").convert(text)


VARIANTS = {"plain": lambda t: t, "lookalikes": lookalikes, "wrapped": wrapped, "traditional": traditional}


def score(gold: Path, texts: dict[str, str], out: Path) -> dict:
    with out.open("w", encoding="utf-8") as f:
        for doc_id, text in texts.items():
            f.write(json.dumps(oldcomm_ie.extract(text, doc_id=doc_id).to_dict(), ensure_ascii=False) + "\n")
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out),
                             "--by-surface", "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "web")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "web")
    args = parser.parse_args()
    plain = {p.name: p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))}
    print(f"{'variant':12s}" + "".join(f"{p:>15s}" for p in PARTS))
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in VARIANTS.items():
            scores = score(args.gold, {k: make(v) for k, v in plain.items()}, Path(tmp) / f"{name}.jsonl")
            print(f"{name:12s}" + "".join(f"{_f1(scores, p):15.3f}" for p in PARTS))


def _f1(scores: dict, part: str) -> float:
    value = scores[part]
    return value["f1"] if isinstance(value, dict) else float(value)


if __name__ == "__main__":
    main()
