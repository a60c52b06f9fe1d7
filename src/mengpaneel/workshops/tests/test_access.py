import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_member_sees_own_trio(client, world):
    client.force_login(world.member)
    response = client.get(reverse("workshops:trio_detail", args=[world.trio.pk]))
    assert response.status_code == 200
    assert "Altena" in response.text


def test_member_of_another_trio_gets_404(client, world):
    client.force_login(world.other_trio_member)
    response = client.get(reverse("workshops:trio_detail", args=[world.trio.pk]))
    assert response.status_code == 404


def test_organiser_of_another_edition_gets_404(client, world):
    client.force_login(world.other_organiser)
    response = client.get(reverse("workshops:edition_detail", args=[world.edition.slug]))
    assert response.status_code == 404
