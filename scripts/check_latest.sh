#!/usr/bin/env bash
# Early warning, not CI: install the newest release of every dependency (ignoring the lock) into a
# temporary venv and run the fast test loop there. Prints the packages newer than the lock first.
# Exit status: the test run's. A failure here means a refresh of the lock (scripts/lock.sh) needs
# work before it lands; the project itself still installs from the lock.
# Usage: bash scripts/check_latest.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
venv="$(mktemp -d "${TMPDIR:-/tmp}/analysis-latest.XXXXXX")"
trap 'rm -rf "$venv"' EXIT
echo "== creating a temporary venv in $venv"
"$PY" -m venv "$venv"
echo "== installing .[test] with the newest versions (no lock)"
"$venv/bin/python" -m pip install --progress-bar off --upgrade --upgrade-strategy eager -e ".[test]" 2>&1 \
  | { grep -v -e "^Requirement already satisfied" -e "^WARNING: Location" || true; }
echo "== packages newer than constraints.txt"
"$venv/bin/python" - <<'PY'
from importlib.metadata import distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pinned = {}
for line in open("constraints.txt", encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if line:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate():
            pinned[canonicalize_name(req.name)] = str(req.specifier).removeprefix("==")
newer = sorted((canonicalize_name(d.metadata["Name"]), pinned[canonicalize_name(d.metadata["Name"])], d.version)
               for d in distributions() if pinned.get(canonicalize_name(d.metadata["Name"]), d.version) != d.version)
for name, old, new in newer:
    print(f"  {name}: {old} (lock) -> {new}")
print(f"  {len(newer)} package(s) differ from the lock")
PY
echo "== the fast test loop on the newest versions"
"$venv/bin/python" -m pytest -m "not slow" -n 2 -q -p no:cacheprovider "$@"
