from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from mengpaneel.core import backups


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a backup made by `mengpaneel backup`. "
        "A backup of the current database is made first."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--no-safety-backup",
            action="store_true",
            help="do not back up the current database first",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(
        self, *args, backup: Path, yes: bool, no_safety_backup: bool, database: str, **options
    ) -> None:
        settings_dict = connections[database].settings_dict
        if not yes:
            answer = input(
                f"Everything in the database is replaced by {backup}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        connections[database].close()
        try:
            if not no_safety_backup and _exists(settings_dict):
                safety = backups.default_target(settings_dict)
                safety = safety.with_name(safety.name.replace("mengpaneel-", "before-restore-", 1))
                backups.backup(settings_dict, safety)
                self.stdout.write(f"The database as it was is kept in {safety}")
            backups.restore(settings_dict, backup)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored from {backup}. "
            "Run `mengpaneel migrate` if the backup is older than this version."
        )


def _exists(settings_dict: dict) -> bool:
    if backups.kind_of(settings_dict) == "sqlite":
        return Path(settings_dict["NAME"]).is_file()
    return True
