"""Uploads: kinds by content, limits while arriving, unguessable storage, safe downloads."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from mengpaneel.uploads import kinds, responses, storage
from mengpaneel.uploads.handlers import SizeLimitUploadHandler, refused_uploads

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
WEBP_BYTES = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the msgids)."""
    with translation.override("en"):
        yield


def _zip(entries: dict[str, bytes], *, first: tuple[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "bestand.bin", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    "data, expected",
    [
        (PDF_BYTES, kinds.PDF),
        (PNG_BYTES, kinds.PNG),
        (JPEG_BYTES, kinds.JPEG),
        (WEBP_BYTES, kinds.WEBP),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), kinds.DOCX),
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}), kinds.XLSX),
        (_zip({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<p/>"}), kinds.PPTX),
        (
            _zip(
                {"content.xml": b"<o/>"},
                first=("mimetype", b"application/vnd.oasis.opendocument.text"),
            ),
            kinds.ODT,
        ),
        (
            _zip(
                {"content.xml": b"<o/>"},
                first=("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ),
            kinds.ODS,
        ),
    ],
    ids=lambda value: value.key if isinstance(value, kinds.FileKind) else "",
)
def test_a_file_is_known_by_its_content(data, expected):
    assert kinds.identify(io.BytesIO(data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        EXE_BYTES,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"<html><script>alert(1)</script></html>",
        _zip({"evil.exe": EXE_BYTES}),
        # An OpenDocument template's type is longer than the text's: not the same kind.
        _zip({"x": b""}, first=("mimetype", b"application/vnd.oasis.opendocument.text-template")),
        b"",
    ],
    ids=["executable", "svg", "html", "plain-zip", "odf-template", "empty"],
)
def test_other_content_is_no_kind_we_accept(data):
    assert kinds.identify(io.BytesIO(data)) is None


def test_a_zip_with_a_huge_directory_is_not_read_as_a_document(monkeypatch):
    monkeypatch.setattr(kinds, "MAX_ZIP_ENTRIES", 3)
    data = _zip({"[Content_Types].xml": b"", "word/document.xml": b"", "a": b"", "b": b""})
    assert kinds.identify(io.BytesIO(data)) is None


def test_a_renamed_executable_is_refused_with_what_to_do():
    upload = _upload(EXE_BYTES, name="organogram.pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        kinds.check_upload(upload, kinds=(kinds.PDF, kinds.PNG), max_bytes=1_000_000)
    message = refused.value.messages[0]
    assert "not a PDF or PNG image" in message and "upload it again" in message


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit():
    upload = _upload(PDF_BYTES + b"\x00" * 2_000_000)
    with pytest.raises(ValidationError) as refused:
        kinds.check_upload(upload, kinds=(kinds.PDF,), max_bytes=1_500_000)
    assert "2 MB" in refused.value.messages[0] and "1.5 MB" in refused.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        kinds.check_upload(_upload(b""), kinds=(kinds.PDF,), max_bytes=10)


def test_the_kind_comes_from_the_content_not_the_name():
    upload = _upload(PNG_BYTES, name="chart.pdf", content_type="application/pdf")
    assert kinds.check_upload(upload, kinds=kinds.ALL, max_bytes=1_000) == kinds.PNG


def _multipart(settings, *, size: int):
    settings.MAX_UPLOAD_BYTES = 1_000
    boundary = "grens"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="note"\r\n\r\n'
            "Mijn tekst blijft\r\n"
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="groot.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF_BYTES
        + b"\x00" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = RequestFactory().generic(
        "POST", "/", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    request.upload_handlers = [SizeLimitUploadHandler(request)] + request.upload_handlers[1:]
    return request


def test_an_oversized_file_is_dropped_while_it_arrives_and_the_text_is_kept(settings):
    request = _multipart(settings, size=5_000)
    assert request.POST["note"] == "Mijn tekst blijft"
    assert "file" not in request.FILES
    assert refused_uploads(request) == {"file"}


def test_a_file_within_the_limit_arrives(settings):
    request = _multipart(settings, size=100)
    assert request.FILES["file"].read().startswith(b"%PDF-")
    assert refused_uploads(request) == set()


def test_the_settings_put_the_size_limit_first(settings):
    assert settings.FILE_UPLOAD_HANDLERS[0].endswith("SizeLimitUploadHandler")


def test_stored_names_are_random_and_say_nothing_about_the_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with storage.stored(ContentFile(PDF_BYTES), folder="proef", kind=kinds.PDF) as first:
        pass
    with storage.stored(ContentFile(PDF_BYTES), folder="proef", kind=kinds.PDF) as second:
        pass
    assert first != second
    assert first.startswith("proef/") and first.endswith(".pdf")
    assert len(first.removeprefix("proef/").removesuffix(".pdf")) == 32
    assert (tmp_path / first).read_bytes() == PDF_BYTES


def test_a_failed_save_leaves_no_file_behind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(RuntimeError):
        with storage.stored(ContentFile(PDF_BYTES), folder="proef", kind=kinds.PDF) as name:
            raise RuntimeError("the row could not be saved")
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_discarded_file_goes_once_the_transaction_commits(settings, tmp_path):
    from django.db import transaction

    settings.MEDIA_ROOT = tmp_path
    with storage.stored(ContentFile(PDF_BYTES), folder="proef", kind=kinds.PDF) as name:
        pass
    with transaction.atomic():
        storage.discard(name)
        assert default_storage.exists(name)
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "parts, expected",
    [
        (("organogram", "Altena"), "organogram-altena.pdf"),
        (("organogram", "'s-Hertogenbosch"), "organogram-s-hertogenbosch.pdf"),
        (("../../etc/passwd", 'a"b\r\nc'), "etcpasswd-ab-c.pdf"),
        (("שכונה", "🏘️"), "bestand.pdf"),
    ],
)
def test_download_names_are_plain_ascii_with_our_extension(parts, expected):
    assert responses.safe_download_name(*parts, extension="pdf") == expected


def test_a_download_is_a_private_attachment_that_is_never_sniffed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with storage.stored(ContentFile(PNG_BYTES), folder="proef", kind=kinds.PNG) as name:
        pass
    response = responses.attachment(name, kind=kinds.PNG, download_name="organogram-altena.png")
    assert response["Content-Disposition"] == 'attachment; filename="organogram-altena.png"'
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG_BYTES
