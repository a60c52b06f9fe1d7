"""The agenda in the admin: looked at and corrected there, added by trios only."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_agenda_items_are_added_by_trios_not_in_the_admin(admin_client):
    # Every field but the title is read-only there: an added item would have no trio.
    add = reverse("admin:agenda_agendalink_add")
    assert admin_client.post(add, {"title": "Los"}).status_code == 403
    assert admin_client.get(add).status_code == 403
