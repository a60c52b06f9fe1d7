"""Backups of the database while the app runs, and restoring one.

SQLite: Python's binding of SQLite's online backup API copies every page in one
step, inside one read transaction: a consistent snapshot of the moment the backup
began, while the app goes on writing (WAL lets writers and this reader pass each
other). The copy is written beside its final name and renamed when it is complete and
its integrity check passed, so a backup file is never half a backup.

PostgreSQL: ``pg_dump`` (custom format), which also reads one snapshot; ``pg_restore``
brings it back. Both come with PostgreSQL's client tools and must be on PATH.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone

DatabaseSettings = dict[str, Any]  # an entry of settings.DATABASES

SQLITE_SUFFIX = ".sqlite3"
POSTGRESQL_SUFFIX = ".pgdump"


class BackupError(Exception):
    """The backup or restore could not be made; the message says why and what to do."""


def default_directory() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def kind_of(database: DatabaseSettings) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite") or engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups know SQLite and PostgreSQL, not {engine}.")


def default_target(database: DatabaseSettings, directory: Path | None = None) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = SQLITE_SUFFIX if kind_of(database) == "sqlite" else POSTGRESQL_SUFFIX
    return (directory or default_directory()) / f"mengpaneel-{stamp}{suffix}"


def backup(database: DatabaseSettings, target: Path) -> Path:
    """Write a backup of ``database`` (a DATABASES entry) to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if kind_of(database) == "sqlite":
            _backup_sqlite(Path(database["NAME"]), partial)
        else:
            _backup_postgresql(database, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(database: DatabaseSettings, source: Path) -> None:
    """Replace everything in ``database`` with the backup in ``source``."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    if kind_of(database) == "sqlite":
        _restore_sqlite(source, Path(database["NAME"]))
    else:
        _restore_postgresql(database, source)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``directory``; returns the deleted."""
    backups = sorted(
        (
            path
            for path in directory.glob("mengpaneel-*")
            if path.suffix in (SQLITE_SUFFIX, POSTGRESQL_SUFFIX)
        ),
        key=lambda path: path.name,
        reverse=True,
    )
    old = backups[keep:]
    for path in old:
        path.unlink()
    return old


# --- SQLite ------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    # Read-only: a backup never writes to the live database, whatever goes wrong.
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=20)


def _backup_sqlite(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"There is no database at {source}.")
    target.unlink(missing_ok=True)
    live = _read_only(source)
    copy = sqlite3.connect(target)
    try:
        live.backup(copy)  # all pages in one step: one snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        _check_sqlite(copy, target)
    finally:
        copy.close()
        live.close()


def _check_sqlite(connection: sqlite3.Connection, path: Path) -> None:
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not an SQLite database: {error}") from None
    if result != "ok":
        raise BackupError(f"{path} fails SQLite's integrity check: {result}")
    if "django_migrations" not in tables:
        raise BackupError(f"{path} is an SQLite database, but not one of Mengpaneel.")


def _restore_sqlite(source: Path, target: Path) -> None:
    backup_copy = _read_only(source)
    try:
        _check_sqlite(backup_copy, source)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Into the live file through the backup API: it takes the write lock, so running
        # app processes wait for it and then read the restored data.
        live = sqlite3.connect(target, timeout=20)
        try:
            backup_copy.backup(live)
            live.execute("PRAGMA journal_mode=WAL")
        finally:
            live.close()
    finally:
        backup_copy.close()


# --- PostgreSQL ----------------------------------------------------------------------


def _client_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed. Install PostgreSQL's client tools "
            "(on Debian: apt-get install postgresql-client, the server's major version "
            "or newer), or make a backup with your database host's own tools."
        )
    return found


def _pg_environment(database: DatabaseSettings) -> dict[str, str]:
    # Connection details through the environment: a password on the command line would
    # show in the process list.
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _run(command: list[str], database: DatabaseSettings) -> None:
    result = subprocess.run(  # noqa: S603 (a fixed tool, arguments we built)
        command, env=_pg_environment(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _backup_postgresql(database: DatabaseSettings, target: Path) -> None:
    _run([_client_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"], database)


def _restore_postgresql(database: DatabaseSettings, source: Path) -> None:
    _run(
        [
            _client_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={database['NAME']}",
            str(source),
        ],
        database,
    )
