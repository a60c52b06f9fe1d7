"""Fader keys that do not start with a letter are renamed, in the models and in the rules
that name them (migration insights 0004, issue 11 finding 10)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mengpaneel.panel.constants import DEFAULT_MODEL_KEY

BEFORE = [("insights", "0003_agendalink_moves_to_agenda"), ("panel", "0003_edition_panel_model")]
AFTER = [("insights", "0004_fader_keys_start_with_a_letter")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_keys_that_would_run_as_formulas_get_a_word_in_front_everywhere():
    old = _migrate(BEFORE)
    model = old.get_model("panel", "PanelModel").objects.get(key=DEFAULT_MODEL_KEY, is_current=True)
    categories = old.get_model("panel", "Category").objects
    categories.filter(panel_model=model, key="residents").update(key="-A1")
    categories.filter(panel_model=model, key="governance").update(key="2e-lijn")
    rules = old.get_model("insights", "CoherenceRule").objects.filter(panel_model=model)
    conditions = old.get_model("insights", "RuleCondition").objects.filter(rule__in=rules)
    conditions.filter(category_key="residents").update(category_key="-A1")
    conditions.filter(category_key="governance").update(category_key="2e-lijn")
    assert conditions.filter(category_key="-A1").exists()

    new = _migrate(AFTER)
    keys = set(
        new.get_model("panel", "Category")
        .objects.filter(panel_model_id=model.pk)
        .values_list("key", flat=True)
    )
    assert {"fader-A1", "fader-2e-lijn"} <= keys
    assert all(key[0].isalpha() for key in keys)
    named = set(
        new.get_model("insights", "RuleCondition")
        .objects.filter(rule__panel_model_id=model.pk)
        .values_list("category_key", flat=True)
    )
    assert named <= keys and {"fader-A1", "fader-2e-lijn"} <= named

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
