import pytest
from django.urls import reverse

from mengpaneel.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_person_logs_in_with_email_and_password(client):
    UserFactory(email="wijk@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "WIJK@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"].email == "wijk@example.org"


def test_wrong_password_keeps_the_address_and_explains(client):
    UserFactory(email="wijk@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "wijk@example.org", "password": "fout"}
    )
    assert response.status_code == 200
    assert "komen niet overeen" in response.text
    assert 'value="wijk@example.org"' in response.text


def test_brute_force_is_locked_out(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS_AND_IP = 3
    UserFactory(email="wijk@example.org")
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": "wijk@example.org", "password": "x"})
    response = client.post(
        reverse("accounts:login"), {"username": "wijk@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Te veel pogingen" in response.text


def test_logout_needs_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("workshops:edition_list")).status_code == 302


def test_password_reset_mails_a_working_link(client, mailoutbox):
    user = UserFactory(email="wijk@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "wijk@example.org"})
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/wachtwoord-herstellen/" in line
    )
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    new_password = "een nieuw lang wachtwoord"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_password_reset_for_unknown_address_says_the_same(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mailoutbox == []
