"""Load the 342 municipalities of 1 January 2025 (CBS; see data/SOURCE.md)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "gemeenten.csv"


def load(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(Municipality.objects.values_list("code", flat=True))
    Municipality.objects.bulk_create(
        Municipality(code=row["code"], name=row["name"], province=row["province"])
        for row in rows
        if row["code"] not in existing
    )


def unload(apps, schema_editor):
    Municipality = apps.get_model("organisations", "Municipality")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    Municipality.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
