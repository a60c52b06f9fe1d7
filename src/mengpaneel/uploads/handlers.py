"""Refuse an oversized file while it arrives, and keep the rest of the form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class SizeLimitUploadHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: stops storing a file past ``MAX_UPLOAD_BYTES``.

    Skipping the file (rather than stopping the upload) lets the other fields of the
    form arrive, so the page can say "too large" and keep what the person typed.
    The skipped field's name is kept in ``request.refused_uploads``.
    """

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            refused = getattr(self.request, "refused_uploads", None)
            if refused is None:
                refused = set()
                setattr(self.request, "refused_uploads", refused)  # noqa: B010 (not on the type)
            refused.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def refused_uploads(request: HttpRequest) -> set[str]:
    """The file fields of this request that were too large to keep."""
    return set(getattr(request, "refused_uploads", ()))
