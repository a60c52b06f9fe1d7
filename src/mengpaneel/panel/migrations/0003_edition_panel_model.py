"""The edition's choice of panel model moves from the workshops app to the panel app.

Each edition's choice is copied into ``EditionPanelModel`` here; the workshops app's
next migration then drops ``Edition.panel_model_key``.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_choices(apps, schema_editor):
    Edition = apps.get_model("workshops", "Edition")
    EditionPanelModel = apps.get_model("panel", "EditionPanelModel")
    EditionPanelModel.objects.bulk_create(
        EditionPanelModel(edition_id=pk, panel_model_key=key)
        for pk, key in Edition.objects.values_list("pk", "panel_model_key")
    )


def copy_choices_back(apps, schema_editor):
    Edition = apps.get_model("workshops", "Edition")
    EditionPanelModel = apps.get_model("panel", "EditionPanelModel")
    for edition_id, key in EditionPanelModel.objects.values_list("edition_id", "panel_model_key"):
        Edition.objects.filter(pk=edition_id).update(panel_model_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("panel", "0002_default_panel_model"),
        ("workshops", "0002_edition_panel_model_and_comparison"),
    ]

    operations = [
        migrations.CreateModel(
            name="EditionPanelModel",
            fields=[
                (
                    "edition",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="panel_model_choice",
                        serialize=False,
                        to="workshops.edition",
                        verbose_name="edition",
                    ),
                ),
                (
                    "panel_model_key",
                    models.SlugField(
                        default="wijkgericht-werken",
                        help_text="New panels in this edition use the current version of this "
                        "model.",
                        max_length=60,
                        verbose_name="panel model",
                    ),
                ),
            ],
            options={
                "verbose_name": "panel model of an edition",
                "verbose_name_plural": "panel models of editions",
            },
        ),
        migrations.RunPython(copy_choices, copy_choices_back),
    ]
