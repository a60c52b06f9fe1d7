from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from mengpaneel.ratelimit.rates import Limited


def too_many_requests(request: HttpRequest, limited: Limited) -> HttpResponse:
    """The 429 page: what the limit is about, and when to try again."""
    verdict = limited.verdict
    response = render(request, "429.html", {"verdict": verdict, "rate": verdict.rate}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


class RateLimitMiddleware(MiddlewareMixin):
    """Turns ``Limited`` raised anywhere in a view (or a login backend) into the 429 page."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Limited):
            return too_many_requests(request, exception)
        return None
