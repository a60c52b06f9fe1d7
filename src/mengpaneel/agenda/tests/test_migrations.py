"""The agenda's items moved here from the insights app, rows and all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mengpaneel.testing.factories import TrioFactory, municipality

BEFORE = [("insights", "0002_default_coherence_rules"), ("agenda", "0001_initial")]
AFTER = [("insights", "0003_agendalink_moves_to_agenda"), ("agenda", "0002_agendalink")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_rules_on_a_cases_agenda_keep_their_rows_and_content_type():
    old = _migrate(BEFORE)
    # The workshops app's tables are as they are now: only the agenda's moved.
    trio = TrioFactory(municipality=municipality("GM1959"))
    old.get_model("insights", "AgendaLink").objects.create(
        trio_id=trio.pk, rule_key="positioning_vs_residents", title="Van voor de verhuizing"
    )
    content_types = old.get_model("contenttypes", "ContentType").objects
    content_types.get_or_create(app_label="insights", model="agendalink")

    new = _migrate(AFTER)
    link = new.get_model("agenda", "AgendaLink").objects.get()
    assert (link.trio_id, link.title) == (trio.pk, "Van voor de verhuizing")
    moved = new.get_model("contenttypes", "ContentType").objects
    assert moved.filter(app_label="agenda", model="agendalink").exists()
    assert not moved.filter(app_label="insights", model="agendalink").exists()

    back = _migrate(BEFORE)
    assert back.get_model("insights", "AgendaLink").objects.get().title == "Van voor de verhuizing"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    trio.edition.delete()
