"""The demo's panels are exactly those of docs/design.md ("Demo"); loading again changes nothing."""

from __future__ import annotations

import pytest

from mengpaneel.core import demo
from mengpaneel.panel import placing
from mengpaneel.panel.models import AgreedPosition, PositionChange
from mengpaneel.workshops.models import Trio

pytestmark = pytest.mark.django_db

KEYS = ["positioning", "residents", "internal_process", "governance", "communication"]
# docs/design.md ("Demo"), written out again on purpose: the test must not read the demo's
# own table.
EXPECTED = {
    "GM1959": [2, -1, -3, 3, -1],
    "GM0606": [None, 3, -3, 1, -1],
    "GM0983": [-1, None, -3, 2, -1],
}


@pytest.fixture(autouse=True)
def _demo_password(settings, tmp_path):
    settings.DEMO_PASSWORD = ""
    settings.DATA_DIR = tmp_path


def test_demo_trios_have_revealed_agreed_panels_as_in_the_design():
    demo.load_demo()
    for code, positions in EXPECTED.items():
        trio = Trio.objects.get(edition__slug=demo.EDITION_SLUG, municipality__code=code)
        assessment = placing.current_assessment(trio)
        assert assessment.is_revealed
        assert assessment.meeting.number == 1
        agreed = {
            a.category.key: a
            for a in AgreedPosition.objects.filter(assessment=assessment).select_related("category")
        }
        assert [agreed[key].position for key in KEYS] == positions, code
        for key, position in zip(KEYS, positions, strict=True):
            if position not in (None, 0):
                assert agreed[key].rationale, (code, key)


def test_loading_the_demo_twice_changes_no_panel():
    demo.load_demo()
    before = (AgreedPosition.objects.count(), PositionChange.objects.count())
    assert demo.load_demo() == 0
    assert (AgreedPosition.objects.count(), PositionChange.objects.count()) == before


def test_the_demo_restores_a_changed_panel():
    demo.load_demo()
    agreed = AgreedPosition.objects.get(
        assessment__trio__municipality__code="GM1959", category__key="governance"
    )
    agreed.position = -2
    agreed.save()
    assert demo.load_demo() == 1
    agreed.refresh_from_db()
    assert agreed.position == 3
