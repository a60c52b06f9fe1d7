"""Responses meant for one person are never kept by a shared cache or on disk.

``PrivateResponsesMiddleware`` marks every response to a logged-in person, or to a
browser whose session holds something (a live-round guest, an invitation), as
``Cache-Control: private, no-store``: panel pages, exports, drawings and the live
controls must stay out of proxies and out of the browser's disk cache.

A view that can be revalidated cheaply (an ETag the performance work may add) opts into
``private, no-cache`` instead with ``@revalidate_privately``: the browser may keep the
response but must ask first, and gets a 304 when nothing changed. Whatever a view says
with ``private`` or ``no-store`` itself is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin

PRIVATE = "private, no-store"


def revalidate_privately(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``Cache-Control: private, no-cache``: kept by the browser only, revalidated each time.

    Use it with an ETag or Last-Modified (Django's ``@condition``/``@etag``), or the
    browser has nothing to revalidate with.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    return wrapper


def _is_personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty()


class PrivateResponsesMiddleware(MiddlewareMixin):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not _is_personal(request):
            return response
        current = response.get("Cache-Control", "")
        directives = {part.strip().split("=")[0].lower() for part in current.split(",")}
        if "private" in directives:
            return response
        if "no-store" in directives:
            patch_cache_control(response, private=True)
            return response
        # Anything else a view said (public, max-age…) does not hold for a personal page.
        response["Cache-Control"] = PRIVATE
        return response
