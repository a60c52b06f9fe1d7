"""Redis stops and starts again in the middle of a round (issue 11, finding 2).

Saves go on; this process's streams still hear its own changes at once; they are told
that live updates are delayed (so their pages poll for other processes' changes and say
so), and that they are restored once the relay is back on Redis. The test runs its own
redis-server on a free port, so stopping it touches nobody else's.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient
from django.urls import reverse

from mengpaneel.live import events, participation
from mengpaneel.testing.concurrency import run_elsewhere

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class PrivateRedis:
    """A redis-server of this test's own, on a free loopback port, without persistence."""

    def __init__(self, binary: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.binary = binary
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def private_redis(settings):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed, and CI=true requires it")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(binary)
    server.start()
    settings.REDIS_URL = server.url
    events.reset_broker()
    try:
        yield server
    finally:
        server.stop()
        events.reset_broker()


async def _next(stream, timeout: float = 5) -> tuple[str, dict]:
    """The next event's name and data (keep-alive comments skipped)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        chunk = await asyncio.wait_for(anext(stream), max(remaining, 0.01))
        text = chunk.decode() if isinstance(chunk, bytes) else chunk
        fields = dict(line.partition(": ")[::2] for line in text.splitlines() if ": " in line)
        if "data" in fields:
            return fields.get("event", "change"), json.loads(fields["data"])


async def _until(stream, name: str, kind: str | None = None, timeout: float = 10) -> dict:
    """Read on until an event called ``name`` (of ``kind``, for changes) arrives."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        remaining = deadline - asyncio.get_running_loop().time()
        event, data = await _next(stream, remaining)
        if event == name and (kind is None or data.get("kind") == kind):
            return data


def test_redis_stopped_and_restarted_mid_round(private_redis, world, live_round, categories):
    member = participation.Participant(live_round, world.trio, user=world.member)
    saved = []

    def save(position: int) -> float:
        started = time.monotonic()
        participation.place(member, categories[0], position, expected_version=len(saved))
        saved.append(position)
        return time.monotonic() - started

    async def scenario() -> dict:
        client = AsyncClient()
        await client.aforce_login(world.member)
        response = await client.get(reverse("live:stream", args=[live_round.pk]))
        stream = aiter(response.streaming_content)
        timings = {}
        try:
            assert (await _next(stream))[1]["kind"] == "state"
            await asyncio.sleep(0.3)  # the relay subscribes to Redis
            await sync_to_async(save)(1)
            await _until(stream, "change", "placement", timeout=3)

            private_redis.stop()
            await _until(stream, "delayed", timeout=5)  # pages poll, and say so
            timings["save while down"] = await sync_to_async(save)(2)
            started = asyncio.get_running_loop().time()
            arrived = await _until(stream, "change", "placement", timeout=3)
            timings["local event"] = asyncio.get_running_loop().time() - started
            timings["a second save while down"] = await sync_to_async(save)(3)

            private_redis.start()
            await _until(stream, "restored", timeout=10)
            await sync_to_async(save)(-1)
            back = await _until(stream, "change", "placement", timeout=3)
            timings["versions"] = (arrived["v"], back["v"])
        finally:
            await stream.aclose()
        return timings

    timings = run_elsewhere(async_to_sync(scenario))
    assert saved == [1, 2, 3, -1], "every save was kept"
    assert timings["local event"] < 1.0, "this process's own change reached its stream at once"
    # Redis just refused: the next save does not wait for it again.
    assert timings["a second save while down"] < 0.5
    first, last = timings["versions"]
    assert last > first


def test_a_stream_opened_while_redis_is_down_hears_at_once_that_updates_are_delayed(
    private_redis, world, live_round, categories
):
    member = participation.Participant(live_round, world.trio, user=world.member)
    private_redis.stop()
    participation.place(member, categories[0], 2, expected_version=0)  # publishing fails
    assert events.get_broker().delayed

    async def scenario():
        client = AsyncClient()
        await client.aforce_login(world.member)
        response = await client.get(reverse("live:stream", args=[live_round.pk]))
        stream = aiter(response.streaming_content)
        try:
            return [await _next(stream), await _next(stream)]
        finally:
            await stream.aclose()

    (first, state), (second, _data) = run_elsewhere(async_to_sync(scenario))
    assert (first, state["kind"], second) == ("change", "state", "delayed")


def test_every_live_page_has_the_delayed_notice_as_a_status_region(client, world, live_round):
    client.force_login(world.member)
    page = client.get(reverse("live:participant", args=[live_round.pk])).content.decode()
    assert 'role="status" data-live-delayed' in page
    assert "Live updates are delayed" in page  # the words the script shows
