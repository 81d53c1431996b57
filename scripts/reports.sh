#!/usr/bin/env bash
# The README's main command: set up .venv, validate the data, produce the default reports.
# Open reports/index.html afterwards. Extra arguments go to `analysis run` (e.g. --force).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m analysis validate
.venv/bin/python -m analysis run "$@"
