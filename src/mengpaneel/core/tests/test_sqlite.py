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


# --- A read-only disk ---------------------------------------------------------------


@pytest.fixture
def read_only_disk(database, monkeypatch, tmp_path):
    """The database file exists, and its disk refuses to open it for writing."""
    from django.db.backends.sqlite3 import base as django_sqlite

    from mengpaneel.core import sqlite as ours
    from mengpaneel.core.sqlite import base as our_base

    def write(wrapper):
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE note (text TEXT)")
            cursor.execute("INSERT INTO note VALUES ('kept')")

    _in_a_thread(database, write)
    database.close_all()
    while not our_base._idle_for(tmp_path / "reuse.sqlite3").empty():
        our_base._idle_for(tmp_path / "reuse.sqlite3").get_nowait().close()
    opening = django_sqlite.DatabaseWrapper.get_new_connection

    def refuse_writable(self, conn_params):
        if "mode=ro" not in str(conn_params["database"]):
            raise django_sqlite.Database.OperationalError("unable to open database file")
        return opening(self, conn_params)

    monkeypatch.setattr(django_sqlite.DatabaseWrapper, "get_new_connection", refuse_writable)
    monkeypatch.setattr(our_base, "on_read_only_disk", lambda path: True)
    monkeypatch.setattr(our_base, "_warned", set())
    assert ours  # the backend under test
    return database


def test_on_a_read_only_disk_the_database_opens_for_reading(read_only_disk, caplog):
    """The review's finding: the default SQLite backend did not start (a traceback)."""

    def read(wrapper):
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT text FROM note")
            return cursor.fetchall()

    assert _in_a_thread(read_only_disk, read) == [("kept",)]
    assert "read-only disk" in caplog.text
    assert caplog.text.count("read-only disk") == 1  # said once, not on every request
    _in_a_thread(read_only_disk, read)
    assert caplog.text.count("read-only disk") == 1


def test_on_a_read_only_disk_a_save_is_told_apart_from_a_bug(read_only_disk):
    from django.db import OperationalError

    from mengpaneel.core.storage import READ_ONLY, storage_failure

    def write(wrapper):
        with wrapper.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('lost')")

    with pytest.raises(OperationalError) as raised:
        _in_a_thread(read_only_disk, write)
    assert storage_failure(raised.value) == READ_ONLY


def test_a_read_only_connection_is_not_kept_for_the_next_request(read_only_disk):
    first = _in_a_thread(read_only_disk, _query)
    assert _in_a_thread(read_only_disk, _query) is not first
