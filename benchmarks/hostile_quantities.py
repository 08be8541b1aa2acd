"""Growth of the quantity stage on hostile input: each family at 1k, 10k and 100k characters.

    python benchmarks/hostile_quantities.py

Linear families grow about 10x per step; a quadratic one grows 100x.  The slow test
tests/test_quantity_hostile.py::test_hostile_families_at_100k bounds each at 100k.
"""
from __future__ import annotations

import time

# name → builder of a text of about n characters (the families of issue 13)
FAMILIES = {
    "1到1 + 万×n": lambda n: "1到1" + "万" * (n - 3),
    "1到一 + 兆×n": lambda n: "1到一" + "兆" * (n - 3),
    "'www.a1 '×n": lambda n: "www.a1 " * (n // 7),
    "1万2千×n": lambda n: "1万2千" * (n // 4),
    "改造投资3万元，×n": lambda n: "白象社区改造投资3万元，" * (n // 12),
    "3万美元5万×n": lambda n: "3万美元5万" * (n // 6),
    "约×n 3 余×n": lambda n: "约" * (n // 2) + "3" + "余" * (n // 2),
    "1-×n": lambda n: "1-" * (n // 2),
    "总投资×n 2.6亿": lambda n: "总投资" * (n // 3) + "2.6亿",
}
SIZES = (1_000, 10_000, 100_000)


def seconds(text: str) -> float:
    from oldcomm_ie.quantities import find_quantities

    started = time.perf_counter()
    find_quantities(text)
    return time.perf_counter() - started


def main() -> None:
    from oldcomm_ie.quantities import default_scanner

    default_scanner()  # tables loaded before timing
    print(f"{'family':<22}" + "".join(f"{n:>12,}" for n in SIZES) + "   growth 10k→100k")
    for name, build in FAMILIES.items():
        times = [seconds(build(n)) for n in SIZES]
        growth = times[2] / times[1] if times[1] > 0 else float("nan")
        print(f"{name:<22}" + "".join(f"{t:>11.3f}s" for t in times) + f"   {growth:6.1f}x")


if __name__ == "__main__":
    main()
