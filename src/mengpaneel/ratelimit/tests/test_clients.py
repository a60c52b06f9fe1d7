"""The client's address: from the proxy's last X-Forwarded-For entry only behind a proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from mengpaneel.ratelimit import client_ip


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_proxy_the_address_the_proxy_saw_counts(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(_request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"


def test_behind_a_proxy_addresses_the_client_made_up_are_ignored(settings):
    settings.BEHIND_PROXY = True
    # The client sent "X-Forwarded-For: 10.0.0.1"; nginx appended what it saw.
    assert client_ip(_request("127.0.0.1", "10.0.0.1, 198.51.100.1")) == "198.51.100.1"


def test_behind_a_proxy_a_request_without_the_header_is_the_connection(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


@pytest.mark.parametrize(
    "remote, expected",
    [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.4", "192.0.2.4"),
        ("not an address", "unknown"),
    ],
)
def test_ipv6_counts_per_network(settings, remote, expected):
    settings.BEHIND_PROXY = False
    assert client_ip(_request(remote)) == expected
