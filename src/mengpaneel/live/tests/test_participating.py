from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.live import boards, participation, phases
from mengpaneel.live.constants import Phase
from mengpaneel.live.models import GuestPlacement
from mengpaneel.live.tests.conftest import agree_data, fader_data
from mengpaneel.panel.models import AgreedPosition, IndividualPlacement
from mengpaneel.testing.concurrency import while_held

pytestmark = pytest.mark.django_db


def _page(live_round) -> str:
    return reverse("live:participant", args=[live_round.pk])


def test_member_places_a_fader_alone(client, world, live_round, categories):
    client.force_login(world.member)
    response = client.post(
        reverse("live:place", args=[live_round.pk]), fader_data(categories[0], -2, "Sectoraal")
    )
    assert response.url == _page(live_round)
    placement = IndividualPlacement.objects.get(member=world.member)
    assert (placement.position, placement.note) == (-2, "Sectoraal")
    assert placement.assessment.meeting == world.meeting


def test_member_saves_with_htmx_and_hears_saved(client, world, live_round, categories):
    client.force_login(world.member)
    response = client.post(
        reverse("live:place", args=[live_round.pk]),
        fader_data(categories[1], None),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    # The word, and the placement's version for the form's next save (swapped out of band).
    key = categories[1].key
    assert response.content.decode() == (
        f'Saved<input type="hidden" name="{key}-version" value="1" id="id_{key}-version" '
        'hx-swap-oob="true">'
    )
    assert int(response["X-Live-Version"]) == live_round.version + 1
    assert IndividualPlacement.objects.get(member=world.member).position is None


def test_a_refused_htmx_save_replaces_the_fader_with_its_errors(
    guest_client, live_round, categories
):
    response = guest_client.post(
        reverse("live:place", args=[live_round.pk]),
        fader_data(categories[1], 9),
        headers={"HX-Request": "true"},
    )
    assert response["HX-Retarget"] == f"#place-{categories[1].key}"
    assert response["HX-Reswap"] == "outerHTML"
    assert f'id="place-{categories[1].key}"' in response.content.decode()
    assert not GuestPlacement.objects.exists()


def test_guest_places_only_their_own_faders(guest_client, world, live_round, categories):
    url = reverse("live:place", args=[live_round.pk])
    # A guest cannot point at another trio: their trio comes from the session.
    data = {**fader_data(categories[0], 3), "trio": world.other_trio.pk}
    assert guest_client.post(url, data).status_code == 302
    placement = GuestPlacement.objects.get()
    assert (placement.guest, placement.position) == (guest_client.guest, 3)
    assert placement.assessment.trio == world.trio
    assert not IndividualPlacement.objects.exists()


def test_guest_cannot_agree_or_act_in_another_round(guest_client, world, live_round, categories):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    response = guest_client.post(
        reverse("live:agree", args=[live_round.pk]), agree_data(categories[0], 1, "Zo is het")
    )
    assert response.status_code == 404
    assert not AgreedPosition.objects.exclude(position=None).exists()
    # Nor anywhere else in Mengpaneel: a guest is not logged in.
    assert (
        guest_client.get(reverse("workshops:trio_detail", args=[world.trio.pk])).status_code == 302
    )


def test_placing_after_the_organiser_moved_on_is_refused_clearly(
    guest_client, world, live_round, categories
):
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    response = guest_client.post(
        reverse("live:place", args=[live_round.pk]), fader_data(categories[0], 2), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("was not saved" in m for m in messages), messages
    assert not GuestPlacement.objects.exists()


def test_stale_placement_with_htmx_shows_the_current_phase(client, world, live_round, categories):
    client.force_login(world.member)
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    response = client.post(
        reverse("live:place", args=[live_round.pk]),
        fader_data(categories[0], 2),
        headers={"HX-Request": "true"},
    )
    assert response["HX-Retarget"] == "#live-work"
    html = response.content.decode()
    assert "was not saved" in html
    assert "Reveal in the trio" in html
    assert not IndividualPlacement.objects.exists()


def test_out_of_range_position_is_refused_and_nothing_stored(guest_client, live_round, categories):
    response = guest_client.post(
        reverse("live:place", args=[live_round.pk]), fader_data(categories[0], 9)
    )
    assert response.status_code == 400
    assert not GuestPlacement.objects.exists()


def test_an_outsider_cannot_place(client, world, live_round, categories):
    client.force_login(world.outsider)
    response = client.post(
        reverse("live:place", args=[live_round.pk]), fader_data(categories[0], 1)
    )
    assert response.status_code == 404
    assert not IndividualPlacement.objects.exists()


def test_reveal_shows_members_and_guests_dots_inside_the_trio(
    client, guest_client, world, live_round, categories
):
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.place(member, categories[0], -1, expected_version=0)
    guest = participation.Participant(live_round, world.trio, guest=guest_client.guest)
    participation.place(guest, categories[0], 2, expected_version=0)
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    page = guest_client.get(_page(live_round)).content.decode()
    assert world.member.name in page and guest_client.guest.name in page
    assert "to discuss" in page  # three steps apart
    # The other trio sees nothing of it.
    client.force_login(world.other_trio_member)
    other = client.get(_page(live_round)).content.decode()
    assert guest_client.guest.name not in other and world.member.name not in other


def test_a_guest_sharing_a_members_initials_gets_a_dot_of_their_own(world, live_round, categories):
    world.member.name = "Pim Nouwen"
    world.member.save()
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.place(member, categories[0], -1, expected_version=0)
    guest = participation.join_as_guest(live_round, world.trio, "Petra Nijhof")
    participation.place(
        participation.Participant(live_round, world.trio, guest=guest),
        categories[0],
        2,
        expected_version=0,
    )
    rows = boards.fader_rows(live_round, participation.assessment_for(live_round, world.trio))
    # As on the trio's panel page: initials where they differ, numbered where they clash.
    assert [(mark.name, mark.label) for mark in rows[0].marks] == [
        ("Pim Nouwen", "P1"),
        ("Petra Nijhof", "P2"),
    ]


def test_members_agree_and_a_concurrent_save_is_a_conflict_not_an_overwrite(
    client, world, live_round, categories
):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    client.force_login(world.member)
    url = reverse("live:agree", args=[live_round.pk])
    first = client.post(url, agree_data(categories[0], 2, "Eigen budget", version=0))
    assert first.status_code == 302
    second = client.post(url, agree_data(categories[0], -2, "Geen budget", version=0))
    assert second.status_code == 409
    assert "Eigen budget" in second.content.decode()
    agreed = AgreedPosition.objects.get(category=categories[0], assessment__trio=world.trio)
    assert (agreed.position, agreed.rationale) == (2, "Eigen budget")


def test_agreeing_off_the_middle_asks_for_a_rationale(client, world, live_round, categories):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    client.force_login(world.member)
    response = client.post(
        reverse("live:agree", args=[live_round.pk]),
        agree_data(categories[0], 2, ""),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Write down why" in response.content.decode()
    assert AgreedPosition.objects.get(category=categories[0]).position is None


def test_an_agreement_after_the_agree_phase_says_agreeing_is_over(world, live_round, categories):
    for to, expected in [
        (Phase.REVEAL, Phase.ALONE),
        (Phase.AGREE, Phase.REVEAL),
        (Phase.PLENARY, Phase.AGREE),
    ]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    member = participation.Participant(live_round, world.trio, user=world.member)
    with pytest.raises(participation.StalePhase) as refused:
        participation.agree(
            member, categories[0], position=1, rationale="x", discuss=False, expected_version=0
        )
    assert "Agreeing is over" in refused.value.message
    assert "Placing alone" not in refused.value.message


def test_agreeing_outside_the_agree_phase_is_refused(client, world, live_round, categories):
    client.force_login(world.member)
    response = client.post(
        reverse("live:agree", args=[live_round.pk]), agree_data(categories[0], 1, "x"), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("was not saved" in m for m in messages)


def test_a_trio_that_starts_late_joins_past_the_reveal(world, live_round, categories):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    assessment = participation.assessment_for(live_round, world.other_trio)
    assert assessment.is_revealed


def test_every_save_raises_the_round_version(world, live_round, categories):
    member = participation.Participant(live_round, world.trio, user=world.member)
    before = live_round.version
    participation.place(member, categories[0], 1, expected_version=0)
    live_round.refresh_from_db()
    assert live_round.version == before + 1


def test_a_malformed_placement_after_the_reveal_says_the_phase_moved_on(
    client, world, live_round, categories
):
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    client.force_login(world.member)
    data = {**fader_data(categories[0], 2), f"{categories[0].key}-position": "abc"}
    response = client.post(reverse("live:place", args=[live_round.pk]), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("was not saved" in m for m in messages), messages


def test_a_malformed_agreement_outside_the_agree_phase_says_so(
    client, world, live_round, categories
):
    client.force_login(world.member)
    data = {**agree_data(categories[0], 1, "x"), f"{categories[0].key}-version": "many"}
    response = client.post(reverse("live:agree", args=[live_round.pk]), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("was not saved" in m for m in messages), messages


def test_a_conflict_tells_the_other_version_in_words_unplaced_included(
    client, world, live_round, categories
):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    client.force_login(world.member)
    url = reverse("live:agree", args=[live_round.pk])
    htmx = {"HX-Request": "true"}
    client.post(url, agree_data(categories[0], None, "Nog open", discuss=True), headers=htmx)
    response = client.post(url, agree_data(categories[0], 2, "Eigen budget"), headers=htmx)
    html = response.content.decode()
    assert "Nothing was overwritten" in html
    assert "Their version: not placed yet." in html


def test_without_javascript_the_conflict_shows_at_its_own_fader_only(
    client, world, live_round, categories
):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    client.force_login(world.member)
    url = reverse("live:agree", args=[live_round.pk])
    client.post(url, agree_data(categories[1], 1, "Eerst"))
    response = client.post(url, agree_data(categories[1], -1, "Tweede"))
    assert response.status_code == 409
    assert response.content.decode().count("Nothing was overwritten") == 1


# SQLite's shared in-memory test database runs one transaction at a time.
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_agreement_sent_while_the_organiser_ends_the_phase_waits_and_is_refused(
    world, live_round, categories
):
    for to, expected in [(Phase.REVEAL, Phase.ALONE), (Phase.AGREE, Phase.REVEAL)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.assessment_for(live_round, world.trio)

    def organiser_moves_on():
        phases.move(live_round, to=Phase.PLENARY, expected=Phase.AGREE, by=world.organiser)

    def member_agrees():
        with translation.override("en"):
            return participation.agree(
                member, categories[0], position=0, rationale="", discuss=False, expected_version=0
            )

    waited, refused = while_held(organiser_moves_on, member_agrees)
    assert waited, "the save must wait for the phase change"
    assert isinstance(refused, participation.StalePhase)
    assert "Agreeing is over" in refused.message
    agreed = AgreedPosition.objects.get(assessment__trio=world.trio, category=categories[0])
    assert agreed.version == 0


def test_a_member_in_two_sessions_on_the_live_page_gets_a_conflict_not_an_overwrite(
    client, world, live_round, categories
):
    category, url = categories[0], reverse("live:place", args=[live_round.pk])
    client.force_login(world.member)
    first = client.post(url, fader_data(category, 2, "Telefoon"), headers={"HX-Request": "true"})
    assert first.content.decode().startswith("Saved")
    # The laptop's page was opened before the phone saved: it still sends version 0.
    response = client.post(url, fader_data(category, -1, "Laptop"), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#place-{category.key}"
    assert "data-conflict" in page and "Nothing was overwritten" in page
    assert "Saved elsewhere: +2, towards" in page and "Telefoon" in page
    assert f'name="{category.key}-version" value="1"' in page  # the laptop's next save wins
    placement = IndividualPlacement.objects.get(member=world.member)
    assert (placement.position, placement.note) == (2, "Telefoon")
    # Without JavaScript: 409 and the same words.
    response = client.post(url, fader_data(category, -1, "Laptop"))
    assert response.status_code == 409
    assert "Nothing was overwritten" in response.content.decode()


def test_each_live_autosave_builds_on_the_version_the_last_one_answered(
    client, world, live_round, categories
):
    category, url = categories[0], reverse("live:place", args=[live_round.pk])
    client.force_login(world.member)
    version = 0
    for position in (1, 2, 3):
        response = client.post(
            url, fader_data(category, position, version=version), headers={"HX-Request": "true"}
        )
        answer = response.content.decode()
        assert answer.startswith("Saved"), answer
        version = int(re.search(rf'name="{category.key}-version" value="(\d+)"', answer)[1])
    assert IndividualPlacement.objects.get(member=world.member).position == 3
    assert version == 3
