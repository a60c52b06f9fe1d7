"""The named writes of the org-chart exercise, and the one reader of a trio's chart."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.orgchart import layers, outline
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.uploads import kinds, storage
from mengpaneel.workshops.models import Trio

OFFICIAL_KINDS = (kinds.PDF, kinds.PNG, kinds.JPEG, kinds.WEBP)
OFFICIAL_FOLDER = "organogrammen"


def chart_of(trio: Trio) -> OrgChart | None:
    return OrgChart.objects.filter(trio=trio).first()


def _locked_chart(trio: Trio) -> OrgChart:
    """The trio's chart row, locked for this transaction (made when missing)."""
    chart, _created = OrgChart.objects.select_for_update(of=("self",)).get_or_create(trio=trio)
    return chart


@transaction.atomic
def save_chart(
    trio: Trio,
    *,
    outline_text: str,
    area_unit_key: str,
    executive_key: str,
    not_named: bool,
    felt_alderman: str,
    felt_director: str,
    felt_note: str,
    by: User,
) -> OrgChart:
    """Keep the trio's outline, its mark and the felt distance.

    The outline is kept as typed (line numbers in messages stay true). A mark must
    name a unit of this outline, and a chosen executive must be above it.
    """
    parsed = outline.parse(outline_text) if outline_text.strip() else None
    area = parsed.find(area_unit_key) if parsed else None
    if area_unit_key and area is None:
        raise ValidationError(
            _("The marked unit is not in your outline. Choose the unit again."),
            code="unknown_unit",
        )
    if executive_key:
        executive = parsed.find(executive_key) if parsed else None
        if executive is None or area is None or not layers.is_above(executive, area):
            raise ValidationError(
                _("The executive must be above the marked unit. Choose a unit higher up."),
                code="executive",
            )
    chart = _locked_chart(trio)
    chart.outline = outline_text
    chart.area_unit_key = area.key if area else ""
    chart.executive_key = executive_key if area else ""
    chart.not_named = not_named and area is not None
    chart.felt_alderman = felt_alderman
    chart.felt_director = felt_director
    chart.felt_note = felt_note
    chart.is_illustrative = False  # the trio's own chart now, even if the demo started it
    chart.updated_by = by
    chart.updated_at = timezone.now()
    chart.save()
    return chart


@transaction.atomic
def attach_official(trio: Trio, upload: UploadedFile[bytes], *, by: User) -> OrgChart:
    """Keep the official chart (an image or PDF) beside the trio's own; replaces an earlier one."""
    kind = kinds.check_upload(upload, kinds=OFFICIAL_KINDS, max_bytes=settings.MAX_UPLOAD_BYTES)
    chart = _locked_chart(trio)
    previous = chart.official_file.name or ""
    with storage.stored(upload, folder=OFFICIAL_FOLDER, kind=kind) as name:
        chart.official_file.name = name
        chart.official_kind = kind.key
        chart.official_name = (upload.name or "")[:255]
        chart.official_size = upload.size
        chart.updated_by = by
        chart.updated_at = timezone.now()
        chart.save()
    storage.discard(previous)
    return chart


@transaction.atomic
def remove_official(trio: Trio, *, by: User) -> None:
    chart = OrgChart.objects.select_for_update(of=("self",)).filter(trio=trio).first()
    if chart is None or not chart.official_file:
        return
    storage.discard(chart.official_file.name or "")
    chart.official_file.name = ""
    chart.official_kind = chart.official_name = ""
    chart.official_size = None
    chart.updated_by = by
    chart.updated_at = timezone.now()
    chart.save()
