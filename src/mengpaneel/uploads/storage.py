"""Where uploaded files are kept: under MEDIA_ROOT, with names nobody can guess."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from mengpaneel.uploads.kinds import FileKind


def unguessable_name(folder: str, kind: FileKind) -> str:
    """``folder/<32 random characters>.<ext>``: no owner, no original name, no order."""
    return f"{folder}/{secrets.token_urlsafe(24)}.{kind.extension}"


@contextmanager
def stored(file: File[bytes], *, folder: str, kind: FileKind) -> Iterator[str]:
    """Keep ``file`` under MEDIA_ROOT and yield its stored name for the row that points to it.

    If the block fails (the row could not be saved), the file is removed again, so a
    failed save leaves no orphan behind.
    """
    file.seek(0)
    name = default_storage.save(unguessable_name(folder, kind), file)
    try:
        yield name
    except BaseException:
        default_storage.delete(name)
        raise


def discard(name: str) -> None:
    """Remove a stored file once the current transaction has committed (at once outside one)."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
