"""An invitation is for one address: another account joins only when an organiser confirms."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from mengpaneel.testing.factories import UserFactory
from mengpaneel.workshops import invitations
from mengpaneel.workshops.models import Invitation
from mengpaneel.workshops.views import INVITATION_SESSION_KEY

pytestmark = pytest.mark.django_db


def _issue(world, email: str) -> str:
    invitation, token = Invitation.issue(
        trio=world.trio, email=email, domain="social", invited_by=world.member
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.created_at)
    return token


def _hold(client, token: str) -> None:
    session = client.session
    session[INVITATION_SESSION_KEY] = token
    session.save()


def test_someone_logged_in_with_another_address_does_not_join(client, world):
    """The review's finding: any logged-in person holding the link joined the trio."""
    _hold(client, _issue(world, "bedoeld@example.org"))
    client.force_login(world.outsider)
    page = client.get(reverse("workshops:invitation_accept"))
    assert "bedoeld@example.org" in page.text and world.outsider.email in page.text
    response = client.post(reverse("workshops:invitation_accept"))
    assert response.status_code == 403
    assert not world.trio.has_member(world.outsider)
    assert Invitation.objects.usable().count() == 1


def test_the_invited_address_joins_in_any_case(client, world):
    invited = UserFactory(email="bedoeld@example.org")
    _hold(client, _issue(world, "Bedoeld@Example.org"))
    client.force_login(invited)
    response = client.post(reverse("workshops:invitation_accept"))
    assert response.status_code == 302
    assert world.trio.has_member(invited)


def test_an_organiser_confirms_another_address(client, world):
    _hold(client, _issue(world, "prive@example.org"))
    client.force_login(world.outsider)
    response = client.post(reverse("workshops:invitation_claim"))
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.claimed_by == world.outsider
    assert not world.trio.has_member(world.outsider)

    # The trio's members see who asks; only an organiser decides.
    client.force_login(world.member)
    trio_page = client.get(world.trio.get_absolute_url()).text
    assert world.outsider.name in trio_page
    confirm = reverse("workshops:invitation_confirm", args=[world.trio.pk, invitation.pk])
    assert client.post(confirm).status_code == 404
    assert not world.trio.has_member(world.outsider)

    client.force_login(world.organiser)
    assert client.post(confirm).status_code == 302
    assert world.trio.has_member(world.outsider)
    assert not Invitation.objects.usable().exists()


def test_a_refused_request_leaves_the_invitation_to_the_invited_address(client, world):
    _hold(client, _issue(world, "prive@example.org"))
    client.force_login(world.outsider)
    client.post(reverse("workshops:invitation_claim"))
    invitation = Invitation.objects.get()
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:invitation_refuse", args=[world.trio.pk, invitation.pk])
    )
    assert response.status_code == 302
    assert not world.trio.has_member(world.outsider)
    invitation.refresh_from_db()
    assert invitation.claimed_by is None and invitation.is_usable


def test_the_invited_address_needs_no_confirmation_to_ask_for(client, world):
    invited = UserFactory(email="bedoeld@example.org")
    _hold(client, _issue(world, "bedoeld@example.org"))
    client.force_login(invited)
    response = client.post(reverse("workshops:invitation_claim"))
    assert response.url == reverse("workshops:invitation_accept")
    assert Invitation.objects.get().claimed_by is None


def test_accept_refuses_another_address_whatever_calls_it(world):
    _issue(world, "bedoeld@example.org")
    with pytest.raises(invitations.NotInvitedAddress):
        invitations.accept(Invitation.objects.get(), world.outsider)


def test_a_link_that_was_never_sent_works_for_nobody(world):
    Invitation.issue(trio=world.trio, email="x@example.org", domain="area", invited_by=None)
    assert not Invitation.objects.usable().exists()


def test_the_data_migration_counts_earlier_invitations_as_sent(world):
    Invitation.issue(trio=world.trio, email="x@example.org", domain="area", invited_by=None)
    migration = import_module("mengpaneel.workshops.migrations.0004_invitation_sent_and_claimed")
    migration.count_earlier_invitations_as_sent(django_apps, None)
    invitation = Invitation.objects.get()
    assert invitation.sent_at == invitation.created_at
