"""Downloads of an edition's panels, for its organisers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.reports import export
from mengpaneel.workshops import access

# ?voor=spreadsheet: the CSV with a byte order mark, so Excel reads its accents right.
SPREADSHEET = "spreadsheet"


@login_required
@require_GET
def export_panels(request: AuthenticatedHttpRequest, slug: str, fmt: str) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    content_type = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    bom = fmt == "csv" and request.GET.get("voor") == SPREADSHEET
    response = HttpResponse(
        export.render(export.export_rows(edition), fmt, bom=bom), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="mengpanelen-{edition.slug}.{fmt}"'
    return response
