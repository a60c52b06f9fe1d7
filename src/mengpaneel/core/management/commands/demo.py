from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mengpaneel.core import demo


class Command(BaseCommand):
    help = (
        "Load or refresh the demo edition with its three trios. Running it twice changes nothing."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not settings.DEMO_PASSWORD:
            raise CommandError(
                "With DEBUG off, set MENGPANEEL_DEMO_PASSWORD before loading the demo."
            )
        changes = demo.load_demo()
        self.stdout.write(
            _("Demo loaded: %(count)d objects created or changed.") % {"count": changes}
        )
