"""Request types for views, so the type checker knows what the middleware adds.

``request.htmx`` comes from django-htmx's middleware. Behind ``login_required`` the user
is a ``User``, never the anonymous one: views there take an ``AuthenticatedHttpRequest``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from mengpaneel.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User  # narrower than HttpRequest's: login_required let only a User through
