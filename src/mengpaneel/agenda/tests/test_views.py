"""The trio's case and the coherence rules it puts on its agenda, through HTTP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.agenda.models import AgendaLink, Case
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.insights.tests.conftest import demo_trio, member_of, rule_title

pytestmark = pytest.mark.django_db


def test_altena_sees_both_source_rules_and_puts_one_on_its_agenda(client, demo_edition):
    altena = demo_trio(demo_edition, "GM1959")
    client.force_login(member_of(altena))
    url = reverse("insights:trio_coherence", args=[altena.pk])
    page = client.get(url).content.decode()
    for key in ("positioning_vs_residents", "governance_vs_internal_process"):
        assert rule_title(key) in page
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    add = reverse("agenda:rule_add", args=[altena.pk, rule.pk])
    response = client.post(add, {"next": url})
    assert response.status_code == 302 and response.url == url
    assert client.post(add, {"next": url}).status_code == 302  # twice: still one item
    link = AgendaLink.objects.get()
    assert (link.trio, link.rule, link.created_by) == (altena, rule, member_of(altena))
    page = client.get(url).content.decode()
    assert "On your case's agenda." in page


def test_schiedam_fires_neither_source_rule_and_cannot_add_one(client, demo_edition):
    schiedam = demo_trio(demo_edition, "GM0606")
    client.force_login(member_of(schiedam))
    page = client.get(reverse("insights:trio_coherence", args=[schiedam.pk])).content.decode()
    firing_part = page.split("The other rules of this panel")[0]
    for key in ("positioning_vs_residents", "governance_vs_internal_process"):
        assert rule_title(key) not in firing_part
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    response = client.post(reverse("agenda:rule_add", args=[schiedam.pk, rule.pk]))
    assert response.status_code == 302
    assert not AgendaLink.objects.exists()


def test_an_open_redirect_is_refused(client, demo_edition):
    altena = demo_trio(demo_edition, "GM1959")
    client.force_login(member_of(altena))
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    response = client.post(
        reverse("agenda:rule_add", args=[altena.pk, rule.pk]),
        {"next": "https://elders.example.org/"},
    )
    assert response.url == altena.get_absolute_url()


@pytest.mark.parametrize(
    "target",
    ["panel", "admin:index", "insights:trio_coherence", "/trios/\r\nSet-Cookie: x=1", "\x00"],
)
def test_a_malformed_return_address_falls_back_to_the_trio_page(client, demo_edition, target):
    altena = demo_trio(demo_edition, "GM1959")
    client.force_login(member_of(altena))
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    response = client.post(reverse("agenda:rule_add", args=[altena.pk, rule.pk]), {"next": target})
    assert response.status_code == 302
    assert response.url == altena.get_absolute_url()
    assert AgendaLink.objects.filter(trio=altena, rule=rule).exists()


def test_a_member_describes_the_case_and_changes_it(client, world):
    client.force_login(world.member)
    url = reverse("agenda:case_edit", args=[world.trio.pk])
    data = {"title": "Een skatebaan", "question": "Hoe helpen we jongeren?", "area": "Centrum"}
    response = client.post(url, data)
    assert response.url == world.trio.get_absolute_url()
    page = client.get(response.url).text
    assert "Een skatebaan" in page and "Centrum" in page
    client.post(url, {**data, "title": "Een pumptrack"})
    assert Case.objects.get(trio=world.trio).title == "Een pumptrack"
    assert Case.objects.count() == 1


def test_a_case_without_a_question_is_refused_and_the_title_kept(client, world):
    client.force_login(world.member)
    url = reverse("agenda:case_edit", args=[world.trio.pk])
    response = client.post(url, {"title": "Half af", "question": "", "area": ""})
    assert response.status_code == 200
    assert "Half af" in response.text
    assert not Case.objects.exists()
