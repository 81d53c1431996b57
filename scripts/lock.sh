#!/usr/bin/env bash
# Refresh the lock: resolve pyproject.toml's dependencies and every extra (test, dev, dask) to the
# newest versions today, for every Python the project supports (3.10 and later, one pin per
# version where they differ), into requirements/constraints.txt. Review the diff, run
# `bash scripts/test.sh`, commit both. scripts/check_latest.sh tries the newest versions first.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/uv ] || { echo "== installing uv into .venv (the resolver)"; .venv/bin/python -m pip install -q "uv>=0.5"; }
.venv/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.10 --no-emit-index-url \
  -o requirements/constraints.txt "$@"
