"""The database cache counts every event, however many requests count at once."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections

from mengpaneel.ratelimit.cache import DatabaseCache
from mengpaneel.ratelimit.models import CACHE_TABLE

THREADS = 8
EACH = 25


def _cache(backend=DatabaseCache):
    return backend(CACHE_TABLE, {"OPTIONS": {"MAX_ENTRIES": 10_000}})


@pytest.mark.django_db
def test_incr_adds_and_a_missing_key_is_an_error():
    cache = _cache()
    cache.add("n", 0, timeout=60)
    assert cache.incr("n") == 1
    assert cache.incr("n", 5) == 6
    assert cache.get("n") == 6
    with pytest.raises(ValueError):
        cache.incr("missing")


@pytest.mark.django_db
def test_an_expired_key_is_missing():
    cache = _cache()
    cache.set("old", 3, timeout=-1)
    with pytest.raises(ValueError):
        cache.incr("old")


def _count_at_once(cache) -> int:
    cache.add("counter", 0, timeout=600)
    start = threading.Barrier(THREADS)

    def count() -> None:
        try:
            start.wait()
            for _ in range(EACH):
                cache.incr("counter")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return cache.get("counter")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_event_is_lost_when_many_count_at_once():
    assert _count_at_once(_cache()) == THREADS * EACH


def test_the_project_cache_is_ours_or_redis(settings):
    backend = type(caches["default"])
    assert issubclass(backend, DatabaseCache) or backend.__name__ == "RedisCache"
    assert not issubclass(DjangoDatabaseCache, DatabaseCache)  # ours is the subclass
