"""Fan-out of "something changed in round R, now at version N" to every open event stream.

Events carry no values, only the round's version, its phase, what kind of thing
changed and in which trio. A client that receives one fetches the fresh part of
its page; a client that missed one catches up by the version on its next event,
on reconnect, or by polling. So an event may be lost without losing anything.

Two brokers with one interface:
- ``LocalBroker``: in-process (asyncio queues), for the embedded default and tests;
- ``RedisBroker``: publishes through Redis pub/sub, and one listener per process
  relays to that process's streams, so several app processes serve one room.
``get_broker()`` picks Redis when ``settings.REDIS_URL`` is set.

When Redis is down, nothing stops: a change is still saved, and the process delivers its
own events to its own streams at once. Its streams are told the updates are delayed
(``DELAYED``), so their pages poll for what other processes changed and say so; once the
relay is back on Redis they hear ``RESTORED`` (and re-read the version).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from dataclasses import asdict, dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

REDIS_CHANNEL_PREFIX = "mengpaneel:live:"
# A slow client keeps at most this many unsent events; older ones are dropped, which
# is harmless because every event carries the latest version.
QUEUE_SIZE = 32
# After Redis refused a publish, this process tries it again only after a pause: a save
# must not wait for a connect timeout each time while Redis is down.
PUBLISH_RETRY_SECONDS = 2.0
# The relay reconnects after 0.2, 0.4 … seconds, never waiting longer than this.
RELAY_RETRY_MAX_SECONDS = 2.0


@dataclass(frozen=True)
class Change:
    round_id: int
    version: int
    phase: str
    kind: str
    trio_id: int | None = None

    def channels(self) -> set[str]:
        """Phase changes reach everybody; a trio's changes its own people and the projector."""
        if self.trio_id is None:
            return {round_channel(self.round_id)}
        return {trio_channel(self.round_id, self.trio_id), all_channel(self.round_id)}

    def to_json(self) -> str:
        return json.dumps(
            {"v": self.version, "phase": self.phase, "kind": self.kind, "trio": self.trio_id},
            separators=(",", ":"),
        )

    def to_wire(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_wire(cls, raw: str | bytes) -> Change:
        return cls(**json.loads(raw))


# Sent to local streams when the relay may have missed events (Redis reconnected):
# each stream then reads the round's version from the database again.
RESYNC = Change(round_id=0, version=0, phase="", kind="resync")
# Sent to local streams when events from other processes may not arrive (Redis is down):
# their pages poll meanwhile and say that live updates are delayed. RESTORED ends that.
DELAYED = Change(round_id=0, version=0, phase="", kind="delayed")
RESTORED = Change(round_id=0, version=0, phase="", kind="restored")
_TO_EVERY_STREAM = (RESYNC, DELAYED, RESTORED)


def round_channel(round_id: int) -> str:
    return f"round.{round_id}"


def trio_channel(round_id: int, trio_id: int) -> str:
    return f"round.{round_id}.trio.{trio_id}"


def all_channel(round_id: int) -> str:
    return f"round.{round_id}.all"


class Subscription:
    """One open stream's mailbox. Created and read in the event loop of its stream."""

    def __init__(self, broker: LocalBroker, channels: set[str]) -> None:
        self.broker = broker
        self.channels = frozenset(channels)
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Change] = asyncio.Queue(maxsize=QUEUE_SIZE)

    def deliver(self, change: Change) -> None:
        """Runs in the subscription's loop; keeps the newest events when the queue is full."""
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(change)

    async def get(self, timeout: float) -> Change | None:
        """The next event, or None when ``timeout`` seconds pass without one."""
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None

    def close(self) -> None:
        self.broker.unsubscribe(self)


