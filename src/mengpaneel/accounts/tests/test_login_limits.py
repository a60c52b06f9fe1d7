"""Login limits: per address and IP, per IP over many addresses, per address over many IPs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"


WRONG = "not the password"


def _try(client, email: str, password: str = WRONG, ip: str = "203.0.113.9", **headers):
    return client.post(
        reverse(LOGIN), {"username": email, "password": password}, REMOTE_ADDR=ip, **headers
    )


def test_many_addresses_from_one_ip_are_stopped(client):
    """The reviewer's attack: 80 failures over 20 addresses, 4 each (under the per-pair 5)."""
    statuses = [
        _try(client, f"person{n}@example.org").status_code for _round in range(4) for n in range(20)
    ]
    assert statuses[:30] == [200] * 30
    assert set(statuses[30:]) == {429}
    # Nobody logs in from that IP for a while, not even with a right password.
    UserFactory(email="echt@example.org")
    assert _try(client, "echt@example.org", PASSWORD).status_code == 429
    # Another network is not affected.
    assert _try(client, "echt@example.org", PASSWORD, ip="198.51.100.20").status_code == 302


def test_one_account_from_many_ips_is_stopped(client):
    UserFactory(email="doel@example.org")
    statuses = [
        _try(client, "doel@example.org", ip=f"198.51.100.{n}").status_code for n in range(25)
    ]
    assert statuses[:20] == [200] * 20
    assert set(statuses[20:]) == {429}
    # The account is paused from everywhere, a new IP with the right password too ...
    response = _try(client, "doel@example.org", PASSWORD, ip="192.0.2.200")
    assert response.status_code == 429
    assert "Wachtwoord vergeten?" in response.text
    assert int(response["Retry-After"]) > 0
    # ... while other accounts log in as usual.
    UserFactory(email="ander@example.org")
    assert _try(client, "ander@example.org", PASSWORD, ip="192.0.2.200").status_code == 302


def test_a_new_password_opens_a_paused_account(client, mailoutbox):
    user = UserFactory(email="doel@example.org")
    for n in range(20):
        _try(client, "doel@example.org", ip=f"198.51.100.{n}")
    assert _try(client, "doel@example.org", PASSWORD, ip="192.0.2.200").status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": "doel@example.org"})
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/wachtwoord-herstellen/" in line
    )
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    new_password = "een nieuw lang wachtwoord"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert _try(client, "doel@example.org", new_password, ip="192.0.2.200").status_code == 302


def test_a_successful_login_forgets_that_persons_mistakes(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS_AND_IP = 3
    UserFactory(email="wijk@example.org")
    for _attempt in range(2):
        _try(client, "wijk@example.org")
    assert _try(client, "wijk@example.org", PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(2):
        assert _try(client, "wijk@example.org").status_code == 200
    assert _try(client, "wijk@example.org", PASSWORD).status_code == 302


def test_behind_a_proxy_each_client_counts_apart(client, settings):
    """Without X-Forwarded-For every user shares the proxy's address and one IP's lock."""
    settings.BEHIND_PROXY = True

    def via_proxy(email: str, password: str, forwarded: str):
        return _try(client, email, password, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    # An attacker makes up a new first entry each time; nginx appends the address it saw.
    for n in range(35):
        via_proxy(f"p{n}@example.org", WRONG, f"10.0.0.{n}, 198.51.100.1")
    UserFactory(email="echt@example.org")
    assert via_proxy("echt@example.org", PASSWORD, "192.0.2.7").status_code == 302
    client.logout()
    assert via_proxy("echt@example.org", PASSWORD, "10.0.0.99, 198.51.100.1").status_code == 429


def test_the_admin_login_has_the_same_limits(client):
    for n in range(30):
        _try(client, f"person{n}@example.org")
    UserFactory(email="beheer@example.org", is_staff=True)
    response = client.post(
        reverse("admin:login"),
        {"username": "beheer@example.org", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 429
