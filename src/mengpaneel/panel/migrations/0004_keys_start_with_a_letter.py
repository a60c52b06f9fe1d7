"""Category and panel model keys start with a letter (their data: insights 0004)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("panel", "0003_edition_panel_model"),
    ]

    operations = [
        migrations.AlterField(
            model_name="category",
            name="key",
            field=models.SlugField(
                help_text="Starts with a letter, e.g. positioning.",
                max_length=60,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z]",
                        code="key_start",
                        message="A key starts with a letter (a–z), for example “budget-2”.",
                    )
                ],
                verbose_name="key",
            ),
        ),
        migrations.AlterField(
            model_name="panelmodel",
            name="key",
            field=models.SlugField(
                help_text="Stays the same across versions, e.g. wijkgericht-werken.",
                max_length=60,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Za-z]",
                        code="key_start",
                        message="A key starts with a letter (a–z), for example “budget-2”.",
                    )
                ],
                verbose_name="key",
            ),
        ),
    ]
