"""Write src/oldcomm_ie/data/t2s_chars.txt: every character OpenCC's t2s conversion may change.

    python scripts/build_t2s.py

The layout cleaner converts only the lines that hold one of these characters (a line
without any converts to itself), instead of handing every text to OpenCC.  The table is
read from the dictionaries of the installed OpenCC package (its t2s.json chain, dumped
to text by the `opencc_dict` tool the package ships): a character is listed where some
entry's key holds it at a position whose value differs, and every character of an entry
whose value has another length.  tests/test_layout_script.py rebuilds it from the
installed package and fails when the two differ.
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import opencc

OUT = Path(__file__).resolve().parents[1] / "src" / "oldcomm_ie" / "data" / "t2s_chars.txt"
HEADER = """\
# Characters OpenCC's t2s conversion may change (a key character whose value differs at its
# position, or any character of an entry converted to another length).  Source: the OpenCC
# dictionaries of t2s.json (Apache-2.0, (c) Carbo Kuo and contributors), OpenCC {version};
# written by scripts/build_t2s.py.
"""


def _clib() -> Path:
    return Path(opencc.__file__).parent / "clib"


def _dictionaries() -> list[str]:
    """The .ocd2 files the t2s configuration chains (normalization first)."""
    config = json.loads((_clib() / "share" / "opencc" / "t2s.json").read_text(encoding="utf-8"))
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                out.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in config.items() if k != "name"})
    return out


def entries(name: str):
    """(key, values) of one OpenCC dictionary, dumped to text with `opencc_dict`."""
    clib = _clib()
    env = dict(os.environ, LD_LIBRARY_PATH=str(clib / "lib64"))
    with tempfile.TemporaryDirectory() as tmp:
        dumped = Path(tmp) / "dict.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / name),
                        "-o", str(dumped), "-f", "ocd2", "-t", "text"], check=True, env=env)
        for line in dumped.read_text(encoding="utf-8").splitlines():
            if line:
                key, values = line.split("\t")
                yield key, values.split(" ")


def changeable() -> set[str]:
    """The characters some t2s dictionary entry may change."""
    out: set[str] = set()
    for name in _dictionaries():
        for key, values in entries(name):
            for value in values:
                if len(value) != len(key):
                    out.update(key)
                else:
                    out.update(k for k, v in zip(key, value, strict=True) if k != v)
    return out


def main() -> None:
    chars = sorted(changeable())
    OUT.write_text(HEADER.format(version=opencc.__version__) + "\n".join(chars) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(chars)} characters")


if __name__ == "__main__":
    main()
