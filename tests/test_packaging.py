"""The ways in: pip (pyproject.toml), conda and Binder (environment.yml, postBuild), and import."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _load_ci_script():
    # .ci/ is not a package: load the generator of the oldest-versions constraints by path.
    spec = importlib.util.spec_from_file_location(
        "oldest_constraints", ROOT / ".ci" / "oldest_constraints.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


oldest_constraints = _load_ci_script()


def _name(requirement: str) -> str:
    """The normalized package name of a requirement such as ``numpy>=1.24``."""
    name = re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_requirements() -> dict[str, str]:
    """Normalized name -> requirement, for the runtime and test dependencies and Python."""
    project = PYPROJECT["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    found = {_name(r): r.replace(" ", "") for r in requirements}
    found["python"] = "python" + project["requires-python"].replace(" ", "")
    return found


def _environment_requirements() -> dict[str, str]:
    """Normalized name -> requirement, for every package environment.yml lists but pip."""
    found = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^\s*-\s+([A-Za-z0-9][^#]*?)\s*(#.*)?$", line)
        if match and not line.strip().endswith(":"):
            found[_name(match.group(1))] = match.group(1).replace(" ", "")
    found.pop("pip", None)
    return found


def test_environment_yml_lists_the_same_packages_as_pyproject():
    in_pyproject = set(_pyproject_requirements())
    in_environment = set(_environment_requirements())
    assert in_environment == in_pyproject, (
        f"only in environment.yml: {sorted(in_environment - in_pyproject)}; "
        f"only in pyproject.toml: {sorted(in_pyproject - in_environment)}"
    )


def test_environment_yml_declares_the_same_versions_as_pyproject():
    # conda users and Binder get the same floors as pip users, Python's included.
    in_pyproject = _pyproject_requirements()
    in_environment = _environment_requirements()
    differ = {
        name: (in_environment[name], in_pyproject[name])
        for name in in_pyproject.keys() & in_environment.keys()
        if in_environment[name] != in_pyproject[name]
    }
    assert not differ, f"environment.yml vs pyproject.toml: {differ}"


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


def test_ci_installs_exactly_the_declared_floors():
    # CI's oldest-versions job installs with .ci/oldest-constraints.txt: one name==X per floor
    # in pyproject.toml (build system included), so a floor cannot change without CI testing it.
    committed = (ROOT / ".ci" / "oldest-constraints.txt").read_text()
    assert committed == oldest_constraints.constraints(PYPROJECT), (
        "pyproject.toml's floors changed: python .ci/oldest_constraints.py "
        "> .ci/oldest-constraints.txt"
    )
    pins = [line for line in committed.splitlines() if not line.startswith("#")]
    declared = oldest_constraints.requirements(PYPROJECT)
    assert len(pins) == len(declared)
    for pin, requirement in zip(pins, declared, strict=True):
        name, version = pin.split("==")
        assert _name(requirement) == name
        assert f">={version}" in requirement.replace(" ", "")


def test_floor_reader_refuses_a_requirement_without_one_floor():
    assert oldest_constraints.floor("Scikit_Learn >= 1.4.2") == ("scikit-learn", "1.4.2")
    assert oldest_constraints.floor("setuptools>=77.0.1,<85") == ("setuptools", "77.0.1")
    for untested in ["numpy", "numpy<3", "numpy>=2,>=2.1"]:
        with pytest.raises(ValueError, match="needs exactly one tested floor"):
            oldest_constraints.floor(untested)
    with pytest.raises(ValueError, match="cannot read the requirement"):
        oldest_constraints.floor('tomli>=2; python_version < "3.11"')


def test_ci_runs_the_tests_on_the_oldest_python_with_the_floors():
    assert "bash .ci/run-oldest" in (ROOT / ".ci" / "run").read_text()
    assert os.access(ROOT / ".ci" / "run-oldest", os.X_OK)
    script = (ROOT / ".ci" / "run-oldest").read_text()
    assert "oldest_constraints.py --python" in script
    assert "PIP_CONSTRAINT" in script and "oldest-constraints.txt" in script
    assert "--nbval-lax notebooks" in script


def test_readme_states_the_declared_python_floor():
    oldest = oldest_constraints.oldest_python(PYPROJECT)
    readme = (ROOT / "README.md").read_text()
    assert f"You need Python {oldest} or newer" in readme
    assert re.findall(r"Python (3\.\d+) or newer", readme) == [oldest]


def test_license_is_an_spdx_expression_with_its_text_shipped():
    # The table form ({ text = "MIT" }) is deprecated in setuptools, which stops building it
    # after 2027-02-18; an SPDX string needs setuptools 77 or newer, so the floor says so.
    project = PYPROJECT["project"]
    assert isinstance(project["license"], str), "license must be an SPDX string such as MIT"
    for pattern in project["license-files"]:
        assert list(ROOT.glob(pattern)), f"license-files names {pattern}, which does not exist"
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    for requirement in PYPROJECT["build-system"]["requires"]:
        name, version = oldest_constraints.floor(requirement)
        assert "<" in requirement, f"{requirement}: bound it below the next untested major"
        if name == "setuptools":
            assert tuple(map(int, version.split("."))) >= (77, 0, 1)


def test_the_wheel_ships_every_file_of_the_package(tmp_path):
    """A pip user gets every module, subpackage and data file, not only what an editable
    install happens to see: the wheel built from pyproject.toml holds all of sigmoid_lab/.

    The wheel is built from a copy of the tracked files, so nothing stale in build/ counts.
    """
    import shutil
    import zipfile

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    source = tmp_path / "source"
    for path in tracked:
        if (ROOT / path).is_file():
            (source / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / path, source / path)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("sigmoid_lab-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = [p for p in tracked if p.startswith("sigmoid_lab/") and p not in shipped]
    assert not missing, f"not in the wheel (add to [tool.setuptools] in pyproject.toml): {missing}"
