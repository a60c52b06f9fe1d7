from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mengpaneel.live import access, joincodes, participation, phases
from mengpaneel.live.constants import CODE_ALPHABET, CODE_LENGTH, MAX_GUESTS_PER_TRIO, Phase
from mengpaneel.live.models import Guest
from mengpaneel.live.tests.conftest import fader_data, join_as_guest

pytestmark = pytest.mark.django_db


def test_codes_are_short_and_unambiguous():
    for _ in range(50):
        code = joincodes.generate()
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(CODE_ALPHABET)


def test_a_code_is_read_as_people_type_it(live_round):
    code = live_round.code
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert joincodes.find_round(typed) == live_round


@pytest.mark.parametrize(
    "typed, reason",
    [("", "Type the code"), ("ABC", "letters and digits"), ("OOOOOOOO", "letters and digits")],
)
def test_malformed_codes_get_a_clear_reason(db, typed, reason):
    with pytest.raises(joincodes.CodeRejected, match=reason):
        joincodes.find_round(typed)


def test_an_unknown_code_is_refused(live_round):
    other = "".join(reversed(live_round.code))
    if other == live_round.code:  # a palindrome: make it differ
        other = CODE_ALPHABET[0] * CODE_LENGTH
    with pytest.raises(joincodes.CodeRejected, match="not known"):
        joincodes.find_round(other)


def test_an_expired_code_is_refused(live_round):
    live_round.code_expires_at = timezone.now() - timedelta(minutes=1)
    live_round.save(update_fields=["code_expires_at"])
    with pytest.raises(joincodes.CodeRejected, match="expired"):
        joincodes.find_round(live_round.code)


def test_a_closed_rounds_code_is_refused(world, live_round):
    code = live_round.code
    phases.close(live_round, expected=Phase.ALONE, by=world.organiser)
    with pytest.raises(joincodes.CodeRejected, match="not known"):
        joincodes.find_round(code)


def test_renewing_stops_the_old_code(live_round):
    old = live_round.code
    joincodes.issue(live_round)
    assert live_round.code != old
    with pytest.raises(joincodes.CodeRejected):
        joincodes.find_round(old)
    assert joincodes.find_round(live_round.code) == live_round


def test_a_closed_code_admits_nobody_new(client, world, live_round):
    code = live_round.code
    joincodes.close(live_round)
    response = client.post(reverse("live:join"), {"code": code})
    assert response.status_code == 200
    assert "not known" in response.content.decode()
    assert not Guest.objects.exists()


def test_guest_joins_with_the_code_and_no_address_carries_it(client, world, live_round):
    response = client.post(reverse("live:join"), {"code": live_round.code})
    assert response.url == reverse("live:join_trio")
    assert live_round.code not in response.url
    page = client.get(response.url).content.decode()
    assert world.trio.municipality.name in page
    response = client.post(
        reverse("live:join_trio"), {"trio": world.trio.pk, "name": " Gijs  Gast "}
    )
    assert response.url == reverse("live:participant", args=[live_round.pk])
    guest = Guest.objects.get()
    assert (guest.name, guest.trio, guest.live_round) == ("Gijs Gast", world.trio, live_round)
    assert access.CODE_SESSION_KEY not in client.session
    page = client.get(response.url).content.decode()
    assert "Gijs Gast" in page
    assert live_round.code not in page


def test_the_qr_address_moves_the_code_into_the_session(client, live_round):
    response = client.get(reverse("live:code_link", args=[live_round.code]))
    assert response.url == reverse("live:join_trio")
    assert client.session[access.CODE_SESSION_KEY] == live_round.code


def test_a_wrong_code_in_the_qr_address_says_so(client, live_round):
    response = client.get(reverse("live:code_link", args=["ACDEFGHJ"]))
    assert response.status_code == 404
    assert "not known" in response.content.decode()


def test_a_code_that_expires_while_choosing_a_trio_is_explained(client, world, live_round):
    client.post(reverse("live:join"), {"code": live_round.code})
    live_round.code_expires_at = timezone.now() - timedelta(seconds=1)
    live_round.save(update_fields=["code_expires_at"])
    response = client.post(reverse("live:join_trio"), {"trio": world.trio.pk, "name": "Laat"})
    assert response.status_code == 200
    assert "expired" in response.content.decode()
    assert not Guest.objects.exists()


