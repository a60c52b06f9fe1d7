"""Wrong join codes are counted per browser session and per network, and then paused.

A code has 25⁸ possibilities and lives for hours on a projector, so guessing is slow
only if guesses are: after ten wrong codes in ten minutes a session waits, and a
network (a conference Wi-Fi, a municipality's office) after sixty. While paused, no
code is tried, a right one neither: otherwise the answer would still tell.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mengpaneel.live import joincodes
from mengpaneel.live.models import LiveRound
from mengpaneel.ratelimit import Rate, Verdict, client_ip, first_refusal, hit_all, session_key

WINDOW = timedelta(minutes=10)
_MESSAGE = _(
    "Too many wrong codes were typed. Wait a few minutes, then type the code on the "
    "screen in the room again, or ask the organiser."
)
WRONG_CODES_PER_SESSION = Rate("join-code-session", 10, WINDOW, message=_MESSAGE)
WRONG_CODES_PER_IP = Rate("join-code-ip", 60, WINDOW, message=_MESSAGE)


class CodesPaused(joincodes.CodeRejected):  # noqa: N818 (a domain word)
    """Too many wrong codes from this session or network: nothing is tried for a while."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(str(verdict.rate.message))
        self.verdict = verdict


def _counters(request: HttpRequest, *, counting: bool = False) -> list[tuple[Rate, str]]:
    if counting and not session_key(request):
        # A browser without a session yet gets one (and its cookie) at its first wrong
        # code, so that its next ones count apart from its neighbours on the network.
        request.session.save()
        request.session.modified = True
    counters = [(WRONG_CODES_PER_IP, client_ip(request))]
    if key := session_key(request):
        counters.append((WRONG_CODES_PER_SESSION, key))
    return counters


def find_round(request: HttpRequest, raw: str) -> LiveRound:
    """``joincodes.find_round`` for a code a visitor typed or scanned, with its limits."""
    refusal = first_refusal(*(rate.check(key) for rate, key in _counters(request)))
    if refusal is not None:
        raise CodesPaused(refusal)
    try:
        return joincodes.find_round(raw)
    except joincodes.CodeRejected:
        if joincodes.normalise(raw):  # an empty field is no guess
            hit_all(*_counters(request, counting=True))
        raise
