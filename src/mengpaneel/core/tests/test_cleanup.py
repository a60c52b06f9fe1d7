"""`mengpaneel cleanup`: what has run out goes, what still counts stays."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from mengpaneel.ratelimit.models import CacheEntry
from mengpaneel.workshops.models import Invitation

pytestmark = pytest.mark.django_db


def _session(expires_in: timedelta) -> str:
    session = SessionStore()
    session["x"] = 1
    session.create()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() + expires_in)
    return session.session_key


def test_cleanup_deletes_what_ran_out_and_keeps_the_rest(world):
    now = timezone.now()
    old_session, live_session = _session(-timedelta(minutes=1)), _session(timedelta(hours=1))
    CacheEntry.objects.create(cache_key="old", value="x", expires=now - timedelta(seconds=1))
    CacheEntry.objects.create(cache_key="counting", value="x", expires=now + timedelta(hours=1))
    unsent, _token = Invitation.issue(
        trio=world.trio, email="a@example.org", domain="area", invited_by=None
    )
    Invitation.objects.filter(pk=unsent.pk).update(created_at=now - timedelta(days=2))
    sent, _token = Invitation.issue(
        trio=world.trio, email="b@example.org", domain="area", invited_by=None
    )
    Invitation.objects.filter(pk=sent.pk).update(created_at=now - timedelta(days=2), sent_at=now)
    just_made, _token = Invitation.issue(
        trio=world.trio, email="c@example.org", domain="area", invited_by=None
    )

    out = io.StringIO()
    call_command("cleanup", stdout=out)

    assert set(Session.objects.values_list("pk", flat=True)) == {live_session}
    assert old_session not in out.getvalue()
    assert list(CacheEntry.objects.values_list("cache_key", flat=True)) == ["counting"]
    assert set(Invitation.objects.values_list("pk", flat=True)) == {sent.pk, just_made.pk}
    assert (
        "Deleted 1 expired sessions, 1 expired rate-limit counters and 1 unsent" in out.getvalue()
    )
