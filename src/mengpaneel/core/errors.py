"""Error pages that still work when what broke is the database or the request.

``handler500`` renders ``500.html`` without a request context (no session, no user, no
database), or the maintenance page ``503.html`` when the error was a disk that cannot
be written. ``MaintenanceMiddleware`` answers the same 503 for a view that ran into it,
also with DEBUG on. The CSRF failure page is ours too (Django's is English only).
"""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.deprecation import MiddlewareMixin

from mengpaneel.core.storage import storage_failure

RETRY_AFTER_SECONDS = 300


def maintenance_response(failure: str) -> HttpResponse:
    body = loader.get_template("503.html").render({"failure": failure})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: called while the exception is being handled, so it can look at it."""
    failure = storage_failure(sys.exc_info()[1])
    if failure is not None:
        return maintenance_response(failure)
    body = loader.get_template("500.html").render()
    return HttpResponse(body, status=500)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: a malformed request or a host we do not serve; no request context."""
    return HttpResponse(loader.get_template("400.html").render(), status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually a page open for too long."""
    body = loader.get_template("403_csrf.html").render({}, request)
    return HttpResponse(body, status=403)


class MaintenanceMiddleware(MiddlewareMixin):
    """A view that could not write because the disk is read-only or full: the 503 page."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        failure = storage_failure(exception)
        return maintenance_response(failure) if failure is not None else None
