"""Sending an invitation: after the commit, a failure said in the form, limits per sender
and per recipient."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from mengpaneel.workshops.models import Invitation

pytestmark = pytest.mark.django_db


def _invite(client, world, email: str = "nieuw@example.org"):
    return client.post(
        reverse("workshops:trio_invite", args=[world.trio.pk]), {"email": email, "domain": "social"}
    )


def test_a_mail_server_failure_is_said_in_the_form_and_leaves_no_invitation(
    client, world, monkeypatch
):
    """The review's finding: a bare English 500, and an unsent invitation that worked."""

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    client.force_login(world.member)
    response = _invite(client, world)
    assert response.status_code == 503
    assert "kon niet worden verstuurd" in response.text
    assert 'value="nieuw@example.org"' in response.text
    assert not Invitation.objects.exists()


def test_a_refused_connection_is_a_mail_failure_too(client, world, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    client.force_login(world.member)
    assert _invite(client, world).status_code == 503
    assert not Invitation.objects.exists()


def test_the_invitation_works_once_its_mail_went_out(client, world, mailoutbox):
    client.force_login(world.member)
    assert _invite(client, world).status_code == 302
    assert len(mailoutbox) == 1
    assert Invitation.objects.usable().get().sent_at is not None


def test_one_address_gets_a_few_invitations_a_day(client, world, mailoutbox):
    client.force_login(world.member)
    statuses = [_invite(client, world).status_code for _ in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mailoutbox) == 5
    refused = _invite(client, world)
    assert "spam" in refused.text and 'value="nieuw@example.org"' in refused.text


def test_one_sender_sends_a_limited_number_an_hour(client, world, mailoutbox):
    client.force_login(world.organiser)
    statuses = [_invite(client, world, f"p{n}@example.org").status_code for n in range(62)]
    assert statuses == [302] * 60 + [429] * 2
    assert len(mailoutbox) == 60
    # Another sender is not held up.
    client.force_login(world.member)
    assert _invite(client, world, "ander@example.org").status_code == 302
