"""The ways in: pip (pyproject.toml), conda and Binder (environment.yml, postBuild), and import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """The normalized package name of a requirement such as ``numpy>=1.24``."""
    name = re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    names |= {_name(r) for r in project["optional-dependencies"]["test"]}
    return names


def _environment_packages() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^\s*-\s+([A-Za-z0-9][^#]*?)\s*(#.*)?$", line)
        if match and not line.strip().endswith(":"):
            names.add(_name(match.group(1)))
    return names - {"python", "pip"}


def test_environment_yml_lists_the_same_packages_as_pyproject():
    in_pyproject = _pyproject_packages()
    in_environment = _environment_packages()
    assert in_environment == in_pyproject, (
        f"only in environment.yml: {sorted(in_environment - in_pyproject)}; "
        f"only in pyproject.toml: {sorted(in_pyproject - in_environment)}"
    )


def test_package_parser_reads_versions_and_extras():
    # The comparison above is only as good as the name parser.
    assert _name("scikit-learn>=1.3") == "scikit-learn"
    assert _name("Sigmoid_Lab[test]") == "sigmoid-lab"
    assert _name("nbval") == "nbval"


def test_postbuild_installs_the_package_for_binder():
    post_build = ROOT / "postBuild"
    lines = [line for line in post_build.read_text().splitlines() if line and line[0] != "#"]
    assert lines[0] == "set -e", "postBuild must stop at the first failing command"
    assert "python -m pip install --no-deps ." in lines
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only if it is executable"


def test_importing_the_package_has_no_side_effects():
    # A fresh interpreter: no rcParams change, no global RNG seeding, nothing printed.
    code = """
import matplotlib, numpy as np
before_rc = dict(matplotlib.rcParams)
before_rng = np.random.get_state()[1].copy()
import sigmoid_lab, sigmoid_lab.plots, sigmoid_lab.widgets, sigmoid_lab.checks
assert dict(matplotlib.rcParams) == before_rc, "importing sigmoid_lab changed rcParams"
assert (np.random.get_state()[1] == before_rng).all(), "importing sigmoid_lab seeded NumPy"
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""


def test_every_public_name_is_importable_and_documented():
    import sigmoid_lab

    for name in sigmoid_lab.__all__:
        obj = getattr(sigmoid_lab, name)
        if callable(obj):
            assert obj.__doc__, f"sigmoid_lab.{name} has no docstring"


def _readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    block = text.split(f"<!-- {marker} -->", 1)[1]
    return block.split("```bash\n", 1)[1].split("```", 1)[0].strip()


def test_readme_gives_one_command_to_open_and_one_to_test():
    open_command = _readme_command("open-command")
    test_command = _readme_command("test-command")
    assert "\n" not in open_command and "\n" not in test_command, "each must be one line"
    assert open_command.endswith("jupyter lab notebooks/00-start-here.ipynb")
    assert test_command.endswith("python -m pytest")
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()


def test_ci_runs_the_readme_test_command():
    # .ci/run reads the command from the README rather than repeating it.
    script = (ROOT / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in script
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
