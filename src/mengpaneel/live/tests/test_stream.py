"""The live channel as a browser uses it: the event stream and the version to poll."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db.backends.signals import connection_created
from django.test import AsyncClient
from django.urls import reverse

from mengpaneel.live import participation, phases
from mengpaneel.live.constants import Phase
from mengpaneel.testing.concurrency import run_elsewhere

# The streams are read in a thread of their own (see run_elsewhere): data must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _parse(chunk: bytes | str) -> dict:
    text = chunk.decode() if isinstance(chunk, bytes) else chunk
    fields = {}
    for line in text.splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value
    return fields


async def _next_event(stream) -> dict:
    """The next real event (keep-alive comments skipped)."""
    while True:
        chunk = await asyncio.wait_for(anext(stream), 2)
        fields = _parse(chunk)
        if "data" in fields:
            return {"id": fields.get("id"), **json.loads(fields["data"])}


def test_stream_starts_with_the_current_version_then_sends_each_change(
    world, live_round, categories, django_capture_on_commit_callbacks
):
    member = participation.Participant(live_round, world.trio, user=world.member)
    start = live_round.version

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(world.member)
        response = await client.get(reverse("live:stream", args=[live_round.pk]))
        assert response["Content-Type"] == "text/event-stream"
        assert response["Cache-Control"].startswith("no-cache")
        stream = aiter(response.streaming_content)
        first = await _next_event(stream)

        def save():
            with django_capture_on_commit_callbacks(execute=True):
                participation.place(member, categories[0], 2, expected_version=0)

        await sync_to_async(save)()
        second = await _next_event(stream)
        await stream.aclose()
        return first, second

    first, second = run_elsewhere(async_to_sync(scenario))
    assert first["kind"] == "state" and first["v"] == start
    assert first["id"] == str(start)
    assert second == {
        "id": str(start + 1),
        "v": start + 1,
        "phase": "alone",
        "kind": "placement",
        "trio": world.trio.pk,
    }


def test_another_trio_hears_phase_changes_but_not_this_trios_placements(
    world, live_round, categories, django_capture_on_commit_callbacks
):
    member = participation.Participant(live_round, world.trio, user=world.member)

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(world.other_trio_member)
        response = await client.get(reverse("live:stream", args=[live_round.pk]))
        stream = aiter(response.streaming_content)
        await _next_event(stream)

        def changes():
            with django_capture_on_commit_callbacks(execute=True):
                participation.place(member, categories[0], 2, expected_version=0)
            with django_capture_on_commit_callbacks(execute=True):
                phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)

        await sync_to_async(changes)()
        event = await _next_event(stream)
        await stream.aclose()
        return event

    event = run_elsewhere(async_to_sync(scenario))
    assert (event["kind"], event["phase"]) == ("phase", "reveal")


# SQLite's shared in-memory test database ignores closing a connection.
@pytest.mark.postgres
def test_an_open_stream_holds_no_database_connection(world, live_round):
    """A room of listeners must not use up the connections (or the pool) of the pages."""
    opened = []

    def remember(sender, connection, **kwargs):
        opened.append(connection)

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(world.member)
        response = await client.get(reverse("live:stream", args=[live_round.pk]))
        stream = aiter(response.streaming_content)
        await _next_event(stream)
        # The stream is still open here, waiting for the next change.
        still_open = [wrapper for wrapper in opened if wrapper.connection is not None]
        await stream.aclose()
        return still_open

    connection_created.connect(remember)
    try:
        still_open = run_elsewhere(async_to_sync(scenario))
    finally:
        connection_created.disconnect(remember)
    assert opened, "the stream read the round from the database"
    assert still_open == []


def test_version_endpoint_answers_the_round_version_and_phase(client, world, live_round):
    client.force_login(world.member)
    response = client.get(reverse("live:version", args=[live_round.pk]))
    assert response.json() == {"v": live_round.version, "phase": "alone"}
    assert "no-store" in response["Cache-Control"]


def test_a_guest_may_listen_to_their_round(guest_client, live_round):
    response = guest_client.get(reverse("live:version", args=[live_round.pk]))
    assert response.status_code == 200


def test_strangers_hear_nothing(client, world, live_round):
    client.force_login(world.outsider)
    assert client.get(reverse("live:version", args=[live_round.pk])).status_code == 404

    async def scenario():
        async_client = AsyncClient()
        await async_client.aforce_login(world.outsider)
        return await async_client.get(reverse("live:stream", args=[live_round.pk]))

    assert run_elsewhere(async_to_sync(scenario)).status_code == 404
