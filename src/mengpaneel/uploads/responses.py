"""Sending an uploaded file back: always a download, private, with a name we make."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.text import slugify

from mengpaneel.uploads.kinds import FileKind


def safe_download_name(*parts: str, extension: str) -> str:
    """``organogram-altena.pdf``: ASCII words from ``parts`` and the kind's own extension.

    Never the name the file was uploaded with: that is the uploader's text, and a
    name with quotes, slashes or control characters does not belong in a header.
    """
    stem = "-".join(filter(None, (slugify(part) for part in parts)))[:80].strip("-")
    return f"{stem or 'bestand'}.{extension}"


def attachment(name: str, *, kind: FileKind, download_name: str) -> FileResponse:
    """The stored file ``name`` as an attachment. Check access before calling this."""
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=download_name,
        content_type=kind.content_type,
    )
    # Private: only the people the access helper let through may keep a copy.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser show it after all, it runs nothing and loads nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
