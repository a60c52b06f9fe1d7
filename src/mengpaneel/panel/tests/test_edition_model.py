"""An edition's panel model: the panel app keeps the choice, the organiser makes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from mengpaneel.panel import editions, placing
from mengpaneel.panel.constants import DEFAULT_MODEL_KEY
from mengpaneel.panel.models import PanelModel
from mengpaneel.panel.tests.conftest import make_panel_model
from mengpaneel.workshops.models import Edition


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_an_edition_that_never_chose_uses_the_default_model(world):
    assert editions.chosen_key(world.edition) == DEFAULT_MODEL_KEY
    assert editions.model_for_new_panels(world.edition) == PanelModel.objects.default()
    mine = Edition.objects.filter(pk=world.edition.pk)
    assert list(editions.editions_using(DEFAULT_MODEL_KEY, mine)) == [world.edition]


@pytest.mark.django_db
def test_the_organiser_chooses_another_model_for_the_new_panels(english, world):
    other = make_panel_model(3, key="drie")
    english.force_login(world.organiser)
    url = reverse("panel:edition_model", args=[world.edition.slug])
    assert "Proefmodel drie" in english.get(url).text
    response = english.post(url, {"panel_model_key": "drie"})
    assert response.url == world.edition.get_absolute_url()
    page = english.get(response.url).text
    assert "New panels in this edition use the chosen model." in page
    assert "Proefmodel drie" in page
    assert placing.current_assessment(world.trio).panel_model == other
    mine = Edition.objects.filter(pk=world.edition.pk)
    assert list(editions.editions_using("drie", mine)) == [world.edition]
    assert list(editions.editions_using(DEFAULT_MODEL_KEY, mine)) == []


@pytest.mark.django_db
def test_an_unknown_model_is_refused_with_a_way_forward(english, world):
    english.force_login(world.organiser)
    url = reverse("panel:edition_model", args=[world.edition.slug])
    response = english.post(url, {"panel_model_key": "bestaat-niet"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert editions.chosen_key(world.edition) == DEFAULT_MODEL_KEY
    with pytest.raises(ValidationError, match="Choose one from the list"):
        editions.choose_model(world.edition, "bestaat-niet")


@pytest.mark.django_db
def test_members_and_other_organisers_cannot_choose(client, world):
    url = reverse("panel:edition_model", args=[world.edition.slug])
    for person in (world.member, world.other_organiser):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"panel_model_key": DEFAULT_MODEL_KEY}).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_carries_each_editions_choice_over_and_back():
    before = [
        ("panel", "0002_default_panel_model"),
        ("workshops", "0002_edition_panel_model_and_comparison"),
    ]
    after = [
        ("panel", "0003_edition_panel_model"),
        ("workshops", "0003_remove_edition_panel_model_key"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("workshops", "Edition").objects.create(
        name="Oud", slug="oud", year=2025, panel_model_key="eigen-model"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    choice = new.get_model("panel", "EditionPanelModel").objects.get(edition__slug="oud")
    assert choice.panel_model_key == "eigen-model"

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    assert old.get_model("workshops", "Edition").objects.get(slug="oud").panel_model_key == (
        "eigen-model"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    Edition.objects.filter(slug="oud").delete()
