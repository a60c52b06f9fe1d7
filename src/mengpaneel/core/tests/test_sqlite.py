"""The SQLite backend hands a finished request's connection to the next request's thread."""

from __future__ import annotations

import threading

import pytest
from django.db.utils import ConnectionHandler


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A handler for a database file of its own (the test database lives in memory)."""
    handler = ConnectionHandler(
        {"default": {"ENGINE": "mengpaneel.core.sqlite", "NAME": tmp_path / "reuse.sqlite3"}}
    )
    with django_db_blocker.unblock():
        yield handler
    handler.close_all()


def _in_a_thread(handler: ConnectionHandler, work) -> object:
    """What ``work(wrapper)`` returns, run in a new thread as ASGI runs a request."""
    outcome = {}

    def request() -> None:
        wrapper = handler["default"]
        try:
            outcome["value"] = work(wrapper)
        except Exception as error:  # handed to the test's thread
            outcome["error"] = error
        finally:
            wrapper.close()  # what Django does when a request finishes

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _query(wrapper) -> object:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 1")
    return wrapper.connection


def test_the_next_request_gets_the_connection_of_the_last_one(database):
    first = _in_a_thread(database, _query)
    second = _in_a_thread(database, _query)
    assert second is first


def test_a_connection_in_the_middle_of_a_transaction_is_not_handed_on(database):
    def leave_a_transaction_open(wrapper):
        wrapper.set_autocommit(False)
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
        return wrapper.connection

    abandoned = _in_a_thread(database, leave_a_transaction_open)
    assert _in_a_thread(database, _query) is not abandoned


def test_what_one_request_wrote_the_next_reads(database):
    def write(wrapper):
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
            cursor.execute("INSERT INTO note VALUES ('kept')")

    def read(wrapper):
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT text FROM note")
            return cursor.fetchall()

    _in_a_thread(database, write)
    assert _in_a_thread(database, read) == [("kept",)]
