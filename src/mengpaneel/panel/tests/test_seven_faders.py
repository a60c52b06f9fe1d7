"""A panel model with 7 categories goes through the whole flow: nothing assumes five."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.panel import placing, presenting
from mengpaneel.panel.models import AgreedPosition
from mengpaneel.panel.tests.conftest import make_panel_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_seven_faders_from_placing_to_export(client, world, panel):
    model = make_panel_model(7, key="zeven", scale_min=-2, scale_max=2)
    assessment = placing.start_assessment(world.trio, panel_model=model)  # now the latest
    keys = [c.key for c in model.categories.all()]
    assert keys == [f"c{n}" for n in range(1, 8)]
    trio_url = reverse("panel:trio_panel", args=[world.trio.pk])

    client.force_login(world.member)
    page = client.get(trio_url).text
    assert page.count('type="range"') == 7
    assert 'min="-2" max="2" step="1"' in page

    # Every member places every fader alone, over HTTP, the way a browser without JS does.
    for offset, member in enumerate(panel.members):
        client.force_login(member)
        for index, key in enumerate(keys):
            position = (index + offset) % 5 - 2
            response = client.post(
                reverse("panel:place", args=[world.trio.pk, key]),
                {
                    f"{key}-position": str(position),
                    f"{key}-note": f"notitie {key}",
                    f"{key}-version": "0",
                },
            )
            assert response.status_code == 302, response.content[:500]
    assert "3 of 3 members have placed every fader" in client.get(trio_url).text
    assert client.post(reverse("panel:reveal", args=[world.trio.pk])).status_code == 302
    assessment.refresh_from_db()
    page = presenting.build_panel_page(
        world.trio, assessment, world.member, is_member=True, can_agree=True
    )
    assert len(page.far_apart) == 7  # spread -2…+2 on each fader

    for index, key in enumerate(keys):
        response = client.post(
            reverse("panel:agree", args=[world.trio.pk, key]),
            {
                f"{key}-position": str(index % 5 - 2),
                f"{key}-rationale": f"Samen besloten over {key}",
                f"{key}-version": "0",
            },
        )
        assert response.status_code == 302
    agreed = AgreedPosition.objects.filter(assessment=assessment).order_by("category__order")
    assert [a.position for a in agreed] == [-2, -1, 0, 1, 2, -2, -1]

    page = client.get(trio_url).text
    assert page.count('data-key="c') >= 7  # the drawing has seven faders
    assert "Samen besloten over c7" in page

    world.trio.shares_panel = True
    world.trio.save()
    client.force_login(world.other_trio_member)
    compare = client.get(reverse("panel:compare", args=[world.edition.slug])).text
    assert "Samen besloten over c7" in compare

    client.force_login(world.organiser)
    exported = client.get(reverse("reports:export_csv", args=[world.edition.slug]))
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    # The export holds every moment (issue 4); this is the seven-fader one.
    mine = [r for r in rows if r["assessment_id"] == str(assessment.pk)]
    assert [r["category_key"] for r in mine] == keys
    assert {r["model_key"] for r in mine} == {"zeven"}
