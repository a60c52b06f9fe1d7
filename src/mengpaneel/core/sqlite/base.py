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

When the file cannot be opened for writing because its disk is read-only (a remount
after a disk error, a restored snapshot), the backend opens it read-only instead of
failing to start: pages can be read, and every save fails with SQLite's "readonly
database", which the error handling answers with a maintenance page. Such a
connection is never kept, so once the disk is writable again the next request gets a
writable one.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from pathlib import Path
from urllib.parse import quote

from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)

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


def on_read_only_disk(path: Path) -> bool:
    """Whether the database file's disk (or its folder) refuses writes."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


_warned: set[str] = set()


class DatabaseWrapper(base.DatabaseWrapper):
    init_commands: list[str]  # set by Django's get_connection_params
    opened_read_only = False

    def get_new_connection(self, conn_params):
        self.opened_read_only = False
        if not self.is_in_memory_db():
            try:
                return _idle_for(conn_params["database"]).get_nowait()
            except queue.Empty:
                pass
        try:
            return super().get_new_connection(conn_params)
        except self.Database.OperationalError:
            path = Path(str(conn_params["database"]))
            if self.is_in_memory_db() or not path.exists() or not on_read_only_disk(path):
                raise
            return self._open_read_only(conn_params, path)

    def _open_read_only(self, conn_params, path: Path):
        # Only the pragmas that write nothing; journal_mode=WAL would need the -shm file.
        init_commands, self.init_commands = self.init_commands, []
        try:
            uri = f"file:{quote(str(path))}?mode=ro"
            try:
                connection = super().get_new_connection({**conn_params, "database": uri})
                connection.execute("PRAGMA schema_version")  # SQLite opens the file lazily
            except self.Database.OperationalError:
                # A WAL database on a read-only disk, without its -shm file: SQLite can
                # read it only when told that nothing can change it, which is true here.
                connection = super().get_new_connection(
                    {**conn_params, "database": f"{uri}&immutable=1"}
                )
        finally:
            self.init_commands = init_commands
        self.opened_read_only = True
        if str(path) not in _warned:
            _warned.add(str(path))
            logger.error(
                "The database %s is on a read-only disk: it is opened read-only. Pages can be "
                "read; every save answers a maintenance page until the disk takes writes "
                "again (nothing needs restarting then).",
                path,
            )
        return connection

    def _close(self):
        connection = self.connection
        clean = (
            connection is not None
            and not self.opened_read_only
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
