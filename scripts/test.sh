#!/usr/bin/env bash
# The test suite on a fresh machine: install with the test extras, run the fast suite,
# then the checks marked slow and every hypothesis property again with random seeds
# (each bounded; the whole stays well under ten minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export TMPDIR="${TMPDIR:-/tmp}"
.venv/bin/ruff check .
.venv/bin/python -m pytest
HYPOTHESIS_PROFILE=random .venv/bin/python -m pytest -m "slow or property"
