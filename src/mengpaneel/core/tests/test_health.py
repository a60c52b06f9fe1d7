"""/gezond/: the database takes writes, Redis answers when configured; JSON, never cached."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from mengpaneel.core import health
from mengpaneel.core.models import Heartbeat
from mengpaneel.core.tests.test_errors import _ReadOnly

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.setattr(health, "_memo", {})


def _redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} does not answer, and CI=true requires it: {exc}")
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    return url


def test_healthy_without_redis(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not configured"}
    assert "no-store" in response["Cache-Control"]
    assert Heartbeat.objects.count() == 1  # it wrote, and keeps writing the same row
    client.get(reverse("core:health"))
    assert Heartbeat.objects.count() == 1


def test_healthy_with_redis(client, settings):
    settings.REDIS_URL = _redis_url()
    assert client.get(reverse("core:health")).json()["redis"] == "ok"


def test_redis_that_does_not_answer_is_a_failure(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "redis": "unavailable"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_that_takes_no_writes_is_a_failure(client, settings):
    settings.REDIS_URL = ""
    with _ReadOnly():
        response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing",
        "database": "read-only",
        "redis": "not configured",
    }


def test_it_answers_over_plain_http_behind_the_proxy(client, settings):
    """The proxy checks the app on loopback without TLS: no redirect to https."""
    settings.SECURE_SSL_REDIRECT = True
    settings.REDIS_URL = ""
    assert client.get(reverse("core:health")).status_code == 200
    assert client.get(reverse("core:home")).status_code == 301
