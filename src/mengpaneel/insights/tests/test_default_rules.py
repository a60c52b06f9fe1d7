"""The default rules of the data migration: the source's two, and more, all valid."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from mengpaneel.insights.models import CoherenceRule, validate_condition
from mengpaneel.panel.models import PanelModel

pytestmark = pytest.mark.django_db


def _migration():
    return import_module("mengpaneel.insights.migrations.0002_default_coherence_rules")


def _conditions(rule: CoherenceRule) -> set[tuple[str, str, int]]:
    return {(c.category_key, c.operator, c.threshold) for c in rule.conditions.all()}


def test_the_default_model_has_the_source_rules_with_their_stable_keys():
    rules = {r.key: r for r in PanelModel.objects.default().coherence_rules.all()}
    assert _conditions(rules["positioning_vs_residents"]) == {
        ("positioning", ">=", 1),
        ("residents", "<=", -1),
    }
    # governance ≥ +2, not +1: with +1 Schiedam (+1, "no area aldermen") would fire too,
    # which the source does not say (see docs/coherence-rules.md).
    assert _conditions(rules["governance_vs_internal_process"]) == {
        ("governance", ">=", 2),
        ("internal_process", "<=", -1),
    }


def test_the_default_set_has_at_least_eight_complete_valid_rules():
    model = PanelModel.objects.default()
    rules = list(model.coherence_rules.prefetch_related("conditions"))
    assert len(rules) >= 8
    for rule in rules:
        for name in ("title", "explanation", "questions"):
            assert getattr(rule, f"{name}_nl").strip(), (rule.key, name)
            assert getattr(rule, f"{name}_en").strip(), (rule.key, name)
        assert len(rule.questions) >= 2, rule.key
        assert rule.is_active
        assert rule.conditions.exists(), rule.key
        for condition in rule.conditions.all():
            validate_condition(model, condition.category_key, condition.threshold)
    assert any(len(r.conditions.all()) >= 3 for r in rules), "one rule spans three faders"
    assert len({r.key for r in rules}) == len(rules)


def test_each_rule_points_to_a_tension_not_to_a_good_pole():
    # A rule with all its conditions on one side would say "low everywhere is wrong".
    for rule in CoherenceRule.objects.prefetch_related("conditions"):
        operators = {c.operator for c in rule.conditions.all()}
        assert operators == {">=", "<="}, rule.key


def test_the_data_migration_runs_twice_without_duplicates_and_unloads():
    count = CoherenceRule.objects.count()
    _migration().load(django_apps, None)
    assert CoherenceRule.objects.count() == count
    _migration().unload(django_apps, None)
    assert not CoherenceRule.objects.exists()
    _migration().load(django_apps, None)
    assert CoherenceRule.objects.count() == count


def test_the_data_migration_skips_a_rule_whose_fader_a_version_removed():
    model = PanelModel.objects.default()
    CoherenceRule.objects.all().delete()
    # An unused version may still be edited in place.
    model.categories.filter(key="communication").delete()
    _migration().load(django_apps, None)
    keys = set(CoherenceRule.objects.values_list("key", flat=True))
    assert "residents_vs_communication" not in keys
    assert "positioning_vs_residents" in keys
