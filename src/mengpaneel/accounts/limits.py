"""How often people may try to log in, and ask for a password reset e-mail.

Failed logins are counted three ways, each with its own limit: per address and IP
(a person who mistypes), per IP over all addresses (one machine trying many
accounts), and per address over all IPs (many machines trying one account). The
first is reset by a successful login; the account's own count only by setting a new
password, so an attacker cannot clear it by logging in elsewhere, and a person
locked out by an attack gets in again through "Forgot your password?".
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from mengpaneel.ratelimit import Rate, Verdict, address_key, client_ip, first_refusal, hit_all

LOGIN_WINDOW = timedelta(hours=1)
_LOGIN_MESSAGE = _(
    "To protect the accounts, logging in from here is paused after too many wrong "
    "passwords. Try again later, or set a new password via 'Forgot your password?': "
    "that opens your account again at once."
)


def _login_rate(scope: str, limit: int) -> Rate:
    return Rate(
        scope,
        limit,
        LOGIN_WINDOW,
        message=_LOGIN_MESSAGE,
        help_url=reverse_lazy("accounts:password_reset"),
        help_label=_("Forgot your password?"),
    )


def login_rates(request: HttpRequest, email: str) -> list[tuple[Rate, str]]:
    """The three counters one login attempt touches, with their keys."""
    address, ip = address_key(email), client_ip(request)
    return [
        (
            _login_rate("login-address-ip", settings.LOGIN_FAILURES_PER_ADDRESS_AND_IP),
            f"{address}|{ip}",
        ),
        (_login_rate("login-ip", settings.LOGIN_FAILURES_PER_IP), ip),
        (_login_rate("login-address", settings.LOGIN_FAILURES_PER_ADDRESS), address),
    ]


def login_refusal(request: HttpRequest, email: str) -> Verdict | None:
    """Why this attempt may not even be tried, if it may not."""
    return first_refusal(*(rate.check(key) for rate, key in login_rates(request, email)))


def count_failed_login(request: HttpRequest, email: str) -> None:
    hit_all(*login_rates(request, email))


def forget_failed_logins(request: HttpRequest, email: str) -> None:
    """A successful login: the person at this address and IP typed it right after all."""
    rate, key = login_rates(request, email)[0]
    rate.reset(key)


def forget_account_failures(request: HttpRequest, email: str) -> None:
    """A new password was set through the e-mailed link: the account opens again."""
    for rate, key in login_rates(request, email)[::2]:
        rate.reset(key)


RESET_WINDOW = timedelta(hours=1)


def reset_mail_rates(request: HttpRequest, email: str) -> list[tuple[Rate, str]]:
    """Password reset e-mails per recipient address and per sender (the asking IP)."""
    return [
        (
            Rate(
                "reset-mail-address",
                settings.RESET_MAILS_PER_ADDRESS,
                RESET_WINDOW,
                message=_(
                    "We have already sent several e-mails to this address in the last hour. "
                    "Look in your inbox and spam folder, or try again later."
                ),
            ),
            address_key(email),
        ),
        (
            Rate(
                "reset-mail-ip",
                settings.RESET_MAILS_PER_IP,
                RESET_WINDOW,
                message=_(
                    "Many password e-mails have been asked for from your network in the last "
                    "hour. Try again later."
                ),
            ),
            client_ip(request),
        ),
    ]
