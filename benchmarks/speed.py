"""Speed of extract() next to bare spacy.blank("zh") tokenization, measured in one run.

    python benchmarks/speed.py [--repeat 5] [--corpus DIR] [--times N]

Prints characters per second of both, their ratio (issue 12 asks for >= 0.35), and the
share of extract's time each stage owns (the layout cleaner, each pipeline component,
building the Extraction), so each stage's owner sees what is theirs; and, for users of the
spaCy pipeline itself, the speed of nlp(text), which also builds a token per character and
doc.ents / doc.spans.  Each
figure is the best of `--repeat` passes over the corpus (its files joined `--times` times
make longer documents), in CPU time of this process, so that other processes on a shared
machine disturb it less; one core, no timed assertion anywhere.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

import oldcomm_ie
from oldcomm_ie.pipeline import VIEW_COMPONENTS
from oldcomm_ie.records import from_doc

ROOT = Path(__file__).resolve().parents[1]


def _pass(fn, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        fn(text)
    return time.process_time() - started


def best_pair(first, second, texts: list[str], repeat: int) -> tuple[float, float]:
    """Best-of-`repeat` seconds of two functions over all texts, their passes
    interleaved so that load from other processes hits both alike."""
    a = b = float("inf")
    for _ in range(repeat):
        a = min(a, _pass(first, texts))
        b = min(b, _pass(second, texts))
    return a, b


def stage_times(nlp, texts: list[str], repeat: int) -> dict[str, float]:
    """Best-of-`repeat` seconds per stage over all texts."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent: dict[str, float] = {}
        for text in texts:
            # the steps of pipeline.annotate, as extract() takes them: the layout cleaner's
            # Doc without tokens, then each component without spaCy's views
            t = time.process_time()
            doc = nlp.tokenizer.plain_doc(text)
            spent["layout"] = spent.get("layout", 0.0) + time.process_time() - t
            for name, proc in nlp.pipeline:
                t = time.process_time()
                doc = proc(doc, spacy_views=False) if isinstance(proc, VIEW_COMPONENTS) else proc(doc)
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
            t = time.process_time()
            from_doc(doc)
            spent["from_doc"] = spent.get("from_doc", 0.0) + time.process_time() - t
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), seconds)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--times", type=int, default=1, help="join each file N times (longer documents)")
    args = parser.parse_args()
    texts = ["\n\n".join([p.read_text(encoding="utf-8")] * args.times) for p in sorted(args.corpus.glob("*.txt"))]
    chars = sum(map(len, texts))
    blank = spacy.blank("zh")
    nlp = oldcomm_ie.load()
    oldcomm_ie.extract(texts[0], nlp=nlp)  # load the tables before timing
    bare, full = best_pair(blank, lambda t: oldcomm_ie.extract(t, nlp=nlp), texts, args.repeat)
    print(f"{len(texts)} documents, {chars:,} characters")
    print(f"spacy.blank('zh')  {chars / bare:12,.0f} chars/s")
    print(f"oldcomm_ie.extract {chars / full:12,.0f} chars/s")
    print(f"ratio              {bare / full:12.3f}")
    _, spacy_full = best_pair(blank, lambda t: from_doc(nlp(t)), texts, args.repeat)
    print(f"from_doc(nlp(text)) {chars / spacy_full:11,.0f} chars/s  (the spaCy pipeline: tokens, doc.ents, doc.spans)")
    stages = stage_times(nlp, texts, args.repeat)
    total = sum(stages.values())
    print("stage shares of extract:")
    for name, seconds in stages.items():
        print(f"  {name:22s} {seconds * 1000:8.1f} ms  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
