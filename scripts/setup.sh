#!/usr/bin/env bash
# Create .venv (if missing) and install oldcomm-ie into it with the given extras.
#   bash scripts/setup.sh            # the library and its command line
#   bash scripts/setup.sh test       # plus pytest, hypothesis, jieba, spacy-pkuseg
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$extras]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
