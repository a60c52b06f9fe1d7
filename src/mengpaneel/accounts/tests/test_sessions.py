"""Sessions: changing the password, and an end after a while without activity."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from mengpaneel.accounts.middleware import LAST_SEEN_KEY
from mengpaneel.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "een heel nieuw wachtwoord"


def _change(client, old: str, new: str = NEW, **extra):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
        **extra,
    )


def test_a_logged_in_person_changes_the_password_and_other_sessions_end(client):
    user = UserFactory(email="wijk@example.org")
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)
    assert "Wachtwoord wijzigen" in client.get(reverse("core:home")).text
    response = _change(client, PASSWORD)
    assert response.status_code == 302
    assert "Je wachtwoord is gewijzigd" in client.get(response.url).text
    user.refresh_from_db()
    assert user.check_password(NEW)
    # This session stays; the other one is logged out.
    assert client.get(reverse("workshops:edition_list")).status_code == 200
    assert elsewhere.get(reverse("workshops:edition_list")).status_code == 302


def test_a_wrong_current_password_keeps_the_form_and_counts_as_a_failed_login(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 3
    user = UserFactory(email="wijk@example.org")
    client.force_login(user)
    for _attempt in range(3):
        response = _change(client, "geraden", REMOTE_ADDR=f"198.51.100.{_attempt}")
        assert response.status_code == 200
    # Guessing on an unlocked computer stops like guessing on the login page.
    assert _change(client, PASSWORD).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_password_page_is_for_logged_in_people(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def _idle(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_for_too_long_is_logged_out_with_a_message(client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())
    _idle(client, 29 * 60)
    assert client.get(reverse("workshops:edition_list")).status_code == 200
    _idle(client, 31 * 60)
    response = client.get(reverse("workshops:edition_list"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "30 minuten niets hebt gedaan" in response.text


def test_an_htmx_request_after_the_timeout_sends_the_page_to_the_login(client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())
    _idle(client, 31 * 60)
    response = client.post(
        reverse("workshops:edition_list"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/trios/7/mengpaneel/",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/inloggen/?next=%2Ftrios%2F7%2Fmengpaneel%2F"


def test_activity_moves_the_end_along_without_writing_on_every_request(client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())
    _idle(client, 5 * 60)
    client.get(reverse("workshops:edition_list"))
    seen = client.session[LAST_SEEN_KEY]
    assert time.time() - seen < 5
    assert client.session.get_expiry_age() == 30 * 60
    client.get(reverse("workshops:edition_list"))
    assert client.session[LAST_SEEN_KEY] == seen  # not written again within the minute


def test_no_timeout_when_switched_off(client, settings):
    settings.SESSION_IDLE_MINUTES = 0
    client.force_login(UserFactory())
    _idle(client, 365 * 24 * 3600)
    assert client.get(reverse("workshops:edition_list")).status_code == 200
