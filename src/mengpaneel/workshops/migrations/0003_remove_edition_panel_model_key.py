"""``Edition.panel_model_key`` is gone: the panel app keeps each edition's choice now
(``panel.EditionPanelModel``, filled by the panel app's migration 0003 first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0002_edition_panel_model_and_comparison"),
        ("panel", "0003_edition_panel_model"),
    ]

    operations = [
        migrations.RemoveField(model_name="edition", name="panel_model_key"),
    ]
