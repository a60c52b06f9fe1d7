"""``AgendaLink`` (a coherence rule on a case's agenda) belongs to the agenda app now.

Only the migration state changes here; the table and its rows stay, and the agenda
app's migration 0002 takes the model over and renames the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_default_coherence_rules"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AgendaLink")],
            database_operations=[],
        ),
    ]
