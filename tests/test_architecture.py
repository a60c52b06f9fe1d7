"""The layering of docs/architecture.md is enforced: `make lint` fails on a back-edge.

Runs import-linter with the project's contracts on a copy of the code into which an
import against the layering was written, hidden inside a function, and checks that it
is caught. (`make lint` checks the real code.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _lint_copy(tmp_path: Path, module: str, code: str) -> subprocess.CompletedProcess[str]:
    package = tmp_path / "src" / "mengpaneel"
    shutil.copytree(
        ROOT / "src" / "mengpaneel",
        package,
        ignore=shutil.ignore_patterns("templates", "static", "locale", "data", "__pycache__"),
    )
    target = package / module
    target.write_text(target.read_text() + code)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    lint_imports = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _hidden(statement: str) -> str:
    """A function that imports when it runs: no import at the top of the module shows it."""
    return f"\n\ndef _hidden():\n    {statement}\n\n    return imported\n"


@pytest.mark.parametrize(
    "module, code, broken",
    [
        (
            "workshops/models.py",
            _hidden("from mengpaneel.panel import editions as imported"),
            "mengpaneel.workshops is not allowed to import mengpaneel.panel",
        ),
        (
            "live/boards.py",
            _hidden("from mengpaneel.agenda import rules as imported"),
            "mengpaneel.live is not allowed to import mengpaneel.agenda",
        ),
    ],
    ids=["lower-imports-higher", "siblings-at-the-top"],
)
def test_an_import_against_the_layering_fails_the_lint(tmp_path, module, code, broken):
    result = _lint_copy(tmp_path, module, code)
    assert result.returncode != 0, result.stdout
    assert broken in " ".join(result.stdout.split())


def test_the_same_copy_without_it_passes(tmp_path):
    result = _lint_copy(tmp_path, "workshops/models.py", "")
    assert result.returncode == 0, result.stdout
