#!/usr/bin/env bash
# The README's test command: set up .venv with the test extras (versions from the lock), then run
# every test. `--fast` runs the fast loop instead (no notebooks, kernels or browser; both cores).
# Other arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=()
if [ "${1:-}" = "--fast" ]; then
  shift
  fast=(-m "not slow" -n 2)
fi
bash scripts/setup.sh test
.venv/bin/python -m analysis normalize --check
.venv/bin/python -m pytest ${fast[@]+"${fast[@]}"} "$@"
