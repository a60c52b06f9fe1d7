"""Every form, fed hostile text: never a 500, never unescaped markup, nothing typed is lost."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from mengpaneel.agenda.models import Case

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    "x" * 5000,
    "Wijk 🏘️ met 👩‍👩‍👧 en ✨",
    "שכונה עם דיירים — حي السكان",
    "'; DROP TABLE workshops_trio; --",
    "\u202eeerht\u202c null \x00 byte",
    "{{ request }} {% csrf_token %}",
]


def _assert_safe(response, text: str) -> None:
    assert response.status_code in (200, 302), response.status_code
    body = response.content.decode()
    assert "<script>alert" not in body
    if response.status_code == 200 and "\x00" not in text and len(text) < 300:
        # The form was not saved: what the person typed is shown back to them.
        assert html.escape(text, quote=True)[:40] in body or html.escape(text)[:40] in body


def _forms(world):
    """(persona, url, data builder) for every form in the product."""
    edition, trio, meeting = world.edition, world.trio, world.meeting
    talks = {"talks-TOTAL_FORMS": 1, "talks-INITIAL_FORMS": 0}
    return [
        ("anonymous", reverse("accounts:login"), lambda t: {"username": t, "password": t}),
        ("anonymous", reverse("accounts:password_reset"), lambda t: {"email": t}),
        (
            "organiser",
            reverse("workshops:edition_create"),
            lambda t: {
                "name": t,
                "slug": t,
                "year": t,
                "status": t,
                "description": t,
            },
        ),
        (
            "organiser",
            reverse("workshops:edition_edit", args=[edition.slug]),
            lambda t: {
                "name": t,
                "slug": "werkplaats-a",
                "year": 2026,
                "status": "running",
                "description": t,
            },
        ),
        (
            "organiser",
            reverse("panel:edition_model", args=[edition.slug]),
            lambda t: {"panel_model_key": t},
        ),
        (
            "organiser",
            reverse("workshops:meeting_create", args=[edition.slug]),
            lambda t: {
                "number": 2,
                "date": t,
                "place": t,
                "theme": t,
                "assignment": t,
                "homework": t,
                "talks-0-speaker": t,
                "talks-0-title": t,
                **talks,
            },
        ),
        (
            "organiser",
            reverse("workshops:meeting_edit", args=[edition.slug, meeting.pk]),
            lambda t: {
                "number": t,
                "date": "2026-05-01",
                "place": t,
                "theme": t,
                "talks-0-speaker": t,
                "talks-0-title": t,
                **talks,
            },
        ),
        (
            "organiser",
            reverse("workshops:trio_create", args=[edition.slug]),
            lambda t: {"municipality": t, "local_name": t},
        ),
        (
            "member",
            reverse("workshops:trio_edit", args=[trio.pk]),
            lambda t: {"local_name": t, "shares_panel": t},
        ),
        (
            "member",
            reverse("agenda:case_edit", args=[trio.pk]),
            lambda t: {"title": t, "question": t, "area": t},
        ),
        (
            "member",
            reverse("orgchart:edit", args=[trio.pk]),
            lambda t: {
                "outline": t,
                "area_unit": t,
                "executive": t,
                "not_named": t,
                "felt_alderman": t,
                "felt_director": t,
                "felt_note": t,
            },
        ),
        (
            "organiser",
            reverse("competences:create", args=[edition.slug]),
            lambda t: {
                "name_nl": t,
                "name_en": t,
                "description_nl": t,
                "description_en": t,
                "fader_keys": t,
                "order": t,
            },
        ),
        (
            "member",
            reverse("competences:involve", args=[trio.pk, world.competence.pk]),
            lambda t: {f"gap{world.competence.pk}-role": t},
        ),
        (
            "member",
            reverse("workshops:trio_invite", args=[trio.pk]),
            lambda t: {"email": t, "domain": t},
        ),
        (
            "organiser",
            reverse("panel:model_create"),
            lambda t: {
                "name_nl": t,
                "scale_min": t,
                "scale_max": "3",
                "categories-TOTAL_FORMS": t,
                "categories-INITIAL_FORMS": "0",
                "categories-0-name_nl": t,
                "categories-0-key": t,
                "categories-0-question_nl": t,
            },
        ),
        (
            "organiser",
            reverse("panel:model_create"),
            lambda t: {
                "name_nl": t,
                "scale_min": "-3",
                "scale_max": "3",
                "categories-TOTAL_FORMS": "2",
                "categories-INITIAL_FORMS": "0",
                **{
                    f"categories-{i}-{field}": t
                    for i in (0, 1)
                    for field in ("name_nl", "question_nl", "top_nl", "bottom_nl")
                },
            },
        ),
    ]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_forms_survive_hostile_text(client, world, text):
    for persona, url, data in _forms(world):
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(world, persona))
        response = client.post(url, data(text))
        _assert_safe(response, text)


def test_saved_hostile_text_is_shown_escaped(client, world):
    client.force_login(world.member)
    text = "<b>vet</b> <script>alert('x')</script> 🏘️ שכונה"
    client.post(
        reverse("agenda:case_edit", args=[world.trio.pk]),
        {"title": text[:200], "question": text, "area": "wijk"},
    )
    assert Case.objects.get(trio=world.trio).question == text
    body = client.get(world.trio.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "<b>vet</b>" not in body
    assert "&lt;b&gt;vet&lt;/b&gt;" in body


def test_too_long_text_gets_a_clear_message_and_is_kept(client, world):
    client.force_login(world.member)
    long_title = "Casus " * 60
    response = client.post(
        reverse("agenda:case_edit", args=[world.trio.pk]),
        {"title": long_title, "question": "Mijn vraag blijft staan", "area": ""},
    )
    assert response.status_code == 200
    assert "Mijn vraag blijft staan" in response.content.decode()
    assert response.context["form"].errors["title"]
