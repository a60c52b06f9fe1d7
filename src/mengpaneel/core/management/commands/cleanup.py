from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from mengpaneel.ratelimit.models import CacheEntry
from mengpaneel.workshops.models import Invitation

# An invitation whose e-mail never went out (the process stopped between saving it and
# sending) works for nobody; after a day it is only clutter.
UNSENT_INVITATIONS_AFTER = timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Delete what has run out: expired and idle sessions, expired rate-limit counters "
        "(when they live in the database) and invitations whose e-mail never went out. "
        "Run it daily."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        counters, _ = CacheEntry.objects.filter(expires__lt=now).delete()
        unsent, _ = Invitation.objects.filter(
            sent_at__isnull=True, created_at__lt=now - UNSENT_INVITATIONS_AFTER
        ).delete()
        self.stdout.write(
            f"Deleted {sessions} expired sessions, {counters} expired rate-limit counters "
            f"and {unsent} unsent invitations."
        )
