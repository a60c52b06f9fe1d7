"""Competence fixtures: messages in English (the msgids), and ratings made quickly."""

from __future__ import annotations

import pytest
from django.utils import translation

from mengpaneel.competences import rating
from mengpaneel.competences.models import Competence
from mengpaneel.testing.factories import TrioMemberFactory


@pytest.fixture(autouse=True)
def _english(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def rate_all(member, levels: list[str]) -> None:
    """``member`` rates the edition's competences in list order."""
    competences = Competence.objects.of_edition(member.trio.edition)
    rating.rate(member, {c.pk: level for c, level in zip(competences, levels, strict=False)})


@pytest.fixture
def trio_of_three(world):
    """World's trio with three members (world.member first)."""
    return [
        world.membership,
        TrioMemberFactory(trio=world.trio),
        TrioMemberFactory(trio=world.trio),
    ]
