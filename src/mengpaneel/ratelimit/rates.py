"""Counting events per key in a sliding window, on Django's cache.

A ``Rate`` says how many events of one kind a key may cause per window ("5 failed
logins per address and IP per hour"). ``hit`` counts one event and says whether it
was still allowed; ``check`` only looks. The window slides: the count is this
window's events plus the previous window's, weighted by how much of it still lies
within the last ``window`` (the approximation Cloudflare describes), so a burst at a
window's edge buys no second allowance.

Keys are hashed with the secret key before they reach the cache: the store holds no
e-mail or IP address. The cache must be shared by every app process (Redis with
``REDIS_URL``, else the database; see docs/decisions.md). When the cache cannot be
reached, counting stops and every event is allowed, with an error in the log:
an outage of Redis must not lock everybody out.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import caches
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise

logger = logging.getLogger(__name__)
_clock = time.time  # tests move time forward by replacing this

CACHE_ALIAS = "default"
_KEY_PREFIX = "rl"


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` events per ``window`` for one key of this ``scope``.

    ``scope`` names the counter ("login-ip") and must be unique in the project.
    ``message`` is what a person is told when the limit is reached: what happened
    and what to do next. ``help_url``/``help_label`` add a link with a way out.
    """

    scope: str
    limit: int
    window: timedelta
    message: str | Promise = ""
    help_url: str | Promise = ""
    help_label: str | Promise = ""

    def __post_init__(self) -> None:
        if self.limit < 1 or self.window.total_seconds() < 1:
            raise ValueError(f"Rate {self.scope!r} needs a limit ≥ 1 and a window ≥ 1 s.")

    @property
    def seconds(self) -> int:
        return int(self.window.total_seconds())

    def check(self, key: str) -> Verdict:
        """Whether one more event would still be allowed; counts nothing."""
        return self._verdict(key, counting=False)

    def hit(self, key: str) -> Verdict:
        """Count one event; ``allowed`` is false once the events exceed the limit."""
        return self._verdict(key, counting=True)

    def reset(self, key: str) -> None:
        """Forget the key's events (a successful login, a new password)."""
        index = _window_index(_clock(), self.seconds)
        try:
            caches[CACHE_ALIAS].delete_many([self._key(key, index), self._key(key, index - 1)])
        except Exception:
            logger.exception("Rate limit %s: the cache cannot be reached", self.scope)

    def _key(self, key: str, index: int) -> str:
        digest = salted_hmac(
            "mengpaneel.ratelimit", f"{self.scope}\0{key}", algorithm="sha256"
        ).hexdigest()[:32]
        return f"{_KEY_PREFIX}:{self.scope}:{self.seconds}:{index}:{digest}"

    def _verdict(self, key: str, *, counting: bool) -> Verdict:
        now = _clock()
        index = _window_index(now, self.seconds)
        current_key, previous_key = self._key(key, index), self._key(key, index - 1)
        cache = caches[CACHE_ALIAS]
        try:
            counts = cache.get_many([current_key, previous_key])
            current, previous = counts.get(current_key, 0), counts.get(previous_key, 0)
            if counting:
                # Kept for two windows after its own: the next window still weighs it.
                cache.add(current_key, 0, timeout=3 * self.seconds)
                current = cache.incr(current_key)
        except Exception:
            logger.exception("Rate limit %s: the cache cannot be reached", self.scope)
            return Verdict(self, allowed=True, count=0.0, retry_after=0)
        elapsed = (now - index * self.seconds) / self.seconds
        count = previous * (1 - elapsed) + current
        # Counting: the event just counted must fit. Checking: one more must fit.
        allowed = count <= self.limit if counting else count + 1 <= self.limit
        retry_after = 0 if allowed else _seconds_until_below(self, previous, current, elapsed)
        return Verdict(self, allowed=allowed, count=count, retry_after=retry_after)


def _window_index(now: float, seconds: int) -> int:
    return int(now // seconds)


def _seconds_until_below(rate: Rate, previous: int, current: int, elapsed: float) -> int:
    """Roughly how long until one more event fits (never less than a second)."""
    room = rate.limit - 1  # the count must drop to this for one more to fit
    window = rate.seconds
    if current <= room:
        # Within this window, as the previous one's weight runs out.
        needed = 1 - (room - current) / previous if previous else elapsed
        wait = (needed - elapsed) * window
    else:
        # Only in the next window, as this one's weight runs out there.
        needed = 1 - room / current
        wait = (1 - elapsed) * window + needed * window
    return max(1, math.ceil(wait))


@dataclass(frozen=True)
class Verdict:
    """The answer for one key: allowed or not, and when to try again."""

    rate: Rate
    allowed: bool
    count: float
    retry_after: int = 0

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


class Limited(Exception):  # noqa: N818 (reads as what happened: "raise Limited")
    """A limit was reached; the middleware answers 429 with the rate's message."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(f"rate limit {verdict.rate.scope} reached")
        self.verdict = verdict


def first_refusal(*verdicts: Verdict) -> Verdict | None:
    """The refused verdict that frees up last, if any was refused."""
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    return max(refused, key=lambda verdict: verdict.retry_after) if refused else None


def require(*checks: tuple[Rate, str]) -> None:
    """Raise ``Limited`` when any (rate, key) has no room for one more event."""
    refusal = first_refusal(*(rate.check(key) for rate, key in checks))
    if refusal is not None:
        raise Limited(refusal)


def hit_all(*hits: tuple[Rate, str]) -> Verdict | None:
    """Count one event for each (rate, key); the refusal, if one went over its limit."""
    return first_refusal(*(rate.hit(key) for rate, key in hits))
