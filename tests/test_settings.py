"""Settings come from the environment and refuse values they cannot understand."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-for-the-test-only",
    "ALLOWED_HOSTS": "mengpaneel.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://mengpaneel.example.org",
    "DATABASE_URL": "",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "Mengpaneel <noreply@mengpaneel.example.org>",
    "BEHIND_PROXY": "true",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "HTTPS"}
    clean.pop("MENGPANEEL_DEMO_PASSWORD", None)
    # The browser tests allow async-unsafe calls in this process; a real start-up does not.
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "mengpaneel.cli", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "mengpaneel.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        MENGPANEEL_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DEBUG": "yes-please"}, "DEBUG='yes-please' is not a yes/no value"),
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({"MENGPANEEL_INVITATION_DAYS": "two weeks"}, "is not a whole number"),
        ({"DATABASE_URL": "nonsense://"}, "DATABASE_URL cannot be read"),
    ],
)
def test_bad_configuration_stops_start_up_with_a_clear_message(tmp_path, env, message):
    result = _manage("check", MENGPANEEL_DATA_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_debug_accepts_the_usual_spellings(tmp_path):
    for value in ["true", "True", "1", "on", "false", "0", "off"]:
        env = {**PRODUCTION, "DEBUG": value, "MENGPANEEL_DATA_DIR": str(tmp_path)}
        result = _manage("check", **env)
        assert result.returncode == 0, (value, result.stderr)


@pytest.mark.parametrize(("size", "shown"), [("4", "0 4"), ("0", "0 no pool")])
def test_postgresql_connections_come_from_a_pool_of_the_configured_size(tmp_path, size, shown):
    env = {
        "MENGPANEEL_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://someone@db.example.org:5432/mengpaneel",
        "MENGPANEEL_DB_POOL_SIZE": size,
    }
    show = "from django.conf import settings; d = settings.DATABASES['default']; "
    show += "print(d['CONN_MAX_AGE'], d['OPTIONS'].get('pool', {}).get('max_size', 'no pool'))"
    result = _manage("shell", "-c", show, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == shown


def test_any_sqlite_url_gets_the_projects_backend_and_options(tmp_path):
    """The review's finding: sqlite:/// used Django's stock backend (no WAL, no IMMEDIATE),
    and 29 of 50 simultaneous saves failed with "database is locked"."""
    env = {
        "MENGPANEEL_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/elsewhere.sqlite3",
    }
    show = "from django.conf import settings; d = settings.DATABASES['default']; "
    show += (
        "o = d['OPTIONS']; print(d['ENGINE'], o['transaction_mode'], 'WAL' in o['init_command'])"
    )
    result = _manage("shell", "-c", show, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "mengpaneel.core.sqlite IMMEDIATE True"


def test_every_variable_the_settings_read_is_in_the_readme():
    from pathlib import Path

    from django.conf import settings

    source = (Path(settings.BASE_DIR) / "settings.py").read_text()
    names = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"", source))
    readme = (Path(settings.PROJECT_DIR) / "README.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert names and not missing, f"Document these in README.md (Configuration): {missing}"


@pytest.mark.parametrize(
    "env, warning",
    [
        ({"HTTPS": "false"}, "mengpaneel.W001"),
        ({"ALLOWED_HOSTS": "*"}, "mengpaneel.W002"),
        ({"BEHIND_PROXY": "false"}, "mengpaneel.W003"),
        ({"EMAIL_HOST": ""}, "mail.E001"),
        ({"DEFAULT_FROM_EMAIL": "Mengpaneel <noreply@mengpaneel.localhost>"}, "mengpaneel.W004"),
    ],
)
def test_check_deploy_warns_about_unsafe_production_settings(tmp_path, env, warning):
    """The review's finding: HTTPS=false with DEBUG off and ALLOWED_HOSTS=* said nothing."""
    result = _manage(
        "check", "--deploy", **{**PRODUCTION, **env, "MENGPANEEL_DATA_DIR": str(tmp_path)}
    )
    assert warning in result.stderr, result.stderr


def test_serve_says_what_is_unsafe_when_it_starts(tmp_path):
    env = {
        **PRODUCTION,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "*",
        "MENGPANEEL_DATA_DIR": str(tmp_path),
    }
    assert _manage("migrate", "-v", "0", **env).returncode == 0
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "HTTPS"}
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mengpaneel.cli", "serve", "--port", "0"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "mengpaneel.settings", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "runs on" in server.stdout.readline()
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=30)
    assert "mengpaneel.W001" in errors and "mengpaneel.W002" in errors


def test_serve_starts_without_an_email_server_and_says_so(tmp_path):
    """Django calls a console e-mail backend in production an error; serve warns and runs."""
    env = {**PRODUCTION, "EMAIL_HOST": "", "MENGPANEEL_DATA_DIR": str(tmp_path)}
    assert _manage("migrate", "-v", "0", **env).returncode == 0
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "HTTPS"}
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mengpaneel.cli", "serve", "--port", "0"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "mengpaneel.settings", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "runs on" in server.stdout.readline()
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=30)
    assert "mail.E001" in errors
