"""One lint and format stack, ruff, over the package, the tests, the tools and the notebooks."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture(scope="module", autouse=True)
def _ruff_is_installed():
    if _ruff("--version").returncode != 0 and shutil.which("ruff") is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")


def test_ruff_check_is_clean():
    result = _ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, (
        result.stdout + result.stderr + "\nRun `python -m ruff format .` to fix."
    )
