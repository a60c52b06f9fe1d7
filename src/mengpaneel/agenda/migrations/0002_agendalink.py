"""``AgendaLink`` moves here from the insights app, with its rows.

The model is taken over on its old table (insights' migration 0003 let go of it),
then the table is renamed; its content type moves along, so admin history and
permissions stay attached.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source="insights", target="agenda"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="agendalink").exists():
        ContentType.objects.filter(app_label=source, model="agendalink").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="agenda", target="insights")


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("insights", "0003_agendalink_moves_to_agenda"),
        ("panel", "0001_initial"),
        ("workshops", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AgendaLink",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("rule_key", models.SlugField(max_length=80, verbose_name="rule key")),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="created at"
                            ),
                        ),
                        (
                            "assessment",
                            models.ForeignKey(
                                blank=True,
                                help_text="The moment at which the rule fired.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="panel.assessment",
                                verbose_name="assessment",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="created by",
                            ),
                        ),
                        (
                            "rule",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="agenda_links",
                                to="insights.coherencerule",
                                verbose_name="coherence rule",
                            ),
                        ),
                        (
                            "trio",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="agenda_links",
                                to="workshops.trio",
                                verbose_name="trio",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "coherence rule on the agenda",
                        "verbose_name_plural": "coherence rules on the agenda",
                        "ordering": ["trio", "created_at", "pk"],
                        "db_table": "insights_agendalink",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("trio", "rule"), name="one_agenda_link_per_rule"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="agendalink", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
