"""Login outcomes feed the login limits (``accounts.limits``) and the idle timeout."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from mengpaneel.accounts import limits
from mengpaneel.accounts.middleware import mark_active


@receiver(user_login_failed)
def count_failure(sender, credentials: dict, request=None, **kwargs) -> None:
    username = credentials.get("username") or credentials.get("email")
    if request is not None and username:
        limits.count_failed_login(request, username)


@receiver(user_logged_in)
def after_login(sender, request, user, **kwargs) -> None:
    if request is not None:
        limits.forget_failed_logins(request, user.email)
        mark_active(request.session)
