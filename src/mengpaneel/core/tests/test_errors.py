"""Error pages: styled, Dutch and English, and the 500 page needs neither database nor
request; a disk that takes no writes answers a maintenance page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from mengpaneel.core import errors
from mengpaneel.testing.factories import PASSWORD, UserFactory

ERROR_URLS = "mengpaneel.core.tests.urls"


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = ERROR_URLS
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_bug_shows_the_styled_page_in_dutch(failing_client):
    response = failing_client.get("/test/kapot/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging bij ons iets mis" in page
    assert 'lang="nl"' in page and "theme.css" in page


@pytest.mark.django_db
def test_and_in_english_when_that_was_chosen(failing_client):
    failing_client.cookies["django_language"] = "en"
    response = failing_client.get("/test/kapot/")
    assert "Something went wrong on our side" in response.content.decode()


def test_the_500_page_needs_no_database_and_no_request():
    """Not marked for the database: any query here would fail the test."""
    response = errors.server_error(None)
    assert response.status_code == 500
    assert "Mengpaneel" in response.content.decode()


def test_the_400_page_needs_no_request():
    response = errors.bad_request(None, ValueError("nonsense"))
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_host_we_do_not_serve_gets_the_styled_400(failing_client):
    response = failing_client.get("/", HTTP_HOST="elders.example.org")
    assert response.status_code == 400
    assert "kon niet worden begrepen" in response.content.decode()


@pytest.mark.django_db
def test_a_forbidden_action_gets_the_styled_403(failing_client):
    response = failing_client.get("/test/verboden/")
    assert response.status_code == 403
    assert "Dit mag je niet doen" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_says_what_to_do(settings):
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "a@example.org", "password": "x"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Het formulier kon niet worden verstuurd" in page
    assert "opnieuw" in page


@pytest.mark.django_db
def test_a_full_disk_is_maintenance_not_a_bug(failing_client):
    response = failing_client.get("/test/schijf-vol/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "schijf" in response.content.decode() and "vol" in response.content.decode()


class _ReadOnly:
    """The database connection refuses writes, as on a read-only disk or a PostgreSQL standby."""

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = ON")
            else:
                cursor.execute("SET default_transaction_read_only = on")
        return self

    def __exit__(self, *exc_info):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = OFF")
            else:
                cursor.execute("SET default_transaction_read_only = off")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_on_a_read_only_database_answers_the_maintenance_page(client, settings):
    """The review's finding: writes on a read-only disk answered a generic 500."""
    settings.DEBUG = False
    UserFactory(email="wijk@example.org")
    client.raise_request_exception = False
    with _ReadOnly():
        page = client.get(reverse("accounts:login"))
        # Logging in writes (the last login, the session): refused by the database.
        response = client.post(
            reverse("accounts:login"), {"username": "wijk@example.org", "password": PASSWORD}
        )
    assert page.status_code == 200  # reading still works
    assert response.status_code == 503
    text = response.content.decode()
    assert "kan nu niets opslaan" in text and "niet opgeslagen" in text


def test_storage_failures_are_told_apart_from_bugs():
    from mengpaneel.core.storage import FULL, READ_ONLY, storage_failure

    class ReadOnlyTransaction(Exception):
        sqlstate = "25006"

    class DiskFull(Exception):
        sqlstate = "53100"

    wrapped = RuntimeError("outer")
    wrapped.__cause__ = DiskFull()
    assert storage_failure(ReadOnlyTransaction()) == READ_ONLY
    assert storage_failure(wrapped) == FULL
    assert storage_failure(OSError(28, "No space left on device")) == FULL
    assert storage_failure(OSError(30, "Read-only file system")) == READ_ONLY
    assert storage_failure(RuntimeError("a bug")) is None
    assert storage_failure(None) is None


def test_the_maintenance_page_needs_no_request():
    request = RequestFactory().get("/")
    assert (
        errors.MaintenanceMiddleware(lambda r: None).process_exception(
            request, RuntimeError("a bug")
        )
        is None
    )
