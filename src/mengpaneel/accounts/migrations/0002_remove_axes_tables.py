"""Login limits moved from django-axes to our own rate limits (docs/decisions.md): its tables go.

IF EXISTS: a database made after the change never had them. The rows in
django_migrations go too, so a later return to django-axes would create them again.
"""

from django.db import migrations

AXES_TABLES = [
    "axes_accessattemptexpiration",  # refers to axes_accessattempt: first
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
]


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        *(
            migrations.RunSQL(f"DROP TABLE IF EXISTS {table}", reverse_sql=migrations.RunSQL.noop)
            for table in AXES_TABLES
        ),
        migrations.RunSQL(
            "DELETE FROM django_migrations WHERE app = 'axes'", reverse_sql=migrations.RunSQL.noop
        ),
    ]
