"""The fan-out of change events: in-process, and through Redis between processes."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from mengpaneel.live import events
from mengpaneel.live.events import Change, LocalBroker, RedisBroker
from mengpaneel.live.tests.conftest import redis_url
from mengpaneel.testing.concurrency import run_elsewhere


def _channels(round_id: int, trio_id: int | None = None) -> set[str]:
    if trio_id is None:  # the projector
        return {events.round_channel(round_id), events.all_channel(round_id)}
    return {events.round_channel(round_id), events.trio_channel(round_id, trio_id)}


async def _drain(subscription, timeout: float = 0.05) -> list[Change]:
    received = []
    while (change := await subscription.get(timeout)) is not None:
        received.append(change)
    return received


def test_a_trio_change_reaches_that_trio_and_the_projector_only():
    async def scenario():
        broker = LocalBroker()
        projector = broker.subscribe(_channels(1))
        altena = broker.subscribe(_channels(1, trio_id=10))
        venlo = broker.subscribe(_channels(1, trio_id=20))
        elsewhere = broker.subscribe(_channels(2))
        # Published from a worker thread, as a sync view does under ASGI.
        await asyncio.to_thread(broker.publish, Change(1, 5, "alone", "placement", 10))
        return [await _drain(s) for s in (projector, altena, venlo, elsewhere)]

    projector, altena, venlo, elsewhere = run_elsewhere(lambda: asyncio.run(scenario()))
    assert [c.version for c in projector] == [5]
    assert [c.version for c in altena] == [5]
    assert venlo == [] and elsewhere == []


def test_a_phase_change_reaches_everybody_in_the_round_once():
    async def scenario():
        broker = LocalBroker()
        listeners = [broker.subscribe(_channels(1)), broker.subscribe(_channels(1, 10))]
        broker.publish(Change(1, 9, "reveal", "phase"))
        return [await _drain(s) for s in listeners]

    assert run_elsewhere(lambda: asyncio.run(scenario())) == [[Change(1, 9, "reveal", "phase")]] * 2


def test_a_slow_listener_keeps_the_newest_events():
    async def scenario():
        broker = LocalBroker()
        slow = broker.subscribe(_channels(1))
        for version in range(1, events.QUEUE_SIZE + 11):
            broker.publish(Change(1, version, "alone", "phase"))
        return await _drain(slow)

    received = run_elsewhere(lambda: asyncio.run(scenario()))
    assert len(received) == events.QUEUE_SIZE
    assert received[-1].version == events.QUEUE_SIZE + 10


def test_a_closed_subscription_hears_nothing_and_is_forgotten():
    async def scenario():
        broker = LocalBroker()
        subscription = broker.subscribe(_channels(1))
        subscription.close()
        broker.publish(Change(1, 2, "alone", "phase"))
        return broker.listener_count(), await _drain(subscription)

    assert run_elsewhere(lambda: asyncio.run(scenario())) == (0, [])


def test_events_carry_no_positions():
    payload = Change(1, 3, "alone", "placement", 10).to_json()
    assert set(__import__("json").loads(payload)) == {"v", "phase", "kind", "trio"}


@pytest.mark.redis
def test_redis_carries_a_change_from_one_process_to_another():
    url = redis_url()
    prefix = f"mengpaneel-test:{uuid.uuid4().hex}:"

    async def scenario():
        receiving = RedisBroker(url, prefix=prefix)  # "process 2", with a stream open
        sending = RedisBroker(url, prefix=prefix)  # "process 1", where the save happened
        projector = receiving.subscribe(_channels(7))
        change = Change(7, 42, "alone", "placement", 3)
        # The relay subscribes in the background: publish until it hears (bounded).
        for _ in range(40):
            await asyncio.to_thread(sending.publish, change)
            got = await projector.get(0.05)
            if got is not None:
                return got
        return None

    assert run_elsewhere(lambda: asyncio.run(scenario())) == Change(7, 42, "alone", "placement", 3)


@pytest.mark.redis
def test_after_losing_redis_the_relay_asks_streams_to_catch_up():
    import redis

    url = redis_url()
    prefix = f"mengpaneel-test:{uuid.uuid4().hex}:"

    async def scenario():
        broker = RedisBroker(url, prefix=prefix)
        stream = broker.subscribe(_channels(7))
        for _ in range(40):  # until the relay listens
            await asyncio.to_thread(broker.publish, Change(7, 1, "alone", "phase"))
            if await stream.get(0.05) is not None:
                break
        await _drain(stream)
        # Cut every pub/sub connection, as a Redis restart would.
        await asyncio.to_thread(redis.Redis.from_url(url).client_kill_filter, _type="pubsub")
        for _ in range(60):
            got = await stream.get(0.1)
            if got is events.RESYNC:
                return True
        return False

    assert run_elsewhere(lambda: asyncio.run(scenario()))
