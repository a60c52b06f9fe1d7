"""Organisers edit coherence rules in the admin; bad conditions are refused with a message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.insights.models import CoherenceRule
from mengpaneel.insights.sharing import record_consent
from mengpaneel.panel.models import PanelModel

pytestmark = pytest.mark.django_db


def _form(panel_model: PanelModel, *conditions: tuple[str, str, str], key: str = "nieuw") -> dict:
    data = {
        "panel_model": panel_model.pk,
        "key": key,
        "order": 20,
        "is_active": "on",
        "title_nl": "Nieuwe regel",
        "title_en": "New rule",
        "explanation_nl": "Uitleg",
        "explanation_en": "",
        "questions_nl": "Vraag?",
        "questions_en": "",
        "conditions-TOTAL_FORMS": len(conditions),
        "conditions-INITIAL_FORMS": 0,
        "conditions-MIN_NUM_FORMS": 1,
        "conditions-MAX_NUM_FORMS": 1000,
    }
    for number, (category_key, operator, threshold) in enumerate(conditions):
        data[f"conditions-{number}-category_key"] = category_key
        data[f"conditions-{number}-operator"] = operator
        data[f"conditions-{number}-threshold"] = threshold
    return data


def _add(admin_client, data):
    return admin_client.post(
        reverse("admin:insights_coherencerule_add"), data, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_an_organiser_adds_a_rule_with_conditions(admin_client):
    model = PanelModel.objects.default()
    response = _add(
        admin_client, _form(model, ("communication", ">=", "2"), ("governance", "<=", "-2"))
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = CoherenceRule.objects.get(key="nieuw")
    assert sorted(str(c) for c in rule.conditions.all()) == [
        "communication ≥ +2",
        "governance ≤ −2",
    ]


def test_a_category_key_the_model_does_not_have_is_refused(admin_client):
    model = PanelModel.objects.default()
    response = _add(admin_client, _form(model, ("budget", ">=", "1")))
    assert response.status_code == 200
    assert "heeft geen schuif budget" in response.content.decode()
    assert not CoherenceRule.objects.filter(key="nieuw").exists()


def test_a_threshold_outside_the_scale_is_refused(admin_client):
    model = PanelModel.objects.default()
    response = _add(admin_client, _form(model, ("governance", ">=", "4")))
    assert response.status_code == 200
    assert "Kies een drempel van -3 tot 3" in response.content.decode()
    assert not CoherenceRule.objects.filter(key="nieuw").exists()


def test_a_rule_without_conditions_is_refused(admin_client):
    model = PanelModel.objects.default()
    data = _form(model)
    data["conditions-MIN_NUM_FORMS"] = 0
    response = _add(admin_client, data)
    assert response.status_code == 200
    assert not CoherenceRule.objects.filter(key="nieuw").exists()


def test_editing_a_default_rule_keeps_what_was_typed_on_an_error(admin_client):
    rule = CoherenceRule.objects.get(key="positioning_vs_residents")
    conditions = list(rule.conditions.order_by("pk"))
    data = _form(rule.panel_model, key=rule.key)
    data.update(
        {
            "title_nl": "Aangepaste titel",
            "conditions-TOTAL_FORMS": 2,
            "conditions-INITIAL_FORMS": 2,
        }
    )
    for number, condition in enumerate(conditions):
        data[f"conditions-{number}-id"] = condition.pk
        data[f"conditions-{number}-rule"] = rule.pk
        data[f"conditions-{number}-category_key"] = condition.category_key
        data[f"conditions-{number}-operator"] = condition.operator
        data[f"conditions-{number}-threshold"] = condition.threshold
    data["conditions-1-threshold"] = "-9"
    url = reverse("admin:insights_coherencerule_change", args=[rule.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Aangepaste titel" in response.content.decode()
    rule.refresh_from_db()
    assert rule.title_nl != "Aangepaste titel"
    data["conditions-1-threshold"] = "-2"
    assert admin_client.post(url, data).status_code == 302
    assert {str(c) for c in rule.conditions.all()} == {"positioning ≥ +1", "residents ≤ −2"}


def test_the_rule_list_shows_conditions(admin_client):
    response = admin_client.get(reverse("admin:insights_coherencerule_changelist"))
    assert response.status_code == 200
    assert "positioning ≥ +1" in response.content.decode()


def test_a_sharing_consent_reads_as_words_in_the_admin(admin_client, world):
    consent = record_consent(world.trio, True, by=world.member)
    admin_client.cookies["django_language"] = "en"  # Dutch unless chosen, whatever the browser
    page = admin_client.get(
        reverse("admin:insights_sharingconsent_change", args=[consent.pk])
    ).content.decode()
    assert "Altena: True" not in page
    assert "Altena: shares its panel across editions" in page
