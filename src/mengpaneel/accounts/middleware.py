"""Sessions end after a while without activity (``SESSION_IDLE_MINUTES``).

A laptop left open in a meeting room should not stay logged in until the cookie's two
weeks are over. Every request of the session counts as activity (an open live page
polls, so it keeps its session); the session's server-side expiry is moved along with
it, at most once a minute, so the database is not written on every request and
``mengpaneel cleanup`` removes what idled out.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "mengpaneel_last_seen"
REFRESH_SECONDS = 60


def mark_active(session) -> None:
    """The session was used just now (also called at login, which already saves it)."""
    if settings.SESSION_IDLE_MINUTES:
        session[LAST_SEEN_KEY] = int(time.time())
        session.set_expiry(settings.SESSION_IDLE_MINUTES * 60)


class IdleSessionMiddleware(MiddlewareMixin):
    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        idle_seconds = settings.SESSION_IDLE_MINUTES * 60
        session = request.session
        if not idle_seconds or session.is_empty():
            return None
        now = int(time.time())
        last_seen = session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > idle_seconds:
            return self._end(request)
        if last_seen is None or now - last_seen >= REFRESH_SECONDS:
            mark_active(session)
        return None

    def _end(self, request: HttpRequest) -> HttpResponse | None:
        was_logged_in = request.user.is_authenticated
        logout(request)  # flushes the session, for a guest's too
        if not was_logged_in:
            return None
        messages.info(
            request,
            _(
                "You were logged out after %(minutes)s minutes without activity. "
                "Log in again to go on."
            )
            % {"minutes": settings.SESSION_IDLE_MINUTES},
        )
        htmx = getattr(request, "htmx", None)
        if htmx:
            # A fragment would land the login page inside the page: send the browser there.
            page = urlsplit(htmx.current_url or "").path or "/"
            login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': page})}"
            return HttpResponse(status=204, headers={"HX-Redirect": login})
        return None
