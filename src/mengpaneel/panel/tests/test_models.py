"""Panel models: the default model from the data migration, versions, language."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from mengpaneel.panel import placing, versions
from mengpaneel.panel.models import Category, ModelVersionInUse, PanelModel
from mengpaneel.panel.tests.conftest import make_panel_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are compared in English (the msgids), whatever the catalogue says.
    with translation.override("en"):
        yield


DEFAULT_KEYS = ["positioning", "residents", "internal_process", "governance", "communication"]


def _migration():
    from importlib import import_module

    return import_module("mengpaneel.panel.migrations.0002_default_panel_model")


def test_data_migration_loads_the_default_model_with_five_faders():
    model = PanelModel.objects.default()
    assert (model.version, model.scale_min, model.scale_max) == (1, -3, 3)
    categories = list(model.categories.all())
    assert [c.key for c in categories] == DEFAULT_KEYS
    for category in categories:
        for field in ("name", "question", "top", "bottom", "explanation"):
            assert getattr(category, f"{field}_nl"), (category.key, field)
            assert getattr(category, f"{field}_en"), (category.key, field)


def test_data_migration_runs_twice_without_duplicates():
    _migration().load(django_apps, None)
    assert PanelModel.objects.filter(key="wijkgericht-werken").count() == 1
    assert PanelModel.objects.default().categories.count() == 5


def test_data_migration_unloads_an_unused_default_model():
    _migration().unload(django_apps, None)
    assert not PanelModel.objects.filter(key="wijkgericht-werken").exists()


def test_translated_fields_follow_the_language_and_fall_back_to_dutch():
    model = make_panel_model(2)
    category = model.categories.first()
    with translation.override("en"):
        assert (model.name, category.name) == ("Proefmodel proef", "Fader 1")
    with translation.override("nl"):
        assert category.name == "Schuif 1"


def test_a_used_version_is_immutable_and_editing_makes_a_new_version(world):
    model = make_panel_model(3, key="eigen")
    # Unused: may still be edited in place, and new_version returns it as is.
    assert versions.new_version(model) == model
    category = model.categories.first()
    category.name_nl = "Nieuwe naam"
    category.save()

    old = placing.start_assessment(world.trio, panel_model=model)
    with pytest.raises(ModelVersionInUse):
        category.save()
    with pytest.raises(ModelVersionInUse):
        model.save()

    new = versions.new_version(model, by=world.organiser)
    model.refresh_from_db()
    assert (new.version, new.is_current, model.is_current) == (2, True, False)
    assert [c.key for c in new.categories.all()] == ["c1", "c2", "c3"]
    assert new.categories.first().name_nl == "Nieuwe naam"
    edited = new.categories.get(key="c2")
    edited.top_nl = "ander boven"
    edited.save()
    assert old.panel_model == model
    assert Category.objects.get(panel_model=model, key="c2").top_nl == "boven 2"


def test_category_count_is_checked():
    versions.check_category_count(2)
    versions.check_category_count(12)
    for count in (1, 13):
        with pytest.raises(Exception, match="from 2 to 12"):
            versions.check_category_count(count)


def test_members_dots_carry_two_letters_and_shared_initials_get_numbers():
    from types import SimpleNamespace

    from mengpaneel.panel.presenting import member, person_labels

    people = [
        SimpleNamespace(pk=1, name="Anna de Vries", email=""),
        SimpleNamespace(pk=2, name="Arjen van Vliet", email=""),
        SimpleNamespace(pk=3, name="Cor", email=""),
        SimpleNamespace(pk=4, name="", email="bram@example.org"),
    ]
    labels = person_labels(member(person) for person in people)
    assert labels == {
        ("member", 1): "A1",
        ("member", 2): "A2",
        ("member", 3): "C",
        ("member", 4): "B",
    }
