"""Hostile input in the panel forms: never a 500, text kept exactly, escaped on every page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.panel import placing
from mengpaneel.panel.models import AgreedPosition, Dissent, IndividualPlacement

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
EMOJI = "Wijkbudget 🏘️👩🏽‍🌾 werkt 👍"
RTL = "مرحبا بالعالم \u202egnirts desrever\u202c en Nederlands"
LONG = "Lang verhaal. " * 280  # 3920 characters: fits the 4000-character limit
HOSTILE = [SCRIPT, EMOJI, RTL, LONG]


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _agree_url(world, key):
    return reverse("panel:agree", args=[world.trio.pk, key])


@pytest.mark.parametrize("text", HOSTILE, ids=["script", "emoji", "rtl", "long"])
def test_rationale_is_kept_exactly_and_escaped(client, world, panel, text):
    placing.reveal(panel.assessment, by=world.member)
    world.trio.shares_panel = True
    world.trio.save()
    client.force_login(world.member)
    response = client.post(
        _agree_url(world, "residents"),
        {"residents-position": "2", "residents-rationale": text, "residents-version": "0"},
    )
    assert response.status_code == 302
    saved = AgreedPosition.objects.get(category__key="residents").rationale
    assert saved == text.strip()
    for url in (
        reverse("panel:trio_panel", args=[world.trio.pk]),
        reverse("panel:compare", args=[world.edition.slug]),
        reverse("panel:compare", args=[world.edition.slug]) + "?weergave=over-elkaar",
    ):
        page = client.get(url).text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
    client.force_login(world.organiser)
    exported = client.get(reverse("reports:export_json", args=[world.edition.slug]))
    rows = json.loads(exported.content)
    assert next(r for r in rows if r["category_key"] == "residents")["rationale"] == saved


def test_script_in_rationale_shows_as_text(client, world, panel):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(world.member)
    client.post(
        _agree_url(world, "residents"),
        {"residents-position": "1", "residents-rationale": SCRIPT, "residents-version": "0"},
    )
    page = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_too_long_rationale_is_refused_and_kept_in_the_form(client, world, panel):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(world.member)
    text = "x" * 10_000
    response = client.post(
        _agree_url(world, "residents"),
        {"residents-position": "1", "residents-rationale": text, "residents-version": "0"},
    )
    assert response.status_code == 200
    assert "Not saved yet" in response.text
    assert text in response.text
    assert AgreedPosition.objects.get(category__key="residents").rationale == ""


def test_nul_character_is_refused_without_an_error_page(client, world, panel):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(world.member)
    response = client.post(
        _agree_url(world, "residents"),
        {"residents-position": "1", "residents-rationale": "a\x00b", "residents-version": "0"},
    )
    assert response.status_code == 200
    assert "Not saved yet" in response.text


@pytest.mark.parametrize(
    "position, version",
    [
        ("abc", "0"),
        ("1e9", "0"),
        ("99999999999999999999", "0"),
        ("2", "abc"),
        ("2", "-1"),
        ("", ""),
    ],
)
def test_nonsense_numbers_are_explained(client, world, panel, position, version):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(world.member)
    response = client.post(
        _agree_url(world, "residents"),
        {"residents-position": position, "residents-rationale": "r", "residents-version": version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Not saved yet" in response.text
    assert AgreedPosition.objects.get(category__key="residents").version == 0


@pytest.mark.parametrize("text", HOSTILE, ids=["script", "emoji", "rtl", "long-ish"])
def test_notes_and_dissent_keep_hostile_text(client, world, panel, text):
    text = text[:2000]
    client.force_login(world.member)
    response = client.post(
        reverse("panel:place", args=[world.trio.pk, "positioning"]),
        {"positioning-position": "-1", "positioning-note": text, "positioning-version": "0"},
    )
    assert response.status_code == 302
    assert IndividualPlacement.objects.get().note == text.strip()
    placing.reveal(panel.assessment, by=world.member)
    response = client.post(
        reverse("panel:dissent", args=[world.trio.pk, "positioning"]),
        {"positioning-dissent-note": text},
    )
    assert response.status_code == 302
    assert Dissent.objects.get().note == text.strip()
    page = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).text
    assert "<script>alert" not in page
