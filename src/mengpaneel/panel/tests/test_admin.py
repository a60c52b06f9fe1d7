"""Organisers define panel models in the admin: 2–12 categories; used versions stay put."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.panel import placing
from mengpaneel.panel.models import PanelModel
from mengpaneel.panel.tests.conftest import make_panel_model
from mengpaneel.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield client


def _category(index: int, number: int) -> dict:
    prefix = f"categories-{index}-"
    return {
        prefix + "order": str(number),
        prefix + "key": f"k{number}",
        prefix + "name_nl": f"Schuif {number}",
        prefix + "question_nl": "Vraag?",
        prefix + "top_nl": "boven",
        prefix + "bottom_nl": "onder",
    }


def _model_form(count: int) -> dict:
    data = {
        "key": "eigen-model",
        "name_nl": "Eigen model",
        "scale_min": "-3",
        "scale_max": "3",
        "categories-TOTAL_FORMS": str(count),
        "categories-INITIAL_FORMS": "0",
        "categories-MIN_NUM_FORMS": "2",
        "categories-MAX_NUM_FORMS": "12",
    }
    for index in range(count):
        data.update(_category(index, index + 1))
    return data


def test_a_model_with_seven_categories_is_created(admin_client):
    response = admin_client.post(reverse("admin:panel_panelmodel_add"), _model_form(7))
    assert response.status_code == 302, response.content[:2000]
    model = PanelModel.objects.get(key="eigen-model")
    assert model.categories.count() == 7
    assert model.created_by is not None


@pytest.mark.parametrize("count", [1, 13])
def test_too_few_or_too_many_categories_are_refused(admin_client, count):
    data = _model_form(count)
    data["categories-MAX_NUM_FORMS"] = "1000"
    response = admin_client.post(reverse("admin:panel_panelmodel_add"), data)
    assert response.status_code == 200
    assert not PanelModel.objects.filter(key="eigen-model").exists()


def test_a_used_version_is_read_only_and_the_action_makes_a_new_one(admin_client, world):
    model = make_panel_model(3, key="gebruikt")
    placing.start_assessment(world.trio, panel_model=model)
    page = admin_client.get(reverse("admin:panel_panelmodel_change", args=[model.pk])).text
    assert 'name="name_nl"' not in page
    response = admin_client.post(
        reverse("admin:panel_panelmodel_changelist"),
        {"action": "make_new_version", "_selected_action": [model.pk]},
    )
    assert response.status_code == 302
    new = PanelModel.objects.get(key="gebruikt", is_current=True)
    assert new.version == 2 and new.categories.count() == 3
    page = admin_client.get(reverse("admin:panel_panelmodel_change", args=[new.pk])).text
    assert 'name="name_nl"' in page
