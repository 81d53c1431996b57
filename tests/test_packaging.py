"""Packaging: environment.yml agrees with pyproject.toml; `import analysis` stays light."""
import re
import subprocess
import sys

import yaml

from analysis import config

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _specs(requirements) -> dict:
    return {_name(r): re.sub(r"^[A-Za-z0-9_.\-]+(\[[^\]]*\])?", "", r).strip() for r in requirements}


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((config.PROJECT_DIR / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((config.PROJECT_DIR / "environment.yml").read_text())
    conda = _specs(d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip")))
    runtime = _specs(project["dependencies"])
    assert {k: conda.get(k) for k in runtime} == runtime
    extras = {_name(r) for reqs in project["optional-dependencies"].values() for r in reqs}
    assert set(conda) - set(runtime) <= extras, "environment.yml lists packages pyproject.toml does not"


def test_import_analysis_is_light():
    code = "import sys, analysis; print(sorted(m for m in ('pandas','statsmodels','matplotlib','pandera') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
