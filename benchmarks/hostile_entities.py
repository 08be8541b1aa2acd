"""Growth of the entity stage on hostile inputs (issue 13): each family at 1k, 10k and
100k characters, with the time of the whole extract() and the ratio 100k / 10k (a
linear family stays near 10).

    python benchmarks/hostile_entities.py
"""
from __future__ import annotations

import time

SIZES = (1_000, 10_000, 100_000)


def _repeat(unit: str, tail: str = ""):
    return lambda n: unit * max(1, (n - len(tail)) // len(unit)) + tail


def _aliases(n: int) -> str:
    """Many distinct quoted names, each defined and then repeated."""
    parts, i = [], 0
    while sum(map(len, parts)) < n:
        name = "".join(chr(0x4E00 + (i * 7 + k * 131) % 20000) for k in range(4))
        parts.append(f"打造“{name}”，{name}进展顺利。")
        i += 1
    return "".join(parts)


FAMILIES = {
    "function parts without a head (规划和自然资源和…好)": _repeat("规划和自然资源和", "好"),
    "level committees (市委市委…)": _repeat("市委"),
    "government bodies in a row (市住建局、)": _repeat("市住建局、"),
    "bank short forms and branches (中行某地支行)": _repeat("中行江宁支行、"),
    "company suffixes (有限公司有限公司…)": _repeat("有限公司"),
    "a 、-list ending in 、 (青松社区、某某公司、…)": _repeat("青松社区、兰州医药公司、"),
    "distinct quoted aliases": _aliases,
}
# Short cases with a stated bound of their own (issue 13: under 0.1 s each).
SHORT = {
    "规划和自然资源和 × 16 + 好 (129 characters)": "规划和自然资源和" * 16 + "好",
    "市委 × 2,000 (4k characters)": "市委" * 2_000,
}


def seconds(extract, text: str) -> float:
    started = time.perf_counter()
    extract(text)
    return time.perf_counter() - started


def main() -> int:
    import oldcomm_ie

    extract = oldcomm_ie.extract
    extract("预热。")
    print(f"{'family':58s}" + "".join(f"{n:>10,d}" for n in SIZES) + "   100k/10k")
    for name, make in FAMILIES.items():
        times = [seconds(extract, make(n)) for n in SIZES]
        print(f"{name:58s}" + "".join(f"{t:9.3f}s" for t in times) + f"   {times[2] / max(times[1], 1e-9):6.1f}")
    for name, text in SHORT.items():
        print(f"{name:58s}{seconds(extract, text):9.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
