"""Insights fixtures on top of the shared personas: the demo, and agreed panels made quickly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from mengpaneel.core import demo
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel import placing
from mengpaneel.panel.models import AgreedPosition, Assessment
from mengpaneel.workshops.models import Edition, Trio


def agreed_panel(
    trio: Trio,
    positions: dict[str, int | None],
    *,
    meeting=None,
    panel_model=None,
    rationale: str = "Omdat het zo is.",
    at=None,
) -> Assessment:
    """A revealed assessment of ``trio`` with these agreed positions (others unplaced).

    Written directly: these tests are about what is done with a panel, not how
    it was agreed (that is the panel app's tests).
    """
    assessment = placing.start_assessment(trio, meeting=meeting, panel_model=panel_model)
    moment = at or timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=moment, revealed_at=moment + timedelta(minutes=5)
    )
    for agreed in AgreedPosition.objects.filter(assessment=assessment).select_related("category"):
        if agreed.category.key in positions:
            position = positions[agreed.category.key]
            agreed.position = position
            agreed.rationale = "" if position is None else f"{rationale} ({agreed.category.key})"
            agreed.save()
    assessment.refresh_from_db()
    return assessment


@pytest.fixture(autouse=True)
def _english(settings, client):
    """Messages are compared in English (the msgids), whatever the catalogues say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def demo_edition(settings, tmp_path) -> Edition:
    settings.DEMO_PASSWORD = ""
    settings.DATA_DIR = tmp_path
    demo.load_demo()
    return Edition.objects.get(slug=demo.EDITION_SLUG)


def demo_trio(edition: Edition, code: str) -> Trio:
    return edition.trios.select_related("municipality", "edition").get(municipality__code=code)


def member_of(trio: Trio):
    return trio.members.select_related("user").first().user


def rule_title(key: str) -> str:
    """A default rule's English title as a page shows it: HTML-escaped."""
    return escape(
        CoherenceRule.objects.get(panel_model__key="wijkgericht-werken", key=key).title_en
    )
