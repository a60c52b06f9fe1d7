"""One rate-limit mechanism for the whole app (docs/decisions.md, "Rate limits").

Declare a ``Rate`` where the limited thing lives, then count and ask::

    from datetime import timedelta
    from mengpaneel.ratelimit import Rate, Limited, client_ip

    SIGNUPS_PER_IP = Rate("signup-ip", 10, timedelta(hours=1),
                          message=_("Too many sign-ups from your network. Try again later."))

    verdict = SIGNUPS_PER_IP.hit(client_ip(request))   # count one sign-up
    if not verdict.allowed:
        raise Limited(verdict)                          # 429 page with the message

``check`` looks without counting, ``reset`` forgets a key, ``require`` raises
``Limited`` for the first of several (rate, key) pairs that has no room left, and
``hit_all`` counts several at once. A view may instead show the message in its form
(``verdict.rate.message``, ``verdict.retry_minutes``) with status 429.
"""

from mengpaneel.ratelimit.clients import address_key, client_ip, session_key
from mengpaneel.ratelimit.rates import Limited, Rate, Verdict, first_refusal, hit_all, require

__all__ = [
    "Limited",
    "Rate",
    "Verdict",
    "address_key",
    "client_ip",
    "first_refusal",
    "hit_all",
    "require",
    "session_key",
]
