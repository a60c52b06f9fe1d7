"""Coherence and movement where the panel app shows panels: the panel page, the
comparison, the trio page and the export (every moment, with the rules that fire)."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from mengpaneel.core import demo
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.insights.tests.conftest import agreed_panel, demo_trio, member_of, rule_title
from mengpaneel.reports import export

pytestmark = pytest.mark.django_db


def test_the_panel_page_shows_the_firing_rules_beside_the_panel(client, demo_edition):
    altena = demo_trio(demo_edition, "GM1959")
    client.force_login(member_of(altena))
    page = client.get(reverse("panel:trio_panel", args=[altena.pk])).content.decode()
    assert rule_title("positioning_vs_residents") in page
    assert rule_title("governance_vs_internal_process") in page
    assert reverse("agenda:rule_add", args=[altena.pk, 1]).rsplit("/", 3)[0] in page


def test_the_panel_shows_the_previous_moment_as_a_ghost(client, world):
    now = timezone.now()
    agreed_panel(world.trio, {"governance": -1}, meeting=world.meeting, at=now - timedelta(days=9))
    agreed_panel(world.trio, {"governance": 2}, at=now)
    client.force_login(world.member)
    page = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    assert "earlier: −1" in page or "Earlier: −1" in page


def test_the_comparison_shows_the_rules_of_each_panel(client, demo_edition):
    venlo = demo_trio(demo_edition, "GM0983")
    client.force_login(member_of(venlo))
    page = client.get(reverse("panel:compare", args=[demo_edition.slug])).content.decode()
    assert page.count(rule_title("governance_vs_internal_process")) == 2  # Altena and Venlo
    assert reverse("insights:edition_insights", args=[demo_edition.slug]) in page


def test_the_trio_page_lists_moments_and_agenda_items(client, world):
    agreed_panel(world.trio, {"positioning": 2, "residents": -2}, meeting=world.meeting)
    client.force_login(world.member)
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    client.post(reverse("agenda:rule_add", args=[world.trio.pk, rule.pk]))
    page = client.get(reverse("workshops:trio_detail", args=[world.trio.pk])).content.decode()
    assert str(world.meeting) in page
    assert escape(rule.title_en) in page


def _export(edition, fmt: str) -> str:
    out = io.StringIO()
    call_command("export_panels", "--edition", edition.slug, "--format", fmt, stdout=out)
    return out.getvalue()


def test_the_export_names_the_rules_that_fire(demo_edition):
    rows = list(csv.DictReader(io.StringIO(_export(demo_edition, "csv"))))
    rules = {row["municipality_code"]: set(row["rules"].split(";")) for row in rows}
    source = {"positioning_vs_residents", "governance_vs_internal_process"}
    assert source <= rules["GM1959"]
    assert rules["GM0983"] & source == {"governance_vs_internal_process"}
    assert not rules["GM0606"] & source
    data = json.loads(_export(demo_edition, "json"))
    assert isinstance(data[0]["rules"], list)


def test_the_export_includes_every_moment(demo_edition):
    altena = demo_trio(demo_edition, "GM1959")
    third = demo_edition.meetings.get(number=3)
    agreed_panel(
        altena,
        {"positioning": 2, "residents": 1, "internal_process": -1},
        meeting=third,
        at=demo.PANEL_REVEALED_AT + timedelta(days=90),
    )
    rows = export.export_rows(demo_edition)
    altena_rows = [r for r in rows if r["municipality_code"] == "GM1959"]
    assert len(altena_rows) == 10
    assert [r["meeting_number"] for r in altena_rows[::5]] == [1, 3]
    later = {r["category_key"]: r for r in altena_rows[5:]}
    assert later["residents"]["agreed_position"] == 1
    assert later["governance"]["agreed_position"] is None  # not placed at the later moment
    assert "positioning_vs_residents" not in later["residents"]["rules"]
    assert len(rows) == 20


def test_only_the_editions_organiser_downloads_the_export(client, world):
    agreed_panel(world.other_trio, {"positioning": 2}, rationale="Alleen voor de organisatie")
    url = reverse("reports:export_csv", args=[world.edition.slug])
    for user in (world.member, world.other_trio_member, world.other_organiser, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(world.organiser)
    response = client.get(url)
    assert response.status_code == 200
    assert "Alleen voor de organisatie" in response.content.decode()
