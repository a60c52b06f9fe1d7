"""The trio's case and the coherence rules it puts on its agenda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mengpaneel.agenda import cases, rules
from mengpaneel.agenda.forms import CaseForm
from mengpaneel.agenda.models import Case
from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel.models import Assessment
from mengpaneel.workshops import access


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    form = CaseForm(request.POST or None, instance=cases.case_of(trio) or Case(trio=trio))
    if form.is_valid():
        cases.describe_case(
            trio,
            title=form.cleaned_data["title"],
            question=form.cleaned_data["question"],
            area=form.cleaned_data["area"],
        )
        messages.success(request, _("The case has been saved."))
        return redirect(trio)
    context = {"form": form, "trio": trio, "edition": trio.edition}
    return render(request, "agenda/case_form.html", context)


def _back(request: AuthenticatedHttpRequest, fallback: str) -> str:
    """The page the form came from, if it is a path on this site; else ``fallback``.

    Only a path: ``redirect`` would read a bare word as a URL name and fail on it.
    """
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return target
    return fallback


@login_required
@require_POST
def rule_add(request: AuthenticatedHttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    rule = get_object_or_404(CoherenceRule.objects.active(), pk=rule_pk)
    back = _back(request, trio.get_absolute_url())
    assessment = Assessment.objects.for_trio(trio).latest_first().with_panel().first()
    if assessment is None:
        messages.error(request, _("Your trio has no panel yet."))
        return redirect(back)
    try:
        _link, created = rules.put_on_agenda(trio, rule, assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if created:
        messages.success(
            request, _("“%(title)s” is on your case's agenda.") % {"title": rule.title}
        )
    else:
        messages.info(request, _("“%(title)s” was already on your agenda.") % {"title": rule.title})
    return redirect(back)
