"""The kinds of file we accept, recognised by content, and the check every upload passes."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 512
# A real document has a few hundred entries; a directory of thousands is a trap
# (a zip bomb's cousin), and reading it would cost memory for nothing.
MAX_ZIP_ENTRIES = 5_000


@dataclass(frozen=True)
class FileKind:
    key: str
    extension: str
    content_type: str
    label: str | Promise
    matches: Callable[[bytes, IO[bytes]], bool]

    def __str__(self) -> str:
        return str(self.label)


def _zip_names(file: IO[bytes]) -> set[str]:
    """The entry names of a zip file, from its central directory only (nothing is unpacked)."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return set()
            return {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set()
    finally:
        file.seek(0)


def _ooxml(part: str) -> Callable[[bytes, IO[bytes]], bool]:
    def matches(head: bytes, file: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(file)
        return "[Content_Types].xml" in names and part in names

    return matches


def _opendocument(mimetype: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    # OpenDocument requires an uncompressed first entry "mimetype" holding the type,
    # so it can be read straight from the first bytes.
    def matches(head: bytes, file: IO[bytes]) -> bool:
        return (
            head.startswith(b"PK\x03\x04")
            and head[30:38] == b"mimetype"
            and head[38 : 38 + len(mimetype)] == mimetype
            and head[38 + len(mimetype) : 38 + len(mimetype) + 1] != b"-"
        )

    return matches


PDF = FileKind("pdf", "pdf", "application/pdf", _("PDF"), lambda h, f: h.startswith(b"%PDF-"))
PNG = FileKind(
    "png", "png", "image/png", _("PNG image"), lambda h, f: h.startswith(b"\x89PNG\r\n\x1a\n")
)
JPEG = FileKind(
    "jpeg", "jpg", "image/jpeg", _("JPEG image"), lambda h, f: h.startswith(b"\xff\xd8\xff")
)
WEBP = FileKind(
    "webp",
    "webp",
    "image/webp",
    _("WebP image"),
    lambda h, f: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
)
DOCX = FileKind(
    "docx",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _("Word document"),
    _ooxml("word/document.xml"),
)
XLSX = FileKind(
    "xlsx",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _("Excel workbook"),
    _ooxml("xl/workbook.xml"),
)
PPTX = FileKind(
    "pptx",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    _("PowerPoint presentation"),
    _ooxml("ppt/presentation.xml"),
)
ODT = FileKind(
    "odt",
    "odt",
    "application/vnd.oasis.opendocument.text",
    _("OpenDocument text"),
    _opendocument(b"application/vnd.oasis.opendocument.text"),
)
ODS = FileKind(
    "ods",
    "ods",
    "application/vnd.oasis.opendocument.spreadsheet",
    _("OpenDocument spreadsheet"),
    _opendocument(b"application/vnd.oasis.opendocument.spreadsheet"),
)
ODP = FileKind(
    "odp",
    "odp",
    "application/vnd.oasis.opendocument.presentation",
    _("OpenDocument presentation"),
    _opendocument(b"application/vnd.oasis.opendocument.presentation"),
)

IMAGES = (PNG, JPEG, WEBP)
DOCUMENTS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP)
ALL = (*DOCUMENTS, *IMAGES)
BY_KEY = {kind.key: kind for kind in ALL}


def identify(file: IO[bytes], kinds: Sequence[FileKind] = ALL) -> FileKind | None:
    """The first of ``kinds`` that the file's content is, or None. The name plays no part."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for kind in kinds:
        if kind.matches(head, file):
            return kind
    return None


def kinds_in_words(kinds: Sequence[FileKind]) -> str:
    labels = [str(kind.label) for kind in kinds]
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {gettext('or')} {labels[-1]}"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


def check_upload(
    upload: UploadedFile[bytes], *, kinds: Sequence[FileKind], max_bytes: int
) -> FileKind:
    """The kind of ``upload``; a ValidationError that says what is wrong and what to do.

    The size is checked again here (the upload handler already refused larger files)
    because a file can also reach a form without passing through a request.
    """
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            gettext("The file is empty. Choose the file again, or another one."), code="empty"
        )
    if size > max_bytes:
        raise ValidationError(
            gettext(
                "The file is %(size)s MB; at most %(limit)s MB fits. Make it smaller "
                "(e.g. save it as a PDF or a smaller image) and upload it again."
            )
            % {"size": megabytes(size), "limit": megabytes(max_bytes)},
            code="too_large",
        )
    if upload.file is None:
        raise ValidationError(
            gettext("The file is empty. Choose the file again, or another one."), code="empty"
        )
    kind = identify(upload.file, kinds)
    if kind is None:
        raise ValidationError(
            gettext(
                "This file is not a %(kinds)s (we look at what is in the file, not at its "
                "name). Save it as one of those and upload it again."
            )
            % {"kinds": kinds_in_words(kinds)},
            code="wrong_kind",
        )
    return kind
