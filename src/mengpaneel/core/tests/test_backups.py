"""`mengpaneel backup` while the app writes, and `mengpaneel restore`: nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mengpaneel.core import backups

WRITER = r"""
import sys, time
from pathlib import Path
import django
django.setup()
from mengpaneel.accounts.models import User
stop = Path(sys.argv[1])
n = 0
while not stop.exists() and n < 100_000:
    n += 1
    User.objects.create(email=f"w{n}@example.org", name=f"Schrijver {n}")
    print(n, flush=True)
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return {
        **env,
        "MENGPANEEL_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "mengpaneel.settings",
    }


def _mengpaneel(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mengpaneel.cli", *args],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _writers(path: Path) -> list[int]:
    with sqlite3.connect(path) as database:
        rows = database.execute("SELECT email FROM accounts_user WHERE email LIKE 'w%'")
        return sorted(int(email[1:].split("@")[0]) for (email,) in rows)


class Writer:
    """A process that saves one account after another, as fast as the app can."""

    def __init__(self, data_dir: Path) -> None:
        self.stop_file = data_dir / "stop"
        self.committed = 0
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(self.stop_file)],
            env=_env(data_dir),
            stdout=subprocess.PIPE,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.committed = int(line)

    def wait_for(self, count: int) -> None:
        for _ in range(600):
            if self.committed >= count:
                return
            threading.Event().wait(0.05)
        raise AssertionError(f"the writer got only to {self.committed}")

    def stop(self) -> None:
        self.stop_file.touch()
        self.process.wait(60)
        self._reader.join(10)


def test_a_backup_taken_during_writes_restores_with_nothing_lost(tmp_path):
    live, elsewhere = tmp_path / "live", tmp_path / "elsewhere"
    live.mkdir()
    elsewhere.mkdir()
    assert _mengpaneel(live, "migrate", "-v", "0").returncode == 0
    writer = Writer(live)
    try:
        writer.wait_for(30)
        before = writer.committed
        made = _mengpaneel(live, "backup", "--output", str(tmp_path / "during.sqlite3"))
        after = writer.committed
        writer.wait_for(after + 5)  # the app went on writing after the backup
    finally:
        writer.stop()
    assert made.returncode == 0, made.stderr
    assert str(tmp_path / "during.sqlite3") in made.stdout

    # Everything saved before the backup began is in it, in one consistent snapshot.
    in_backup = _writers(tmp_path / "during.sqlite3")
    assert in_backup == list(range(1, len(in_backup) + 1))
    assert before <= len(in_backup) <= after

    # Restored on another machine (no database yet): the same accounts, and it runs.
    restored = _mengpaneel(elsewhere, "restore", str(tmp_path / "during.sqlite3"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert _writers(elsewhere / "mengpaneel.sqlite3") == in_backup
    assert _mengpaneel(elsewhere, "migrate", "--check").returncode == 0

    # Restored over the live database: its later accounts are kept in a safety backup.
    latest = _writers(live / "mengpaneel.sqlite3")
    assert len(latest) > len(in_backup)
    again = _mengpaneel(live, "restore", str(tmp_path / "during.sqlite3"), "--yes")
    assert again.returncode == 0, again.stderr
    assert _writers(live / "mengpaneel.sqlite3") == in_backup
    (safety,) = (live / "backups").glob("before-restore-*.sqlite3")
    assert _writers(safety) == latest


def test_backups_go_to_the_data_directory_and_old_ones_can_go(tmp_path):
    assert _mengpaneel(tmp_path, "migrate", "-v", "0").returncode == 0
    directory = tmp_path / "backups"
    for stamp in ("20260101-030000", "20260102-030000", "20260103-030000"):
        (directory / f"mengpaneel-{stamp}.sqlite3").parent.mkdir(exist_ok=True)
        (directory / f"mengpaneel-{stamp}.sqlite3").write_bytes(b"old")
    made = _mengpaneel(tmp_path, "backup", "--keep", "2")
    assert made.returncode == 0, made.stderr
    names = sorted(path.name for path in directory.iterdir())
    assert len(names) == 2 and "mengpaneel-20260103-030000.sqlite3" in names
    assert "removed old backup" in made.stdout


def test_restore_refuses_a_file_that_is_no_mengpaneel_backup(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as database:
        database.execute("CREATE TABLE something (x)")
    (tmp_path / "data").mkdir()
    result = _mengpaneel(tmp_path / "data", "restore", str(other), "--yes")
    assert result.returncode != 0
    assert "not one of Mengpaneel" in result.stderr
    assert not (tmp_path / "data" / "mengpaneel.sqlite3").exists()


def test_without_pg_dump_the_command_says_what_to_install(monkeypatch, settings):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    database = {"ENGINE": "django.db.backends.postgresql", "NAME": "mengpaneel"}
    with pytest.raises(backups.BackupError, match="apt-get install postgresql-client"):
        backups.backup(database, Path(settings.DATA_DIR) / "never.pgdump")


# --- PostgreSQL: pg_dump while the app writes, pg_restore into another database -------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pg_dump_during_writes_restores_with_nothing_lost(tmp_path):
    import psycopg
    from django.db import connection

    from mengpaneel.accounts.models import User

    if not backups.shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    committed, stop = [0], threading.Event()

    def write() -> None:
        from django.db import connections

        try:
            while not stop.is_set():
                n = committed[0] + 1
                User.objects.create(email=f"w{n}@example.org", name=f"Schrijver {n}")
                committed[0] = n
        finally:
            connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while committed[0] < 30:
            threading.Event().wait(0.05)
        before = committed[0]
        target = backups.backup(connection.settings_dict, tmp_path / "during.pgdump")
        after = committed[0]
    finally:
        stop.set()
        writer.join(30)

    scratch = f"{connection.settings_dict['NAME']}_restore"
    admin = {**connection.settings_dict, "NAME": "postgres"}
    params = {
        "host": admin["HOST"],
        "port": admin["PORT"] or 5432,
        "user": admin["USER"],
        "password": admin["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        server.execute(f'CREATE DATABASE "{scratch}"')
    try:
        backups.restore({**connection.settings_dict, "NAME": scratch}, target)
        with psycopg.connect(**{**params, "dbname": scratch}) as restored:
            emails = [
                row[0]
                for row in restored.execute(
                    "SELECT email FROM accounts_user WHERE email LIKE 'w%%'"
                )
            ]
    finally:
        with psycopg.connect(**params) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    numbers = sorted(int(email[1:].split("@")[0]) for email in emails)
    assert numbers == list(range(1, len(numbers) + 1))
    assert before <= len(numbers) <= after


def test_the_restore_command_asks_first(monkeypatch, tmp_path, settings):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(tmp_path / "whatever.sqlite3"))