def test_wrong_code_keeps_what_was_typed(client, db):
    response = client.post(reverse("live:join"), {"code": "KDKD-KDKD"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="KDKD-KDKD"' in page
    assert "not known" in page


def test_guest_needs_a_name_and_a_trio_of_this_edition(client, world, live_round):
    client.post(reverse("live:join"), {"code": live_round.code})
    response = client.post(reverse("live:join_trio"), {"trio": world.trio.pk, "name": "   "})
    assert response.status_code == 200 and not Guest.objects.exists()
    stranger = world.other_edition.trios.first()
    response = client.post(reverse("live:join_trio"), {"trio": stranger.pk, "name": "Sluw"})
    assert response.status_code == 200 and not Guest.objects.exists()


def test_a_trio_takes_a_limited_number_of_guests(world, live_round):
    for number in range(MAX_GUESTS_PER_TRIO):
        participation.join_as_guest(live_round, world.trio, f"Gast {number}")
    with pytest.raises(participation.GuestRefused, match="already has"):
        participation.join_as_guest(live_round, world.trio, "Eén te veel")


def test_a_member_with_the_code_lands_in_their_own_trio(client, world, live_round):
    client.force_login(world.member)
    response = client.post(reverse("live:join"), {"code": live_round.code})
    assert response.url == reverse("live:participant", args=[live_round.pk])
    page = client.get(response.url).content.decode()
    assert world.trio.municipality.name in page
    assert not Guest.objects.exists()


def test_a_member_sees_the_running_round_on_the_join_page(client, world, live_round):
    client.force_login(world.member)
    page = client.get(reverse("live:join")).content.decode()
    assert reverse("live:participant", args=[live_round.pk]) in page


def test_organiser_with_the_code_goes_to_the_controls(client, world, live_round):
    client.force_login(world.organiser)
    response = client.post(reverse("live:join"), {"code": live_round.code})
    assert response.url == reverse("live:control", args=[live_round.pk])


def test_members_and_organiser_see_who_joined_and_the_organiser_removes_a_guest(
    client, world, live_round
):
    join_as_guest(client, live_round, world.trio, "Gerrit Gast")
    guest = Guest.objects.get()
    client.force_login(world.member)
    assert (
        "Gerrit Gast"
        in client.get(reverse("live:participant", args=[live_round.pk])).content.decode()
    )
    client.force_login(world.organiser)
    control = client.get(reverse("live:control", args=[live_round.pk])).content.decode()
    assert "Gerrit Gast" in control
    client.post(reverse("live:guest_remove", args=[live_round.pk, guest.pk]))
    guest.refresh_from_db()
    assert guest.removed_at is not None


def test_a_removed_guest_is_out(client, world, live_round):
    join_as_guest(client, live_round, world.trio, "Gerrit Gast")
    guest = Guest.objects.get()
    participation.remove_guest(guest)
    assert client.get(reverse("live:participant", args=[live_round.pk])).status_code == 404


def test_another_trios_member_cannot_remove_a_guest(client, world, live_round):
    guest = participation.join_as_guest(live_round, world.trio, "Gerrit Gast")
    client.force_login(world.other_trio_member)
    response = client.post(reverse("live:guest_remove", args=[live_round.pk, guest.pk]))
    assert response.status_code == 404
    guest.refresh_from_db()
    assert guest.removed_at is None


def test_a_double_tap_on_join_makes_one_guest_not_two(client, world, live_round):
    client.post(reverse("live:join"), {"code": live_round.code})
    # Two POSTs of one form that arrive together both find the code in the session
    # and no guest in it yet: the second one is replayed here with that session.
    before = {**client.session}
    first = client.post(reverse("live:join_trio"), {"trio": world.trio.pk, "name": "Dubbel"})
    session = client.session
    session.clear()
    session.update(before)
    session.save()
    second = client.post(reverse("live:join_trio"), {"trio": world.trio.pk, "name": "Dubbel"})
    assert first.url == second.url == reverse("live:participant", args=[live_round.pk])
    assert Guest.objects.count() == 1
    # The trio's count on the projector is not stuck one short of "done".
    client.force_login(world.organiser)
    control = client.get(reverse("live:control", args=[live_round.pk])).content.decode()
    assert control.count("Dubbel") == 2  # the name and its "Remove Dubbel" button, once


def test_another_browser_with_the_same_name_is_another_guest(world, live_round):
    first = participation.join_as_guest(live_round, world.trio, "Anna", session_key="a")
    second = participation.join_as_guest(live_round, world.trio, "Anna", session_key="b")
    again = participation.join_as_guest(live_round, world.trio, "Anna", session_key="a")
    assert first != second and again == first


def test_a_double_click_on_remove_ends_on_the_controls_not_on_a_404(client, world, live_round):
    guest = participation.join_as_guest(live_round, world.trio, "Gerrit Gast")
    client.force_login(world.organiser)
    url = reverse("live:guest_remove", args=[live_round.pk, guest.pk])
    client.post(url)
    second = client.post(url)
    assert second.status_code == 302
    assert second.url == reverse("live:control", args=[live_round.pk])
    guest.refresh_from_db()
    assert guest.removed_at is not None


def test_a_code_action_the_controls_never_send_is_named_as_such(client, world, live_round):
    client.force_login(world.organiser)
    code = live_round.code
    response = client.post(
        reverse("live:code_action", args=[live_round.pk]), {"action": "explode"}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Choose to renew the code or to close it."]
    live_round.refresh_from_db()
    assert live_round.code == code


def _wrong_code(live_round) -> str:
    wrong = CODE_ALPHABET[0] * CODE_LENGTH
    return wrong if wrong != live_round.code else CODE_ALPHABET[1] * CODE_LENGTH


def test_wrong_codes_pause_the_session_and_then_no_code_is_tried(client, live_round):
    """The reviewer's 300 wrong codes in 2.8 s: after ten, this browser waits."""
    wrong = _wrong_code(live_round)
    statuses = [client.post(reverse("live:join"), {"code": wrong}).status_code for _ in range(12)]
    assert statuses == [200] * 10 + [429] * 2
    right = client.post(reverse("live:join"), {"code": live_round.code})
    assert right.status_code == 429
    assert "Too many wrong codes" in right.content.decode()
    assert int(right["Retry-After"]) > 0
    # Someone else on the same network still joins.
    assert Client().post(reverse("live:join"), {"code": live_round.code}).status_code == 302


def test_wrong_codes_from_one_network_pause_it_whatever_the_session(live_round):
    wrong = _wrong_code(live_round)
    statuses = [Client().post(reverse("live:join"), {"code": wrong}).status_code for _ in range(61)]
    assert statuses == [200] * 60 + [429]
    other_network = Client(REMOTE_ADDR="198.51.100.5")
    assert other_network.post(reverse("live:join"), {"code": live_round.code}).status_code == 302


def test_wrong_codes_in_the_qr_address_count_too(client, live_round):
    wrong = _wrong_code(live_round)
    statuses = [client.get(reverse("live:code_link", args=[wrong])).status_code for _ in range(11)]
    assert statuses == [404] * 10 + [429]


def test_an_empty_code_field_is_no_guess(client, live_round):
    for _ in range(15):
        assert client.post(reverse("live:join"), {"code": ""}).status_code == 200
    assert client.post(reverse("live:join"), {"code": live_round.code}).status_code == 302


def test_a_guests_session_ends_with_the_round(client, world, live_round, categories):
    join_as_guest(client, live_round, world.trio, "Gerrit Gast")
    old_session = client.session.session_key
    page = reverse("live:participant", args=[live_round.pk])
    assert client.get(page).status_code == 200
    phases.close(live_round, expected=Phase.ALONE, by=world.organiser)

    # The page the guest still has open fetches its work area: the goodbye, nothing more.
    work = client.get(
        reverse("live:participant_work", args=[live_round.pk]), HTTP_HX_REQUEST="true"
    )
    assert work.status_code == 200
    assert "This live round has ended" in work.content.decode()
    assert "Altena" not in work.content.decode()
    # The session that held the guest is gone; the new one only remembers the round ended.
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=old_session).exists()
    assert access.GUESTS_SESSION_KEY not in client.session
    ended = client.get(page)
    assert ended.status_code == 410
    assert "Altena" not in ended.content.decode()
    # The stream and the poll still say where the round is, so the page does not go
    # "offline"; everything of the trio is out of reach.
    assert client.get(reverse("live:version", args=[live_round.pk])).json()["phase"] == "closed"
    trio = client.get(
        reverse("live:participant_trio", args=[live_round.pk]), HTTP_HX_REQUEST="true"
    )
    assert "Gerrit" not in trio.content.decode()
    data = fader_data(categories[0], 2)
    assert client.post(reverse("live:place", args=[live_round.pk]), data).status_code == 404


def test_a_member_keeps_the_round_page_after_it_closed(client, world, live_round):
    client.force_login(world.member)
    phases.close(live_round, expected=Phase.ALONE, by=world.organiser)
    assert client.get(reverse("live:participant", args=[live_round.pk])).status_code == 200
    assert "_auth_user_id" in client.session


def test_a_stranger_never_sees_the_ended_page(client, world, live_round):
    phases.close(live_round, expected=Phase.ALONE, by=world.organiser)
    assert client.get(reverse("live:participant", args=[live_round.pk])).status_code == 404
