"""Who is asking: the client's address, as far as we can trust it.

Behind a reverse proxy (``BEHIND_PROXY=true``) every request comes from the proxy, so
the address that counts is the one the proxy saw and appended to
``X-Forwarded-For``: the last entry. Entries before it were sent by the client and
prove nothing. Without a proxy the header is ignored altogether.

IPv6 addresses are grouped by their /64 network: one connection usually holds a
whole /64, and counting single addresses would give it 2^64 fresh starts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPV6_PREFIX = 64


def client_ip(request: HttpRequest) -> str:
    """The client's address (an IPv6 one as its /64 network), or "unknown"."""
    raw = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            raw = last
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def session_key(request: HttpRequest) -> str:
    """The browser session's key (empty before the session holds anything)."""
    session = getattr(request, "session", None)
    return (session.session_key or "") if session is not None else ""


def address_key(email: str) -> str:
    """An e-mail address as one key, however it was typed."""
    return (email or "").strip().lower()
