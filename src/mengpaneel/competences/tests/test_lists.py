"""The default list (a data migration), each edition's own copy, and the organiser's edits."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mengpaneel.competences import lists
from mengpaneel.competences.models import Competence
from mengpaneel.testing.factories import EditionFactory

pytestmark = pytest.mark.django_db

DEFAULT_NAMES = [
    "Netwerk in de wijk",
    "Procesregie over domeinen heen",
    "Fysiek en sociaal verbinden",
    "Bestuurlijke sensitiviteit",
    "Improviseren met wat er is",
    "Van buiten naar binnen werken",
]


def test_the_default_list_ships_in_both_languages_with_its_faders():
    defaults = list(Competence.objects.defaults())
    assert [c.name_nl for c in defaults] == DEFAULT_NAMES
    assert all(c.name_en and c.description_nl and c.description_en for c in defaults)
    keys = {"positioning", "residents", "internal_process", "governance", "communication"}
    assert all(c.fader_keys and set(c.fader_keys) <= keys for c in defaults)


def test_a_new_edition_gets_its_own_copy():
    edition = EditionFactory()
    own = lists.list_of(edition)
    assert [c.name_nl for c in own] == DEFAULT_NAMES
    assert all(c.edition_id == edition.pk for c in own)
    own[0].name_nl = "Anders"
    own[0].save()
    assert Competence.objects.defaults().first().name_nl == "Netwerk in de wijk"


def test_copying_again_keeps_what_the_edition_has():
    edition = EditionFactory()
    lists.remove(lists.list_of(edition)[0])
    lists.copy_defaults(edition)
    assert len(lists.list_of(edition)) == len(DEFAULT_NAMES) - 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_existing_editions_the_list():
    executor = MigrationExecutor(connection)
    executor.migrate([("competences", "0001_competences")])
    old_apps = executor.loader.project_state([("competences", "0001_competences")]).apps
    Edition = old_apps.get_model("workshops", "Edition")
    Edition.objects.create(name="Oud", slug="oud", year=2019)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert [c.name_nl for c in Competence.objects.filter(edition__slug="oud")] == DEFAULT_NAMES
