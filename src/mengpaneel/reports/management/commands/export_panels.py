from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mengpaneel.reports import export
from mengpaneel.workshops.models import Edition


class Command(BaseCommand):
    help = (
        "Export the agreed panels of an edition: one row per trio and category "
        "(CSV or JSON). An unplaced fader has an empty position; 0 is the middle."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--edition", required=True, help="The edition's number or slug.")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", help="Write to this file instead of the screen.")
        parser.add_argument(
            "--bom",
            action="store_true",
            help="Start the CSV with a byte order mark, so Excel reads its accents right.",
        )

    def handle(
        self, *args, edition: str, format: str, output: str | None, bom: bool, **options
    ) -> None:
        lookup = {"pk": int(edition)} if edition.isdigit() else {"slug": edition}
        try:
            found = Edition.objects.get(**lookup)
        except Edition.DoesNotExist:
            raise CommandError(f"There is no edition {edition!r}.") from None
        text = export.render(export.export_rows(found), format, bom=bom)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Written to {output}.")
        else:
            self.stdout.write(text, ending="")
