"""Text that turns the app's own text around (issue 11, finding 9).

A right-to-left override (U+202E) in a name reverses everything after it on the line:
"Remove ‮Daan" read backwards, the comparison's lead turned around. Names refuse these
controls with a message that says what to do, keeping what was typed; wherever people's
text already holds one (notes, rationales, names from before), it is isolated where it lands:
``<bdi>`` in HTML, U+2068 … U+2069 in text alternatives and SVG titles.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.live import phases
from mengpaneel.panel import placing, presenting
from mengpaneel.panel.drawing import render_svg, text_alternative
from mengpaneel.text import refuse_direction_controls
from mengpaneel.workshops.models import Trio

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"
FSI, PDI = "\u2068", "\u2069"
REFUSED = "invisible characters that change the direction of text"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "name", [f"{RLO}naaD", "Daan\u200f", "\u2066Daan\u2069", "\u202aDaan\u202c", "\u061cDaan"]
)
def test_every_direction_control_is_refused_in_a_name(name):
    with pytest.raises(Exception, match="direction of text"):
        refuse_direction_controls(name)


def test_a_plain_right_to_left_name_is_welcome():
    refuse_direction_controls("שירה")
    refuse_direction_controls("Súdwest-Fryslân")


def test_a_guest_name_with_an_override_is_refused_and_kept(client, world):
    live_round = phases.start(world.meeting, by=world.organiser)
    client.post(reverse("live:join"), {"code": live_round.code})
    response = client.post(reverse("live:join_trio"), {"trio": world.trio.pk, "name": f"{RLO}naaD"})
    assert response.status_code == 200
    body = response.content.decode()
    assert REFUSED in body and f"{RLO}naaD" in body
    assert not live_round.guests.filter(name__contains=RLO).exists()


def test_a_trio_local_name_with_an_override_is_refused_and_kept(client, world):
    client.force_login(world.member)
    response = client.post(
        reverse("workshops:trio_edit", args=[world.trio.pk]),
        {"local_name": f"Wijk {RLO}dranneb", "shares_panel": "on"},
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Trio.objects.get(pk=world.trio.pk).local_name != f"Wijk {RLO}dranneb"


def test_a_fader_name_with_an_override_is_refused_on_the_model_page(client, world):
    client.force_login(world.organiser)
    fader = {
        "name_en": "",
        "key": "",
        "question_nl": "Hoe?",
        "top_nl": "boven",
        "bottom_nl": "onder",
    }
    data = {
        "name_nl": "Sociale basis",
        "name_en": "",
        "scale_min": "-3",
        "scale_max": "3",
        "categories-TOTAL_FORMS": "2",
        "categories-INITIAL_FORMS": "0",
        "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "12",
    }
    for index, name in enumerate([f"{RLO}sregnoJ", "Ouderen"]):
        for field, value in {**fader, "name_nl": name}.items():
            data[f"categories-{index}-{field}"] = value
    response = client.post(reverse("panel:model_create"), data)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()


def test_a_guest_name_from_before_stays_inside_its_remove_button(client, world):
    """The guest joined before names were checked: the organiser's button still reads right."""
    from mengpaneel.live.models import Guest

    live_round = phases.start(world.meeting, by=world.organiser)
    Guest.objects.create(live_round=live_round, trio=world.trio, name=f"{RLO}naaD")
    client.force_login(world.organiser)
    response = client.get(
        reverse("live:control_people", args=[live_round.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert f"Remove <bdi>{RLO}naaD</bdi>" in body
    assert f"<li><bdi>{RLO}naaD</bdi>" in body


def test_the_comparison_lead_isolates_the_edition_name(client, world):
    world.edition.name = f"{RLO}A stroW"
    world.edition.save()
    client.force_login(world.organiser)
    body = client.get(reverse("panel:compare", args=[world.edition.slug])).content.decode()
    assert f"The agreed panels of <bdi>{RLO}A stroW</bdi>." in body
    assert f"<title>Compare panels · {FSI}{RLO}A stroW{PDI} · Mengpaneel</title>" in body


def test_a_member_name_from_before_stays_inside_the_remove_button(client, world):
    world.member.name = f"{RLO}anroL"
    world.member.save()
    client.force_login(world.organiser)
    body = client.get(reverse("workshops:trio_detail", args=[world.trio.pk])).content.decode()
    assert f"Remove <bdi>{RLO}anroL</bdi> from the trio" in body


def test_notes_and_names_on_the_panel_page_are_isolated(client, world, panel):
    a, b, _c = panel.members
    a.name = f"{RLO}annA"
    a.save()
    placing.place(panel.assessment, a, panel.categories[0], 1, f"{RLO}ton", expected_version=0)
    placing.reveal(panel.assessment, by=b)
    client.force_login(b)
    body = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    assert f"<bdi>{RLO}annA</bdi>: +1, towards" in body
    assert f"<q><bdi>{RLO}ton</bdi></q>" in body


def test_the_drawings_words_isolate_names_and_poles(world, panel):
    from mengpaneel.panel.models import Category

    name = f"Fader {RLO}eman"
    Category.objects.filter(pk=panel.categories[0].pk).update(name_nl=name, name_en=name)
    page = presenting.build_panel_page(
        world.trio, panel.assessment, panel.members[0], is_member=True, can_agree=False
    )
    picture = page.drawing()
    words = text_alternative(picture)
    assert f"{FSI}Fader {RLO}eman{PDI}: not placed yet." in words
    assert f"{FSI}Altena{PDI}" in words
    svg = render_svg(picture, id_prefix="p")
    assert f"Mixing panel: {FSI}Altena{PDI}</title>" in svg
