"""The live channel: a server-sent event stream per visitor, and a cheap version to poll.

The stream is an async view (ASGI), so one process holds hundreds of open
streams without a thread each. It first sends the round's current version, so
a client that reconnects (or a server that restarted) catches up at once; then
one small event per change; a comment every few seconds keeps proxies from
closing an idle connection. It ends itself after a while: the browser's
EventSource reconnects, and the visitor's right to listen is checked again.
"""

from __future__ import annotations

import asyncio

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from mengpaneel.live import access, events
from mengpaneel.live.models import LiveRound

HEARTBEAT_SECONDS = 15
STREAM_SECONDS = 120
RETRY_MS = 1500


def _state(pk: int) -> tuple[int, str]:
    version, phase = LiveRound.objects.values_list("version", "phase").get(pk=pk)
    return version, phase


def _briefly(function):
    """``function`` for the stream: it gives its database connection back when done.

    A stream stays open for minutes, and the connection of its thread would stay open
    with it (one per listener, or a pool emptied by a full room).
    """

    def run(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            # Inside a transaction (a caller's, or a test's) the connection is not ours to close.
            if not connection.in_atomic_block:
                connection.close()

    return sync_to_async(run)


def _event(change: events.Change) -> str:
    return f"id: {change.version}\nevent: change\ndata: {change.to_json()}\n\n"


def _state_event(pk: int, version: int, phase: str) -> str:
    return _event(events.Change(round_id=pk, version=version, phase=phase, kind="state"))


# Redis is down (or back): the page polls for what other processes change, and says so.
DELAYED_EVENT = "event: delayed\ndata: {}\n\n"
RESTORED_EVENT = "event: restored\ndata: {}\n\n"


async def _events(audience: access.Audience):
    pk = audience.live_round.pk
    # Subscribe before reading the version: nothing can slip between the two.
    broker = events.get_broker()
    subscription = broker.subscribe(set(audience.channels))
    try:
        version, phase = await _briefly(_state)(pk)
        yield f"retry: {RETRY_MS}\n" + _state_event(pk, version, phase)
        if broker.delayed:
            yield DELAYED_EVENT
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STREAM_SECONDS
        while (remaining := deadline - loop.time()) > 0:
            change = await subscription.get(timeout=min(HEARTBEAT_SECONDS, remaining))
            if change is None:
                yield ": keep-alive\n\n"
            elif change == events.RESYNC:
                version, phase = await _briefly(_state)(pk)
                yield _state_event(pk, version, phase)
            elif change == events.DELAYED:
                yield DELAYED_EVENT
            elif change == events.RESTORED:
                yield RESTORED_EVENT
            else:
                yield _event(change)
    finally:
        subscription.close()


@require_GET
async def stream(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    audience = await _briefly(access.get_audience)(request, pk)
    response = StreamingHttpResponse(_events(audience), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-store"
    # nginx: pass each event on at once instead of buffering the stream.
    response["X-Accel-Buffering"] = "no"
    return response


@require_GET
def version(request: HttpRequest, pk: int) -> HttpResponse:
    """What the pages poll when the stream is unavailable: two numbers, no page."""
    audience = access.get_audience(request, pk)
    current, phase = _state(audience.live_round.pk)
    response = JsonResponse({"v": current, "phase": phase})
    response["Cache-Control"] = "no-cache, no-store"
    return response
