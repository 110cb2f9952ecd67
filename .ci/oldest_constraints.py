"""The oldest versions pyproject.toml declares, as pip constraints for CI's oldest-versions job.

Every requirement of the build system, of the package and of its ``test`` extra must have a
floor (``name>=X``); each becomes ``name==X``. CI installs the course on the oldest supported
Python with ``PIP_CONSTRAINT`` set to the result, so what is declared is what is tested.
``tests/test_packaging.py`` checks that ``.ci/oldest-constraints.txt`` is what this prints.

    python .ci/oldest_constraints.py > .ci/oldest-constraints.txt   # after changing a floor
    python .ci/oldest_constraints.py --python                       # the oldest Python, 3.X
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "# The oldest versions pyproject.toml declares, one pin per floor, for CI's oldest-versions\n"
    "# job. Generated: python .ci/oldest_constraints.py > .ci/oldest-constraints.txt\n"
)
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*?)\s*$")


def requirements(pyproject: dict) -> list[str]:
    """The requirements whose floors are tested: build system, runtime and ``test`` extra."""
    return [
        *pyproject["build-system"]["requires"],
        *pyproject["project"]["dependencies"],
        *pyproject["project"]["optional-dependencies"]["test"],
    ]


def floor(requirement: str) -> tuple[str, str]:
    """``("numpy", "2.0.0")`` for ``"numpy>=2.0.0"``; ValueError if there is no ``>=`` floor."""
    match = _REQUIREMENT.match(requirement)
    if match is None or ";" in requirement:
        raise ValueError(f"cannot read the requirement {requirement!r}: write it as name>=X")
    name, _, specifiers = match.groups()
    floors = [s.strip()[2:].strip() for s in specifiers.split(",") if s.strip().startswith(">=")]
    if len(floors) != 1:
        raise ValueError(
            f"{requirement!r} needs exactly one tested floor (>=X) so CI can install X; "
            "add the oldest version you have tested"
        )
    return re.sub(r"[-_.]+", "-", name).lower(), floors[0]


def constraints(pyproject: dict) -> str:
    """The text of ``.ci/oldest-constraints.txt``: one ``name==X`` line per declared floor."""
    pins = [f"{name}=={version}" for name, version in map(floor, requirements(pyproject))]
    return HEADER + "".join(f"{pin}\n" for pin in pins)


def oldest_python(pyproject: dict) -> str:
    """The floor of ``requires-python`` (``">=3.11"`` gives ``"3.11"``)."""
    match = re.fullmatch(r"\s*>=\s*(3\.\d+)\s*", pyproject["project"]["requires-python"])
    if match is None:
        raise ValueError("requires-python must read >=3.X so CI knows the oldest Python to test")
    return match.group(1)


def main(argv: list[str]) -> int:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    if argv == ["--python"]:
        print(oldest_python(pyproject))
    elif not argv:
        sys.stdout.write(constraints(pyproject))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
