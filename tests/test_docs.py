"""The Python examples in README.md and docs/*.md run as written, each page's blocks in
order in one namespace (as a reader would run them in a notebook)."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


@pytest.mark.parametrize("path", [p for p in DOCS if BLOCK.search(p.read_text(encoding="utf-8"))],
                         ids=lambda p: p.name)
def test_page_runs(path):
    namespace: dict = {}
    for code in BLOCK.findall(path.read_text(encoding="utf-8")):
        exec(compile(code, str(path), "exec"), namespace)
