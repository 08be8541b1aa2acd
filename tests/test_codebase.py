"""The house rules a newcomer relies on (issue 12): no class over 200 lines, no module
over 500, one licence stated alike, a typed package."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "src" / "oldcomm_ie").rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT / "src")))
def test_modules_and_classes_stay_small(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 500, f"{path.name} has over 500 lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= 200, f"class {node.name} has over 200 lines"


def test_one_licence_everywhere():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # (tomllib is 3.11+)
    assert re.findall(r'^license = "([^"]+)"', pyproject, re.M) == ["MIT"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "Licence: MIT" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert (ROOT / "src" / "oldcomm_ie" / "py.typed").exists()
