"""A trio turns a firing coherence rule into an item of its case's agenda, once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mengpaneel.agenda.models import AgendaLink
from mengpaneel.agenda.rules import put_on_agenda
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.insights.tests.conftest import agreed_panel

pytestmark = pytest.mark.django_db


def _rule(key: str) -> CoherenceRule:
    return CoherenceRule.objects.get(panel_model__key="wijkgericht-werken", key=key)


def test_a_firing_rule_goes_on_the_agenda_once(world):
    assessment = agreed_panel(world.trio, {"positioning": 2, "residents": -1})
    rule = _rule("positioning_vs_residents")
    link, created = put_on_agenda(world.trio, rule, assessment, by=world.member)
    assert created
    assert (link.title, link.rule_key, link.created_by) == (rule.title_nl, rule.key, world.member)
    again, created = put_on_agenda(world.trio, rule, assessment, by=world.member)
    assert (again, created) == (link, False)
    assert AgendaLink.objects.count() == 1


def test_a_rule_that_does_not_fire_is_refused(world):
    assessment = agreed_panel(world.trio, {"positioning": 2, "residents": None})
    with pytest.raises(ValidationError):
        put_on_agenda(world.trio, _rule("positioning_vs_residents"), assessment, by=world.member)
    assert not AgendaLink.objects.exists()


def test_another_trios_panel_is_refused(world):
    assessment = agreed_panel(world.other_trio, {"positioning": 2, "residents": -1})
    with pytest.raises(ValidationError):
        put_on_agenda(world.trio, _rule("positioning_vs_residents"), assessment, by=world.member)


def test_the_item_survives_the_rule(world):
    assessment = agreed_panel(world.trio, {"positioning": 2, "residents": -1})
    rule = _rule("positioning_vs_residents")
    link, _created = put_on_agenda(world.trio, rule, assessment, by=world.member)
    rule.delete()
    link.refresh_from_db()
    assert link.rule is None and link.title and link.rule_key == "positioning_vs_residents"
