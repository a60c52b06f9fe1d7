from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from mengpaneel.accounts import limits
from mengpaneel.ratelimit import Limited


class LoginLimitBackend:
    """First in ``AUTHENTICATION_BACKENDS``: refuses an attempt past a login limit.

    It raises ``Limited`` before any password is compared, on every login form (the
    admin's included); the rate-limit middleware answers with the 429 page. Failures
    are counted by the ``user_login_failed`` receiver in ``accounts.signals``.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **_credentials
    ):
        if request is None or not username:
            return None
        refusal = limits.login_refusal(request, username)
        if refusal is not None:
            raise Limited(refusal)
        return None

    def get_user(self, user_id):
        # Being first, this backend is the one a test's force_login names in the session.
        return ModelBackend().get_user(user_id)
