import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def count_earlier_invitations_as_sent(apps, schema_editor):
    # Until now an invitation was e-mailed as it was made (or the request failed with a
    # 500): treat the ones already there as sent, so their links keep working.
    invitation = apps.get_model("workshops", "Invitation")
    invitation.objects.filter(sent_at__isnull=True).update(sent_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0003_remove_edition_panel_model_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="asked for at"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="claimed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="asked for by",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
        ),
        migrations.RunPython(count_earlier_invitations_as_sent, migrations.RunPython.noop),
    ]
