import pytest
from django.urls import reverse

from mengpaneel.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_all_342_municipalities_of_2025_are_loaded():
    assert Municipality.objects.count() == 342
    assert Municipality.objects.values("province").distinct().count() == 12
    altena = Municipality.objects.get(code="GM1959")
    assert (altena.name, altena.province) == ("Altena", "Noord-Brabant")
    assert Municipality.objects.get(code="GM0983").name == "Venlo"
    assert Municipality.objects.filter(province="Fryslân").count() == 18


def test_search_finds_by_name_or_code():
    assert list(Municipality.objects.search("schied").values_list("code", flat=True)) == ["GM0606"]
    assert Municipality.objects.search("gm0606").get().name == "Schiedam"


def test_admin_list_searches(admin_client):
    response = admin_client.get(
        reverse("admin:organisations_municipality_changelist"), {"q": "Venlo"}
    )
    assert response.status_code == 200
    assert "GM0983" in response.text
    assert "Altena" not in response.text


def test_trio_form_offers_municipalities_grouped_by_province(client, world):
    client.force_login(world.organiser)
    response = client.get(reverse("workshops:trio_create", args=[world.edition.slug]))
    assert '<optgroup label="Limburg">' in response.text
    assert response.text.count("<option") == 343  # 342 + the empty choice
