"""Password reset e-mails: limited per recipient and per asking network."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from mengpaneel.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "accounts:password_reset"


def _ask(client, email: str, ip: str = "203.0.113.9"):
    return client.post(reverse(RESET), {"email": email}, REMOTE_ADDR=ip)


def test_one_address_gets_a_few_mails_an_hour_then_a_clear_refusal(client, mailoutbox):
    UserFactory(email="wijk@example.org")
    statuses = [
        _ask(client, "wijk@example.org", ip=f"198.51.100.{n}").status_code for n in range(6)
    ]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert len(mailoutbox) == 3
    refused = _ask(client, "wijk@example.org", ip="192.0.2.1")
    assert "spam" in refused.text  # where to look, instead of asking again
    assert 'value="wijk@example.org"' in refused.text


def test_an_unknown_address_is_counted_the_same(client, mailoutbox):
    """The limit must not tell which addresses have an account."""
    statuses = [_ask(client, "niemand@example.org").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert mailoutbox == []


def test_one_network_asks_for_a_limited_number_of_mails(client, mailoutbox):
    for n in range(25):
        UserFactory(email=f"p{n}@example.org")
    statuses = [_ask(client, f"p{n}@example.org").status_code for n in range(25)]
    assert statuses[:20] == [302] * 20
    assert set(statuses[20:]) == {429}
    assert len(mailoutbox) == 20


def test_a_mail_server_failure_looks_like_any_other_answer(client, monkeypatch, caplog):
    """Django logs it; the page must not tell whether the address has an account."""
    UserFactory(email="wijk@example.org")

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)
    assert _ask(client, "wijk@example.org").status_code == 302
    assert "Failed to send password reset email" in caplog.text
