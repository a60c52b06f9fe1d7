"""Panel fixtures on top of the shared personas: a trio of three, and panel models."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mengpaneel.panel import placing
from mengpaneel.panel.models import Assessment, Category, PanelModel
from mengpaneel.testing.factories import TrioMemberFactory
from mengpaneel.workshops.constants import Domain


def make_panel_model(categories: int, key: str = "proef", **values) -> PanelModel:
    """A current panel model with ``categories`` faders named c1, c2, …"""
    panel_model = PanelModel.objects.create(key=key, name_nl=f"Proefmodel {key}", **values)
    for number in range(1, categories + 1):
        Category.objects.create(
            panel_model=panel_model,
            order=number,
            key=f"c{number}",
            name_nl=f"Schuif {number}",
            name_en=f"Fader {number}",
            question_nl=f"Vraag {number}?",
            top_nl=f"boven {number}",
            top_en=f"top {number}",
            bottom_nl=f"onder {number}",
            bottom_en=f"bottom {number}",
        )
    return panel_model


@dataclass
class Panel:
    """World's trio (Altena) with three members and a fresh assessment on the default model."""

    assessment: Assessment
    members: list  # world.member first
    categories: list

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)


@pytest.fixture
def panel(world) -> Panel:
    TrioMemberFactory(trio=world.trio, domain=Domain.PHYSICAL)
    TrioMemberFactory(trio=world.trio, domain=Domain.SOCIAL)
    members = [m.user for m in world.trio.members.order_by("pk")]
    assessment = placing.current_assessment(world.trio)
    return Panel(assessment, members, list(assessment.panel_model.categories.all()))
