"""Growth of extract() on every hostile input family of issue 13, 1k → 10k → 100k chars.

    python benchmarks/hostile.py            # the table (seconds per size, and the 100k/10k ratio)
    python benchmarks/hostile.py --sizes 1000 4000

A family is a function from a length to a text of about that length.  The slow test
(tests/test_hostile_growth.py) runs the same families at 100k characters under a bound.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable


def _short_names(n: int) -> str:
    """Many distinct quoted four-character names, each defined and then used once more."""
    parts, size, i = [], 0, 0
    while size < n:
        name = "".join(chr(0x4E00 + (i * 7 + k * 131) % 20_000) for k in range(4))
        parts.append(f"打造“{name}”，{name}进展顺利。")
        size += len(parts[-1])
        i += 1
    return "".join(parts)


# Text of each family at about n characters; the short cases of the issue are sizes too.
FAMILIES: dict[str, Callable[[int], str]] = {
    "government parts, no head (规划和自然资源和…好)": lambda n: "规划和自然资源和" * (n // 8) + "好",
    "市委 repeated": lambda n: "市委" * (n // 2),
    "range partner with 万s (1到1万万…)": lambda n: "1到1" + "万" * (n - 3),
    "range partner with 兆s (1到一兆兆…)": lambda n: "1到一" + "兆" * (n - 3),
    "URL-like runs (www.a1 …)": lambda n: "www.a1 " * (n // 7),
    "many ORGs in one investment sentence": lambda n: "由" + "、".join(
        f"青川第{i}建设集团有限公司" for i in range(n // 14)) + "共同投资3亿元。",
    "a renovation sentence repeated (…社区改造投资3万元，)": lambda n: "白象社区改造投资3万元，" * (n // 12),
    "mixed numerals (1万2千…)": lambda n: "1万2千" * (n // 4),
    "distinct quoted aliases": lambda n: "".join(
        f"青川城投集团第{i}公司（以下简称“城投{i}”）" for i in range(n // 22)),
    "prose without a line break": lambda n: ("青川县住建局启动云栖苑小区改造项目，总投资约2.6亿元，惠及居民1200户，"
                                             "加装电梯36部，采用EPC模式，合作期限为12年。") * (n // 60),
    "zero-width characters in numerals": lambda n: "改造30\u200b0户，投资2\xad600万元，" * (n // 16),
    "ANSI escapes and controls": lambda n: "\x1b[31m改造\x1b[0m面积3万平方米\x07；" * (n // 18),
    "lone surrogates": lambda n: "改造\ud800小区3个，" * (n // 8),
    "government bodies in a row (市住建局、…)": lambda n: "市住建局、" * (n // 5),
    "bank branches in a row (中行江宁支行、…)": lambda n: "中行江宁支行、" * (n // 7),
    "a list of compounds ending in 、": lambda n: "青松社区、兰州医药公司、" * (n // 12),
    "company suffixes (有限公司有限公司…)": lambda n: "有限公司" * (n // 4),
    "distinct quoted short names, each repeated": lambda n: _short_names(n),
}


def timed(text: str, repeat: int = 1):
    """The extraction of `text` and the CPU seconds of the fastest of `repeat` runs, each after
    a full garbage collection: what the extractor costs, not what other processes on a shared
    machine or a collector pause cost."""
    import oldcomm_ie

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        result = oldcomm_ie.extract(text)
        best = min(best, time.process_time() - started)
    return result, best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = ap.parse_args(argv)
    import oldcomm_ie

    oldcomm_ie.extract("预热")  # load the pipeline outside the timings
    print(f"{'family':<52}" + "".join(f"{n:>10,}" for n in args.sizes) + "   ratio")
    for name, make in FAMILIES.items():
        times = [timed(make(n))[1] for n in args.sizes]
        ratio = times[-1] / times[-2] if len(times) > 1 and times[-2] > 0 else float("nan")
        print(f"{name:<52}" + "".join(f"{t:>10.3f}" for t in times) + f"{ratio:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
