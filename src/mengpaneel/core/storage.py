"""Recognising a database that cannot be written: a read-only or a full disk.

Such a failure is not a bug to show as a 500: nothing the person did was wrong, and
nothing was saved. The error pages answer it with a maintenance page (503), the
health endpoint reports it, and ``mengpaneel serve`` says so at start.
"""

from __future__ import annotations

import errno

from django.db import DatabaseError

READ_ONLY = "read-only"
FULL = "full"

# SQLite reports these in the error text; PostgreSQL by SQLSTATE.
_SQLITE_MESSAGES = {
    "attempt to write a readonly database": READ_ONLY,
    "readonly database": READ_ONLY,
    "database or disk is full": FULL,
    "disk i/o error": FULL,
}
_POSTGRESQL_STATES = {
    "25006": READ_ONLY,  # read_only_sql_transaction: a standby, or default_transaction_read_only
    "53100": FULL,  # disk_full
}
_OS_ERRORS = {errno.EROFS: READ_ONLY, errno.ENOSPC: FULL, errno.EDQUOT: FULL}


def storage_failure(error: BaseException | None) -> str | None:
    """``READ_ONLY`` or ``FULL`` when ``error`` (or what caused it) means that, else None."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, OSError) and error.errno in _OS_ERRORS:
            return _OS_ERRORS[error.errno]
        state = getattr(error, "sqlstate", None)
        if state in _POSTGRESQL_STATES:
            return _POSTGRESQL_STATES[state]
        if isinstance(error, DatabaseError) or type(error).__module__ == "sqlite3":
            text = str(error).lower()
            for message, failure in _SQLITE_MESSAGES.items():
                if message in text:
                    return failure
        error = error.__cause__ or error.__context__
        seen += 1
    return None
