"""How well projects and places are placed on the web set (issue 11: at least 90% of the
projects carry admin.province, and at least 90% of those name the article's province).

    oldcomm-ie extract ../shared/corpus/web -o /tmp/web.jsonl --quiet
    python benchmarks/admin_web.py /tmp/web.jsonl [--sample 40 --seed 1]

The article's province is the `province` column of ../shared/corpus/web/SOURCES.md.
Prints the two shares, every project that misses, the share of PLACE entities with a
province, and (with --sample) random place resolutions to check by eye.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "web" / "SOURCES.md"
ROW = re.compile(r"^\| (\S+\.txt) \| \d+ \| ([^|]+?) \|", re.M)


def chain_text(admin: dict) -> str:
    return " ".join(str(v) for v in admin.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl")
    parser.add_argument("--sources", default=str(SOURCES))
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    province = dict(ROW.findall(Path(args.sources).read_text(encoding="utf-8")))
    docs = [json.loads(line) for line in Path(args.jsonl).read_text(encoding="utf-8").splitlines() if line]
    projects = with_province = right = 0
    misses, places = [], []
    for d in docs:
        want = province.get(d["doc_id"], "")
        for p in d["projects"]:
            projects += 1
            got = (p.get("admin") or {}).get("province")
            with_province += bool(got)
            right += bool(got) and got.startswith(want)
            if not got or not got.startswith(want):
                misses.append(f"{d['doc_id']} ({want}) {p['name']} {p['places']} -> {chain_text(p.get('admin') or {})}")
        places += [(d["doc_id"], e) for e in d["entities"] if e["label"] == "PLACE"]
    placed = sum(bool((e.get("admin") or {}).get("province")) for _, e in places)
    print(f"projects: {projects}; with admin.province {with_province} ({with_province / max(projects, 1):.1%}); "
          f"naming the article's province {right} ({right / max(with_province, 1):.1%} of those)")
    print(f"PLACE entities: {len(places)}; with a province {placed} ({placed / max(len(places), 1):.1%})")
    for line in misses:
        print("miss:", line)
    random.seed(args.seed)
    for doc_id, e in random.sample(places, min(args.sample, len(places))):
        print(f"{doc_id} {e['text']} ({e['subtype']}) -> {chain_text(e.get('admin') or {})}")


if __name__ == "__main__":
    main()
