"""Django's SQLite backend, with the connections of finished requests kept for the next ones.

Under ASGI, Django runs the synchronous part of each request in a new thread, and a
database connection belongs to its thread: ``CONN_MAX_AGE`` never reuses one, so every
request opened the database file again (about a millisecond: mapping the WAL index and
registering Django's SQL functions, more than the queries of a small page). PostgreSQL
has Django's pool for this; SQLite has none. This backend keeps a few idle connections
per process and database file and hands them to the next thread that connects.

Only a clean connection goes back: autocommit on, no transaction open, not inside an
atomic block. Django opens SQLite connections with ``check_same_thread=False`` and
SQLite serialises access, so a connection may move to another thread once its first
thread is done with it. In-memory databases are never closed, so never kept.
"""

from __future__ import annotations

import os
import queue
import threading

from django.db.backends.sqlite3 import base

IDLE_PER_DATABASE = 4

_lock = threading.Lock()
_idle: dict[tuple[int, str], queue.LifoQueue] = {}


def _idle_for(database) -> queue.LifoQueue:
    # Keyed by process too: a forked child must not share its parent's connections.
    key = (os.getpid(), str(database))
    with _lock:
        if key not in _idle:
            _idle[key] = queue.LifoQueue(maxsize=IDLE_PER_DATABASE)
        return _idle[key]


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if not self.is_in_memory_db():
            try:
                return _idle_for(conn_params["database"]).get_nowait()
            except queue.Empty:
                pass
        return super().get_new_connection(conn_params)

    def _close(self):
        connection = self.connection
        clean = (
            connection is not None
            and not self.is_in_memory_db()
            and not self.in_atomic_block
            and self.autocommit
            and not connection.in_transaction
        )
        if clean:
            try:
                _idle_for(self.settings_dict["NAME"]).put_nowait(connection)
                return None
            except queue.Full:
                pass
        return super()._close()  # type: ignore[misc]  # Django's, not in the stubs
