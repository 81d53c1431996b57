#!/usr/bin/env bash
# Create .venv and install the project with the given extras (default: none), every version
# pinned by constraints.txt (the lock; see README "Pinned versions").
# Usage: bash scripts/setup.sh [test|dev]
# On Debian as root it also installs Chromium and a CJK font for the browser tests
# (the charts carry their own font; this only makes the screenshots of page text legible).
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
PY="${PYTHON:-python3}"
step() { echo "== $*"; }
if [ "$extras" = "test" ] || [ "$extras" = "dev" ]; then
  if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    step "installing Debian's chromium and a CJK font for the browser tests (apt-get, a minute or two)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
if [ ! -x .venv/bin/python ]; then
  step "creating .venv with $("$PY" --version 2>&1)"
  "$PY" -m venv .venv
fi
target="."
[ -n "$extras" ] && target=".[$extras]"
# pip prints one line per package it collects: a first install takes a few minutes, a second one seconds.
# (pipefail: a failing pip fails the script; the filter only drops lines about what is already there)
step "installing $target with the versions in constraints.txt (the lock)"
# exported as well: pip then also applies it where it builds the project (setuptools, wheel from the lock)
export PIP_CONSTRAINT="$PWD/constraints.txt"
.venv/bin/python -m pip install --progress-bar off -c constraints.txt -e "$target" 2>&1 \
  | { grep -v -e "^Requirement already satisfied" -e "^WARNING: Location" || true; }
# A named kernel so papermill runs the notebooks without -k.
step "registering the Jupyter kernel 'python3' in .venv"
.venv/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
step "ready: .venv/bin/python -m analysis --help"
