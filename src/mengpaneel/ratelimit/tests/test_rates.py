"""The limiter: counting per key in a sliding window, on the shared cache."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.cache import caches

from mengpaneel.ratelimit import Limited, Rate, hit_all, require
from mengpaneel.ratelimit.models import CacheEntry

pytestmark = pytest.mark.django_db

HOURLY = Rate("test-hourly", 3, timedelta(hours=1), message="Wacht even.")


def test_events_up_to_the_limit_are_allowed_and_the_next_is_not(clock):
    verdicts = [HOURLY.hit("a") for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after > 0


def test_check_looks_without_counting(clock):
    for _ in range(5):
        assert HOURLY.check("a").allowed
    HOURLY.hit("a")
    HOURLY.hit("a")
    assert HOURLY.check("a").allowed
    HOURLY.hit("a")
    assert not HOURLY.check("a").allowed


def test_keys_and_scopes_count_apart(clock):
    for _ in range(3):
        HOURLY.hit("a")
    assert not HOURLY.check("a").allowed
    assert HOURLY.check("b").allowed
    other_scope = Rate("test-other", 3, timedelta(hours=1))
    assert other_scope.check("a").allowed


def test_reset_forgets_a_key(clock):
    for _ in range(3):
        HOURLY.hit("a")
    HOURLY.reset("a")
    assert HOURLY.check("a").allowed


def test_the_window_slides_so_a_burst_at_its_edge_buys_no_second_allowance(clock):
    clock.forward(3600 - 60)  # the last minute of a window
    for _ in range(3):
        assert HOURLY.hit("a").allowed
    clock.forward(120)  # the first minute of the next window
    refused = HOURLY.check("a")
    assert not refused.allowed
    # The previous window's events weigh less as it slides away: room comes back one
    # event at a time (here after a third of the window), not all three at once.
    assert 1000 < refused.retry_after < 1300
    clock.forward(refused.retry_after)
    assert HOURLY.hit("a").allowed
    assert not HOURLY.check("a").allowed


def test_events_long_ago_no_longer_count(clock):
    for _ in range(3):
        HOURLY.hit("a")
    clock.forward(2 * 3600)
    assert HOURLY.hit("a").allowed


def test_retry_after_says_when_one_more_fits(clock):
    for _ in range(4):
        HOURLY.hit("a")
    refused = HOURLY.check("a")
    clock.forward(refused.retry_after - 5)
    assert not HOURLY.check("a").allowed
    clock.forward(10)
    assert HOURLY.check("a").allowed


def test_the_store_holds_no_address(clock, settings):
    HOURLY.hit("wijk@example.org")
    keys = " ".join(CacheEntry.objects.values_list("cache_key", flat=True))
    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        assert "test-hourly" in keys
    assert "wijk" not in keys and "example" not in keys


def test_require_raises_for_the_pair_without_room(clock):
    for _ in range(3):
        HOURLY.hit("a")
    require((HOURLY, "b"))
    with pytest.raises(Limited) as raised:
        require((HOURLY, "b"), (HOURLY, "a"))
    assert raised.value.verdict.rate is HOURLY


def test_hit_all_counts_every_pair(clock):
    assert hit_all((HOURLY, "a"), (HOURLY, "b")) is None
    assert HOURLY.hit("a").count == 2
    assert HOURLY.hit("b").count == 2


def test_a_cache_that_cannot_be_reached_allows_and_says_so(clock, monkeypatch, caplog):
    cache = caches["default"]

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get_many", unreachable)
    with caplog.at_level(logging.ERROR, logger="mengpaneel.ratelimit.rates"):
        assert HOURLY.hit("a").allowed
    assert "cannot be reached" in caplog.text


def test_a_rate_needs_a_limit_and_a_window():
    with pytest.raises(ValueError, match="limit ≥ 1"):
        Rate("test-nothing", 0, timedelta(hours=1))
