"""Corpus-scale run: 2,000 generated articles through the command line.

    python benchmarks/scale.py [--docs 2000] [--write docs/benchmarks.md]

Measures, in one run: throughput of `oldcomm-ie extract` with --n-process 1 and 2 (the
ratio is what matters on a 2-core machine), the resident memory of the run sampled over
time (flat = no growth after warm-up), and that a run killed halfway and restarted ends
with exactly the same database as an uninterrupted one.
"""
from __future__ import annotations

import argparse
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["苏州市姑苏区", "南京市鼓楼区", "成都市武侯区", "杭州市拱墅区", "武汉市江岸区", "西安市碑林区"]
ESTATES = ["竹辉新村", "江苏路社区", "芳草社区", "红石板社区", "百步亭社区", "长安小区"]
INVESTORS = ["城建集团", "城投置业有限公司", "建设银行分行", "安居集团"]


def synthetic(rng: random.Random) -> str:
    place, estate, inv = rng.choice(PLACES), rng.choice(ESTATES), rng.choice(INVESTORS)
    return (f"{place}{estate}老旧小区改造项目由{place[:2]}{inv}投资{rng.randint(1, 90)}.{rng.randint(0, 9)}亿元，"
            f"合作期限为{rng.randint(5, 20)}年。改造后惠及居民{rng.randint(100, 5000)}户，"
            f"加装电梯{rng.randint(1, 80)}部，改造面积约{rng.randint(1, 30)}万平方米。\n\n")


def make_corpus(folder: Path, n: int) -> int:
    rng = random.Random(7)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    chars = 0
    for i in range(n):
        seed = rng.choice(seeds)
        a = rng.randrange(0, max(1, len(seed) - 3000))
        text = seed[a:a + rng.randint(1500, 3000)] + "".join(synthetic(rng) for _ in range(rng.randint(1, 4)))
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def run(folder: Path, out: Path, n_process: int) -> tuple[float, list[int]]:
    """Seconds for one CLI run, and its resident memory (MB) sampled every half second."""
    import psutil

    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(out), "--quiet",
           "--n-process", str(n_process), "--batch-size", "32"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    samples = []
    while proc.poll() is None:
        try:
            procs = [ps, *ps.children(recursive=True)]
            samples.append(sum(p.memory_info().rss for p in procs) // 2 ** 20)
        except psutil.Error:
            pass
        time.sleep(0.5)
    return time.perf_counter() - started, samples


def dump(db: Path) -> dict:
    con = sqlite3.connect(db)
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("documents", "quantities", "entities", "relations", "projects", "project_slots")}


def killed_and_resumed(folder: Path, tmp: Path, whole: Path) -> bool:
    db = tmp / "resumed.sqlite"
    cmd = [sys.executable, "-m", "oldcomm_ie.cli", "extract", str(folder), "-o", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    total = len(list(folder.glob("*.txt")))
    while proc.poll() is None:
        time.sleep(0.2)
        try:
            if db.exists() and sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents").fetchone()[0] > total // 2:
                break
        except sqlite3.OperationalError:
            continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return dump(db) == dump(whole)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "corpus"
        folder.mkdir()
        chars = make_corpus(folder, args.docs)
        one_s, one_mem = run(folder, tmp / "one.sqlite", 1)
        two_s, two_mem = run(folder, tmp / "two.sqlite", 2)
        same = dump(tmp / "one.sqlite") == dump(tmp / "two.sqlite")
        resumed = killed_and_resumed(folder, tmp, tmp / "one.sqlite")

    def mem(samples):
        if len(samples) < 4:
            return "too short to sample"
        q = len(samples) // 4
        return f"{samples[q]} MB at 25%, {max(samples)} MB peak, {samples[-1]} MB at the end"

    lines = ["", "## Corpus scale (`python benchmarks/scale.py`)", "",
             f"{args.docs} generated articles ({chars:,} characters: seed excerpts plus synthetic sentences), "
             "through `oldcomm-ie extract … -o results.sqlite`, measured in one run:", "",
             "| run | seconds | chars/second | memory (RSS, all processes) |", "|---|---:|---:|---|",
             f"| --n-process 1 | {one_s:.1f} | {chars / one_s:,.0f} | {mem(one_mem)} |",
             f"| --n-process 2 | {two_s:.1f} | {chars / two_s:,.0f} | {mem(two_mem)} |", "",
             f"Throughput ratio 2 processes / 1: **{one_s / two_s:.2f}×**. "
             f"Same database from both: {'yes' if same else 'NO'}. "
             f"Killed at half-way and restarted: {'identical database' if resumed else 'DIFFERENT database'}."]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        text = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        marker = "\n## Corpus scale"
        text = text[:text.index(marker)] if marker in text else text
        args.write.write_text(text.rstrip("\n") + "\n" + report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
