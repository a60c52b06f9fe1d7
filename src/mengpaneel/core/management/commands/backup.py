from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from mengpaneel.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database to a file while Mengpaneel runs (SQLite: its online backup; "
        "PostgreSQL: pg_dump). Prints the file's path."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", type=Path, help="the backup file (default: a new file in --directory)"
        )
        parser.add_argument(
            "--directory",
            type=Path,
            help="where new backups go (default: backups/ in MENGPANEEL_DATA_DIR)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="afterwards, keep only this many newest backups in the directory",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(
        self,
        *args,
        output: Path | None,
        directory: Path | None,
        keep: int,
        database: str,
        **options,
    ) -> None:
        settings_dict = connections[database].settings_dict
        try:
            target = output or backups.default_target(settings_dict, directory)
            backups.backup(settings_dict, target)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        size = target.stat().st_size
        self.stdout.write(f"{target} ({size / 1_000_000:.1f} MB)")
        if keep:
            for old in backups.prune(target.parent, keep):
                self.stdout.write(f"removed old backup {old}")
