#!/usr/bin/env bash
# The main job on a fresh machine: install, extract the bundled corpus, and (when
# ../shared is beside the project) score it against the development gold.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/oldcomm-ie extract corpus -o out/corpus.jsonl
echo "wrote out/corpus.jsonl"
if [ -d ../shared/gold/dev ]; then
  python3 ../shared/eval/score.py ../shared/gold/dev out/corpus.jsonl
fi
