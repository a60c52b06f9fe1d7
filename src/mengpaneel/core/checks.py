"""Settings that work but are unsafe in production: warned about by ``check --deploy``
and at the start of ``mengpaneel serve`` (with DEBUG off).

Django's own deployment checks cover the rest (HSTS, secure cookies, and a console
e-mail backend: ``mail.E001``, so no check of ours repeats it).
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def unsafe_production_settings(app_configs, **kwargs) -> list[Warning]:
    if settings.DEBUG:
        return []
    warnings = []
    if not settings.HTTPS:
        warnings.append(
            Warning(
                "HTTPS is off while DEBUG is off: passwords and session cookies travel "
                "unencrypted, and browsers send the session cookie over plain HTTP.",
                hint="Serve Mengpaneel over HTTPS (a TLS proxy in front) and leave HTTPS unset "
                "or set HTTPS=true.",
                id="mengpaneel.W001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        warnings.append(
            Warning(
                "ALLOWED_HOSTS contains '*': any Host header is accepted, so links in "
                "e-mails (invitations, password resets) can be made to point elsewhere.",
                hint="Set ALLOWED_HOSTS to the names Mengpaneel is reached by, e.g. "
                "ALLOWED_HOSTS=mengpaneel.example.org.",
                id="mengpaneel.W002",
            )
        )
    if settings.HTTPS and not settings.BEHIND_PROXY:
        warnings.append(
            Warning(
                "HTTPS is on but BEHIND_PROXY is off: `mengpaneel serve` speaks plain HTTP, so "
                "every request looks insecure and is redirected to https:// again and again, "
                "and every client seems to come from the proxy's address.",
                hint="Behind a TLS proxy that sets X-Forwarded-Proto and X-Forwarded-For, set "
                "BEHIND_PROXY=true (README, 'Running in production').",
                id="mengpaneel.W003",
            )
        )
    sender = settings.DEFAULT_FROM_EMAIL.strip()
    if not sender or sender.rstrip(">").endswith(".localhost"):
        warnings.append(
            Warning(
                f"DEFAULT_FROM_EMAIL is {sender!r}: mail servers refuse or bin mail from an "
                "empty or .localhost address.",
                hint="Set DEFAULT_FROM_EMAIL to an address of your own domain.",
                id="mengpaneel.W004",
            )
        )
    return warnings