class LocalBroker:
    """Delivers to the streams of this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: dict[str, set[Subscription]] = {}

    @property
    def delayed(self) -> bool:
        """Whether events from other processes may be missing now (never, in-process)."""
        return False

    def subscribe(self, channels: set[str]) -> Subscription:
        subscription = Subscription(self, channels)
        with self._lock:
            for channel in subscription.channels:
                self._subscriptions.setdefault(channel, set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            for channel in subscription.channels:
                listeners = self._subscriptions.get(channel)
                if listeners is not None:
                    listeners.discard(subscription)
                    if not listeners:
                        del self._subscriptions[channel]

    def listener_count(self) -> int:
        with self._lock:
            return len(set().union(*self._subscriptions.values())) if self._subscriptions else 0

    def publish(self, change: Change) -> None:
        self.deliver_locally(change)

    def deliver_locally(self, change: Change) -> None:
        """Safe from any thread: each stream gets the event once, in its own loop."""
        with self._lock:
            if change in _TO_EVERY_STREAM and change.round_id == 0:
                targets = (
                    set().union(*self._subscriptions.values()) if self._subscriptions else set()
                )
            else:
                targets = set()
                for channel in change.channels():
                    targets |= self._subscriptions.get(channel, set())
        for subscription in targets:
            try:
                subscription.loop.call_soon_threadsafe(subscription.deliver, change)
            except RuntimeError:
                # The stream's loop has ended (a test's, or a shut-down server's).
                self.unsubscribe(subscription)


class RedisBroker(LocalBroker):
    """Publishes through Redis; a listener task per process relays to its own streams.

    Without Redis it keeps working as a ``LocalBroker`` (``delayed`` is then true).
    """

    def __init__(self, url: str, prefix: str = REDIS_CHANNEL_PREFIX) -> None:
        super().__init__()
        import redis

        self.url = url
        self.prefix = prefix
        self._publisher = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._listeners: dict[asyncio.AbstractEventLoop, asyncio.Task[None]] = {}
        self._publish_failed = False
        self._relay_lost = False
        self._next_publish_try = 0.0

    @property
    def delayed(self) -> bool:
        return self._publish_failed or self._relay_lost

    def _set(self, *, publish_failed: bool | None = None, relay_lost: bool | None = None) -> None:
        """Change the state, and tell this process's streams when ``delayed`` flips."""
        with self._lock:
            before = self.delayed
            if publish_failed is not None:
                self._publish_failed = publish_failed
            if relay_lost is not None:
                self._relay_lost = relay_lost
            after = self.delayed
        if after and not before:
            logger.warning("Live events: Redis unavailable; streams of this process poll")
            self.deliver_locally(DELAYED)
        elif before and not after:
            logger.warning("Live events: Redis is back")
            self.deliver_locally(RESYNC)
            self.deliver_locally(RESTORED)

    def subscribe(self, channels: set[str]) -> Subscription:
        subscription = super().subscribe(channels)
        self._ensure_listener(subscription.loop)
        return subscription

    def _has_relay(self) -> bool:
        with self._lock:
            return any(not task.done() for task in self._listeners.values())

    def publish(self, change: Change) -> None:
        if self._publish_failed and time.monotonic() < self._next_publish_try:
            self.deliver_locally(change)  # Redis was just refused: don't wait on it again
            return
        try:
            self._publisher.publish(f"{self.prefix}{change.round_id}", change.to_wire())
        except Exception:  # the change is stored; clients catch up by version or polling
            logger.warning("Could not publish live event to Redis", exc_info=True)
            self._next_publish_try = time.monotonic() + PUBLISH_RETRY_SECONDS
            self._set(publish_failed=True)
            self.deliver_locally(change)
            return
        if self.delayed:
            # Our own relay may still be reconnecting: our streams must not miss our changes.
            self.deliver_locally(change)
        # Publishing works again; with no relay in this process there is nothing else to wait for.
        self._set(publish_failed=False, relay_lost=self._relay_lost and self._has_relay())

    def _ensure_listener(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            for old in [old for old in self._listeners if old.is_closed()]:
                del self._listeners[old]
            task = self._listeners.get(loop)
            if task is None or task.done():
                self._listeners[loop] = loop.create_task(self._listen(), name="live-redis-relay")

    async def _listen(self) -> None:
        import redis.asyncio as aioredis

        delay = 0.2
        while True:
            client = aioredis.Redis.from_url(self.url)
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(f"{self.prefix}*")
                if self._relay_lost:
                    # Events published while we were away are gone: streams re-read (RESYNC)
                    # and stop polling (RESTORED).
                    self._set(relay_lost=False, publish_failed=False)
                delay = 0.2
                async for message in pubsub.listen():
                    if message.get("type") == "pmessage":
                        try:
                            self.deliver_locally(Change.from_wire(message["data"]))
                        except (TypeError, ValueError):
                            logger.warning("Ignored a malformed live event")
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("Live event relay lost Redis; retrying in %.1f s", delay)
                self._set(relay_lost=True)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RELAY_RETRY_MAX_SECONDS)
            finally:
                try:
                    await pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py's
                    await client.aclose()
                except Exception:  # noqa: S110 (closing a broken connection may fail too)
                    pass


_broker: LocalBroker | None = None
_broker_lock = threading.Lock()


def get_broker() -> LocalBroker:
    global _broker
    with _broker_lock:
        if _broker is None:
            _broker = RedisBroker(settings.REDIS_URL) if settings.REDIS_URL else LocalBroker()
        return _broker


def reset_broker() -> None:
    """Forget the broker (tests that change REDIS_URL)."""
    global _broker
    with _broker_lock:
        _broker = None


def publish(change: Change) -> None:
    get_broker().publish(change)
