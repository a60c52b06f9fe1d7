"""Is this process able to do its work? For the proxy, the monitoring and ``serve``.

The database check writes (one row, committed), because a read-only or full disk
still answers reads. Redis is pinged when it is configured. The answer names each
part and whether it works, nothing more: no versions, paths or error texts.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mengpaneel.core.models import Heartbeat
from mengpaneel.core.storage import storage_failure

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_CONFIGURED = "not configured"
# A flood of requests to the health address costs at most one write a second per process.
MEMO_SECONDS = 1.0

_memo_lock = threading.Lock()
_memo: dict[str, tuple[float, dict[str, str]]] = {}


def check_database() -> str:
    """``ok``, ``read-only``, ``full`` or ``unavailable``."""
    try:
        with transaction.atomic():
            updated = Heartbeat.objects.filter(pk=1).update(checked_at=timezone.now())
            if not updated:
                Heartbeat.objects.create(pk=1)
    except DatabaseError as error:
        failure = storage_failure(error)
        logger.warning("Health check: the database does not take writes (%s)", failure or error)
        return failure or UNAVAILABLE
    return OK


def check_redis() -> str:
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError as error:
        logger.warning("Health check: Redis does not answer (%s)", error)
        return UNAVAILABLE
    return OK


def checks() -> dict[str, str]:
    with _memo_lock:
        memo = _memo.get("last")
        if memo is not None and time.monotonic() - memo[0] < MEMO_SECONDS:
            return memo[1]
    result = {"database": check_database(), "redis": check_redis()}
    with _memo_lock:
        _memo["last"] = (time.monotonic(), result)
    return result


def is_healthy(result: dict[str, str]) -> bool:
    return all(value in (OK, NOT_CONFIGURED) for value in result.values())


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """``/gezond/``: 200 when every configured part works, else 503; JSON, never cached."""
    result = checks()
    healthy = is_healthy(result)
    body = {"status": OK if healthy else "failing", **result}
    return JsonResponse(body, status=200 if healthy else 503)
