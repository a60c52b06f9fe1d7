"""Project-wide test additions on top of the root personas."""

from __future__ import annotations

import pytest

from mengpaneel.panel.tests.conftest import panel  # noqa: F401 (a trio of three, with a panel)


@pytest.fixture
def world(world):
    """The root personas, with a live round running for their meeting and one guest in it.

    The permission matrix and the page guards reach the live round's addresses
    through ``world.live_round`` and ``world.live_guest``.
    """
    from mengpaneel.live import participation, phases

    world.live_round = phases.start(world.meeting, by=world.organiser)
    world.live_guest = participation.join_as_guest(world.live_round, world.trio, "Gast Gerda")
    _org_chart(world)
    _competences(world)
    return world


def _competences(world) -> None:
    """The edition's first competence, and a colleague world's trio will involve for it."""
    from mengpaneel.competences.models import Competence, Involvement

    world.competence = Competence.objects.of_edition(world.edition).first()
    world.involvement = Involvement.objects.create(
        trio=world.trio, competence=world.competence, role="wijkregisseur"
    )


def _org_chart(world) -> None:
    """The trio's org chart with an official chart uploaded, so its addresses answer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mengpaneel.orgchart import charts
    from mengpaneel.testing.orgcharts import SMALL

    charts.save_chart(
        world.trio,
        outline_text=SMALL,
        area_unit_key="",
        executive_key="",
        not_named=False,
        felt_alderman="",
        felt_director="",
        felt_note="",
        by=world.member,
    )
    png = SimpleUploadedFile("organogram.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    charts.attach_official(world.trio, png, by=world.member)
