"""Live round fixtures on top of the shared personas."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.live import access, participation, phases
from mengpaneel.panel.models import PanelModel


@pytest.fixture(autouse=True)
def _english(settings):
    """These tests read messages in English (the msgids), whatever the catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def live_round(world):
    """A round started by the organiser for world.meeting (phase: alone, with a code)."""
    return phases.start(world.meeting, by=world.organiser)


@pytest.fixture
def categories(live_round):
    return list(live_round.panel_model.categories.all())


@pytest.fixture
def default_model(db) -> PanelModel:
    return PanelModel.objects.default()


def fader_data(category, position: int | None, note: str = "", version: int = 0) -> dict:
    """What a participant's fader form posts (``version``: of the placement the form showed)."""
    data = {
        "category": category.key,
        f"{category.key}-note": note,
        f"{category.key}-version": str(version),
    }
    if position is None:
        data[f"{category.key}-unplaced"] = "on"
        data[f"{category.key}-position"] = "0"
    else:
        data[f"{category.key}-position"] = str(position)
    return data


def agree_data(category, position, rationale="", version=0, discuss=False) -> dict:
    data = {
        "category": category.key,
        f"{category.key}-position": str(0 if position is None else position),
        f"{category.key}-rationale": rationale,
        f"{category.key}-version": str(version),
    }
    if position is None:
        data[f"{category.key}-unplaced"] = "on"
    if discuss:
        data[f"{category.key}-discuss"] = "on"
    return data


def join_as_guest(client, live_round, trio, name: str = "Gijs Gast"):
    """The guest's path through HTTP: the code in a POST, then trio and name."""
    response = client.post(reverse("live:join"), {"code": live_round.code})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post(reverse("live:join_trio"), {"trio": trio.pk, "name": name})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.fixture
def guest_client(client, world, live_round):
    join_as_guest(client, live_round, world.trio)
    guest_pk = client.session[access.GUESTS_SESSION_KEY][str(live_round.pk)]
    client.guest = participation.Guest.objects.get(pk=guest_pk)
    return client


@pytest.fixture(autouse=True)
def _in_process_events(request, settings):
    """Events stay in this process unless a test is about Redis (CI exports REDIS_URL)."""
    from mengpaneel.live import events

    if request.node.get_closest_marker("redis") is None:
        settings.REDIS_URL = ""
    events.reset_broker()
    yield
    events.reset_broker()


def redis_url() -> str:
    """The Redis to test against; skipped when it does not answer, a failure under CI=true."""
    import os

    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} does not answer, and CI=true requires it: {exc}")
        pytest.skip(f"Redis at {url} does not answer: {exc}")
    return url
