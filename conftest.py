"""Shared test set-up: fast settings and the personas every permission test speaks of."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection

from mengpaneel.testing.factories import (
    EditionFactory,
    MeetingFactory,
    OrganiserFactory,
    TrioFactory,
    TrioMemberFactory,
    UserFactory,
    municipality,
)


def pytest_runtest_setup(item) -> None:
    """``@pytest.mark.postgres``: the test needs what only PostgreSQL does (row locks between
    concurrent transactions). `make test` runs the suite on PostgreSQL too, so under CI these
    tests run there; the SQLite pass skips them."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of `make test`)")


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_settings(settings, _media_root):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Uploads of a test run never land in the project's own var/media.
    settings.MEDIA_ROOT = _media_root


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters start at zero in every test.

    In the database cache they go with each test's transaction; Redis (with REDIS_URL,
    as under CI) keeps them, so it is emptied (each worktree and CI use a Redis
    database of their own).
    """
    from django.core.cache import caches

    from mengpaneel.ratelimit.cache import DatabaseCache

    cache = caches["default"]
    if not isinstance(cache, DatabaseCache):
        cache.clear()


@dataclass
class World:
    """Two editions, each with its own organiser; edition A has two trios."""

    organiser: object
    other_organiser: object
    member: object
    membership: object
    other_trio_member: object
    outsider: object
    edition: object
    other_edition: object
    trio: object
    other_trio: object
    meeting: object


@pytest.fixture
def world(db) -> World:
    organiser = OrganiserFactory(name="Olga Organisator")
    other_organiser = OrganiserFactory(name="Otto Anderorganisator")
    edition = EditionFactory(name="Werkplaats A", slug="werkplaats-a", organisers=[organiser])
    other_edition = EditionFactory(
        name="Werkplaats B", slug="werkplaats-b", organisers=[other_organiser]
    )
    trio = TrioFactory(edition=edition, municipality=municipality("GM1959"))
    other_trio = TrioFactory(edition=edition)
    membership = TrioMemberFactory(trio=trio)
    other_trio_member = TrioMemberFactory(trio=other_trio).user
    TrioMemberFactory(trio=TrioFactory(edition=other_edition))
    return World(
        organiser=organiser,
        other_organiser=other_organiser,
        member=membership.user,
        membership=membership,
        other_trio_member=other_trio_member,
        outsider=UserFactory(name="Buiten Staander"),
        edition=edition,
        other_edition=other_edition,
        trio=trio,
        other_trio=other_trio,
        meeting=MeetingFactory(edition=edition, number=1),
    )
