"""The org-chart pages. Each view: access helper → form → one named write → render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.orgchart import access, charts, presenting
from mengpaneel.orgchart.forms import OfficialChartForm, OrgChartForm
from mengpaneel.uploads import kinds, responses
from mengpaneel.uploads.handlers import refused_uploads
from mengpaneel.uploads.kinds import megabytes
from mengpaneel.workshops.models import Trio


def _official_form(request: HttpRequest | None = None) -> OfficialChartForm:
    max_mb = megabytes(settings.MAX_UPLOAD_BYTES)
    if request is None:
        return OfficialChartForm(max_mb=max_mb)
    return OfficialChartForm(
        request.POST, request.FILES, refused=refused_uploads(request), max_mb=max_mb
    )


def _chart_page(request: HttpRequest, trio: Trio, official_form=None, status: int = 200):
    may_edit = access.may_edit(trio, request.user)
    context = {
        "trio": trio,
        "edition": trio.edition,
        # Others see a shared chart, not the trio's own page: no crumb to it.
        "crumb_trio": trio if may_edit else None,
        "view": presenting.chart_view(trio),
        "may_edit": may_edit,
        "official_form": official_form or _official_form(),
    }
    return render(request, "orgchart/trio_chart.html", context, status=status)


@login_required
@require_GET
def trio_chart(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_viewing(request, pk)
    return _chart_page(request, trio)


@login_required
@require_http_methods(["GET", "POST"])
def chart_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_editing(request, pk)
    chart = charts.chart_of(trio)
    form = OrgChartForm(request.POST or None, chart=chart)
    if form.is_valid():
        data = form.cleaned_data
        try:
            charts.save_chart(
                trio,
                outline_text=data["outline"],
                area_unit_key=data["area_unit"],
                executive_key=data["executive"],
                not_named=data["not_named"],
                felt_alderman=data["felt_alderman"],
                felt_director=data["felt_director"],
                felt_note=data["felt_note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["outline"].strip() and not data["area_unit"]:
                messages.success(
                    request, _("Your org chart is saved. Now mark where area-based working sits.")
                )
                return redirect("orgchart:edit", trio.pk)
            messages.success(request, _("Your org chart is saved."))
            return redirect("orgchart:trio_chart", trio.pk)
    context = {"trio": trio, "edition": trio.edition, "form": form, "chart": chart}
    return render(request, "orgchart/chart_form.html", context)


@login_required
@require_POST
def official_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_editing(request, pk)
    form = _official_form(request)
    if form.is_valid():
        try:
            charts.attach_official(trio, form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The official org chart is kept beside yours."))
            return redirect("orgchart:trio_chart", trio.pk)
    return _chart_page(request, trio, official_form=form, status=400)


@login_required
@require_POST
def official_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_editing(request, pk)
    charts.remove_official(trio, by=request.user)
    messages.success(request, _("The official org chart is removed."))
    return redirect("orgchart:trio_chart", trio.pk)


@login_required
@require_GET
def official_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    trio = access.get_trio_for_viewing(request, pk)
    chart = charts.chart_of(trio)
    kind = kinds.BY_KEY.get(chart.official_kind) if chart and chart.official_file else None
    if chart is None or kind is None:
        raise Http404
    name = responses.safe_download_name(
        _("official org chart"), trio.municipality.name, extension=kind.extension
    )
    return responses.attachment(chart.official_file.name or "", kind=kind, download_name=name)


@login_required
@require_GET
def chart_svg(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_viewing(request, pk)
    view = presenting.chart_view(trio)
    if not view.has_outline:
        raise Http404
    response = HttpResponse(view.standalone_svg(), content_type="image/svg+xml")
    name = responses.safe_download_name(_("org chart"), trio.municipality.name, extension="svg")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def edition_charts(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_comparison(request, slug)
    trios = list(access.comparable_trios(edition, request.user))
    context = {
        "edition": edition,
        "rows": presenting.edition_rows(trios),
        "is_organiser": edition.is_organised_by(request.user),
        "mine": set(edition.trios.with_member(request.user).values_list("pk", flat=True)),
    }
    return render(request, "orgchart/edition_charts.html", context)
