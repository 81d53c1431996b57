#!/usr/bin/env bash
# The README's main command: set up .venv, validate the data, produce the default reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m analysis validate --summary
