"""``mengpaneel export-panels``: the same command as ``export_panels``, spelled with a hyphen."""

from mengpaneel.reports.management.commands.export_panels import Command  # noqa: F401
