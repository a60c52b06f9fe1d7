"""Org-chart fixtures: messages in English (the msgids), and charts made quickly."""

from __future__ import annotations

import pytest
from django.utils import translation

from mengpaneel.orgchart import charts, outline
from mengpaneel.orgchart.models import OrgChart


@pytest.fixture(autouse=True)
def _english(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def unit_key(text: str, name: str) -> str:
    return next(unit.key for unit in outline.parse(text).units if unit.name == name)


def make_chart(trio, text: str, *, area: str = "", by, **fields) -> OrgChart:
    """A saved chart of ``trio``; ``area`` names the marked unit."""
    defaults = {
        "executive_key": "",
        "not_named": False,
        "felt_alderman": "",
        "felt_director": "",
        "felt_note": "",
    }
    return charts.save_chart(
        trio,
        outline_text=text,
        area_unit_key=unit_key(text, area) if area else "",
        by=by,
        **{**defaults, **fields},
    )


@pytest.fixture
def world_chart(world) -> OrgChart:
    """World's trio (Altena) with the small chart, unmarked, and an official PNG."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mengpaneel.testing.orgcharts import SMALL

    make_chart(world.trio, SMALL, by=world.member)
    png = SimpleUploadedFile("organogram.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    return charts.attach_official(world.trio, png, by=world.member)
