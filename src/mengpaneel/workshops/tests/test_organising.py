import pytest
from django.urls import reverse

from mengpaneel.organisations.models import Municipality
from mengpaneel.workshops.models import Edition, Meeting

pytestmark = pytest.mark.django_db


def test_organiser_creates_an_edition_and_organises_it(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:edition_create"),
        {
            "name": "Werkplaats 2027",
            "slug": "werkplaats-2027",
            "year": 2027,
            "status": "registration_open",
            "description": "",
        },
    )
    edition = Edition.objects.get(slug="werkplaats-2027")
    assert response.url == edition.get_absolute_url()
    assert edition.is_organised_by(world.organiser)
    assert not edition.is_organised_by(world.other_organiser)


def test_meeting_with_speakers_is_saved_in_one_go(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:meeting_create", args=[world.edition.slug]),
        {
            "number": 2,
            "date": "2026-10-01",
            "place": "Venlo",
            "theme": "De sociale basis",
            "assignment": "Leg de link met je casus.",
            "homework": "",
            "talks-TOTAL_FORMS": 2,
            "talks-INITIAL_FORMS": 0,
            "talks-0-speaker": "Radboud Engbersen",
            "talks-0-affiliation": "Movisie",
            "talks-0-title": "De sociale basis",
            "talks-1-speaker": "",
            "talks-1-title": "",
        },
    )
    meeting = Meeting.objects.get(edition=world.edition, number=2)
    assert response.url == meeting.get_absolute_url()
    assert [t.speaker for t in meeting.talks.all()] == ["Radboud Engbersen"]
    page = client.get(response.url).text
    assert "Radboud Engbersen" in page and "Movisie" in page


def test_meeting_number_taken_is_explained_and_input_kept(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:meeting_create", args=[world.edition.slug]),
        {
            "number": 1,
            "date": "2026-10-01",
            "theme": "Mijn thema blijft",
            "talks-TOTAL_FORMS": 0,
            "talks-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["number"]
    assert "Mijn thema blijft" in response.text


def test_a_municipality_joins_an_edition_once(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("workshops:trio_create", args=[world.edition.slug]),
        {"municipality": world.trio.municipality.pk, "local_name": "kerngericht"},
    )
    assert response.status_code == 200
    assert "Altena" in str(response.context["form"].errors["municipality"])


def test_organiser_adds_a_trio_and_is_sent_to_invite(client, world):
    client.force_login(world.organiser)
    venlo = Municipality.objects.get(code="GM0983")
    response = client.post(
        reverse("workshops:trio_create", args=[world.edition.slug]),
        {"municipality": venlo.pk, "local_name": ""},
    )
    trio = world.edition.trios.get(municipality=venlo)
    assert response.url == reverse("workshops:trio_invite", args=[trio.pk])


def test_member_changes_sharing_but_not_municipality(client, world):
    client.force_login(world.member)
    venlo = Municipality.objects.get(code="GM0983")
    client.post(
        reverse("workshops:trio_edit", args=[world.trio.pk]),
        {"municipality": venlo.pk, "local_name": "kerngericht werken", "shares_panel": "on"},
    )
    world.trio.refresh_from_db()
    assert world.trio.shares_panel and world.trio.local_name == "kerngericht werken"
    assert world.trio.municipality.code == "GM1959"


def test_organiser_removes_a_member(client, world):
    client.force_login(world.organiser)
    client.post(reverse("workshops:trio_member_remove", args=[world.trio.pk, world.membership.pk]))
    assert not world.trio.has_member(world.member)
    client.force_login(world.member)
    assert client.get(world.trio.get_absolute_url()).status_code == 404


def test_member_sees_edition_and_meeting_but_not_other_trios_pages(client, world):
    client.force_login(world.member)
    page = client.get(world.edition.get_absolute_url()).text
    assert world.other_trio.municipality.name in page
    assert world.other_trio.get_absolute_url() not in page
    assert client.get(world.meeting.get_absolute_url()).status_code == 200


def test_a_new_edition_keeps_the_comparison_closed_until_the_organiser_opens_it(client, world):
    client.force_login(world.organiser)
    client.cookies["django_language"] = "en"
    client.post(
        reverse("workshops:edition_create"),
        {
            "name": "Werkplaats 2028",
            "slug": "werkplaats-2028",
            "year": 2028,
            "status": "registration_open",
        },
    )
    edition = Edition.objects.get(slug="werkplaats-2028")
    assert not edition.comparison_open

    response = client.post(
        reverse("workshops:edition_comparison", args=[edition.slug]), {"open": "1"}
    )
    assert response.url == reverse("panel:compare", args=[edition.slug])
    edition.refresh_from_db()
    assert edition.comparison_open
    assert "Trios now see the panels shared" in client.get(response.url).text

    client.post(reverse("workshops:edition_comparison", args=[edition.slug]), {"open": "0"})
    edition.refresh_from_db()
    assert not edition.comparison_open
