#!/usr/bin/env bash
# The README's test command: set up .venv with the test extras, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/python -m analysis normalize --check
.venv/bin/python -m pytest "$@"
