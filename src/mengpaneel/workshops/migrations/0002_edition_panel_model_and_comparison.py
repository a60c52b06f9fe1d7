from django.db import migrations, models


def keep_existing_comparisons_open(apps, schema_editor):
    # Before this switch every trio saw the shared panels of its edition; keep it so.
    apps.get_model("workshops", "Edition").objects.update(comparison_open=True)


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="comparison_open",
            field=models.BooleanField(
                default=False,
                help_text="The second reveal: trios see the panels other trios of this edition "
                "share. Organisers always see every panel.",
                verbose_name="comparison open to trios",
            ),
        ),
        migrations.AddField(
            model_name="edition",
            name="panel_model_key",
            field=models.SlugField(
                default="wijkgericht-werken",
                help_text="New panels in this edition use the current version of this model.",
                max_length=60,
                verbose_name="panel model",
            ),
        ),
        migrations.RunPython(keep_existing_comparisons_open, migrations.RunPython.noop),
    ]
