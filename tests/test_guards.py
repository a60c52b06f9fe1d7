"""Project-wide guards: things that must hold for every page and every release."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.test_permissions import GIVEN, MATRIX, PERSONAS, _login, _resolve_args

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.mark.django_db
def test_no_migrations_are_pending():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_is_complete_and_compiles(language, tmp_path):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing: run `make messages`"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # msgfmt reports "N translated messages." and nothing fuzzy or untranslated.
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogue_covers_every_marked_string(language, tmp_path):
    """A string marked in code but missing from a catalogue would show untranslated.

    makemessages runs on a copy of the source, so the committed catalogue is
    left alone; afterwards nothing in the copy may be untranslated.
    """
    copy = tmp_path / "mengpaneel"
    shutil.copytree(
        settings.BASE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "tests")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            language,
            "--no-location",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        # Without settings makemessages writes into ./locale of the copy, not into the project.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    po = copy / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(po)], capture_output=True, text=True
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (
        f"Run `make messages` and translate the new strings ({language}): {result.stderr}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_has_exactly_one_h1(client, world, persona):
    _login(client, world, persona)
    checked = 0
    for row in MATRIX:
        if row.method != "get":
            continue
        GIVEN[row.given](client, world)
        response = client.get(reverse(row.name, args=_resolve_args(world, row.args)))
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        count = response.content.decode().count("<h1")
        assert count == 1, f"{row.name} as {persona} has {count} <h1> elements"
        checked += 1
    assert checked > 0


# xgettext (under makemessages) only knows the standard names; a string marked
# through any other alias is never extracted and stays untranslated.
_ALIASED_GETTEXT = re.compile(r"import\s.*\b(?:n|p|np)?gettext(?:_lazy|_noop)?\s+as\s+(?!_\b)(\w+)")


def test_translation_functions_are_not_renamed():
    renamed = [
        f"{path.relative_to(settings.BASE_DIR)}: as {match.group(1)}"
        for path in Path(settings.BASE_DIR).rglob("*.py")
        for match in _ALIASED_GETTEXT.finditer(path.read_text())
    ]
    assert not renamed, f"makemessages would skip strings marked through: {renamed}"


def test_python_is_new_enough():
    assert sys.version_info >= (3, 12)


def _row_locks_without_of() -> list[str]:
    import ast

    found = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "select_for_update"
                and not any(keyword.arg == "of" for keyword in node.keywords)
            ):
                found.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    return found


def test_every_row_lock_names_its_own_row():
    """On PostgreSQL a ``select_for_update()`` locks every joined row too (a select_related,
    or a model's ordering across a relation): the shared panel model or edition, which then
    holds every trio's saves. ``of=("self",)`` locks the row the write means."""
    assert not _row_locks_without_of(), (
        f"select_for_update without of=: {_row_locks_without_of()} (CONVENTIONS 19)"
    )
