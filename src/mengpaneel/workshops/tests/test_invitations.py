from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mengpaneel.redaction import redact
from mengpaneel.testing.factories import PASSWORD, UserFactory
from mengpaneel.workshops.models import Invitation, TrioMember

pytestmark = pytest.mark.django_db


def _invite(client, world, email="nieuw@example.org", mailoutbox=None):
    client.force_login(world.member)
    client.post(
        reverse("workshops:trio_invite", args=[world.trio.pk]),
        {"email": email, "domain": "social"},
    )
    client.logout()
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/uitnodiging/" in line)
    return link.split("testserver", 1)[1]


def test_invited_colleague_sets_a_password_and_lands_in_the_trio(client, world, mailoutbox):
    path = _invite(client, world, mailoutbox=mailoutbox)
    response = client.get(path)
    # The token leaves the address at once.
    assert response.status_code == 302
    assert response.url == reverse("workshops:invitation_accept")
    response = client.post(
        response.url,
        {
            "name": "Sam Sociaal",
            "password1": "lang genoeg wachtwoord",
            "password2": "lang genoeg wachtwoord",
        },
    )
    assert response.status_code == 302
    assert response.url == world.trio.get_absolute_url()
    member = TrioMember.objects.get(user__email="nieuw@example.org")
    assert member.trio == world.trio and member.domain == "social"
    assert client.get(response.url).status_code == 200


def test_invitation_works_once(client, world, mailoutbox):
    path = _invite(client, world, mailoutbox=mailoutbox)
    client.post(
        client.get(path).url,
        {
            "name": "Sam",
            "password1": "lang genoeg wachtwoord",
            "password2": "lang genoeg wachtwoord",
        },
    )
    client.logout()
    assert client.get(path).status_code == 404


def test_expired_invitation_is_refused(client, world, mailoutbox):
    path = _invite(client, world, mailoutbox=mailoutbox)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 404
    assert "werkt niet" in response.text


def test_only_a_hash_of_the_token_is_stored(client, world, mailoutbox):
    path = _invite(client, world, mailoutbox=mailoutbox)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert not Invitation.objects.filter(token_hash__contains=token).exists()


def test_password_mismatch_keeps_the_name(client, world, mailoutbox):
    path = _invite(client, world, mailoutbox=mailoutbox)
    response = client.post(
        client.get(path).url,
        {"name": "Sam Sociaal", "password1": "lang genoeg wachtwoord", "password2": "anders"},
    )
    assert response.status_code == 200
    assert 'value="Sam Sociaal"' in response.text
    assert not TrioMember.objects.filter(user__email="nieuw@example.org").exists()


def test_existing_account_logs_in_and_then_joins(client, world, mailoutbox):
    UserFactory(email="bestaand@example.org")
    path = _invite(client, world, email="bestaand@example.org", mailoutbox=mailoutbox)
    accept_url = client.get(path).url
    assert "inloggen" in client.get(accept_url).text
    client.post(
        reverse("accounts:login"), {"username": "bestaand@example.org", "password": PASSWORD}
    )
    response = client.post(accept_url)
    assert response.status_code == 302
    assert world.trio.members.filter(user__email="bestaand@example.org").exists()


def test_inviting_a_member_twice_is_explained(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:trio_invite", args=[world.trio.pk]),
        {"email": world.member.email.upper(), "domain": "area"},
    )
    assert response.status_code == 200
    assert "al lid" in response.text


def test_tokens_never_reach_the_logs():
    line = '"GET /uitnodiging/abcDEF123-_xyz/ HTTP/1.1" 302'
    assert "abcDEF123" not in redact(line)
    assert "abc" not in redact("Not Found: /wachtwoord-herstellen/MQ/abc-123/")
