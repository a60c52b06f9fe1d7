"""Competence pages. Each view: access helper → form → one named write → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mengpaneel.competences import access, lists, presenting, rating
from mengpaneel.competences.forms import CompetenceForm, InvolvementForm
from mengpaneel.competences.models import Competence
from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.panel import editions
from mengpaneel.workshops.models import Edition


def _faders(edition: Edition) -> list[tuple[str, str]]:
    model = editions.model_for_new_panels(edition)
    return [(category.key, category.name) for category in model.categories.all()]


@login_required
@require_GET
def edition_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_reading(request, slug)
    context = {
        "edition": edition,
        "competences": lists.list_of(edition),
        "fader_names": dict(_faders(edition)),
        "is_organiser": edition.is_organised_by(request.user),
    }
    return render(request, "competences/edition_list.html", context)


def _competence_form(
    request: AuthenticatedHttpRequest, edition: Edition, competence: Competence
) -> HttpResponse:
    form = CompetenceForm(request.POST or None, instance=competence, faders=_faders(edition))
    if form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": form.instance.name})
        return redirect("competences:edition_list", edition.slug)
    context = {"edition": edition, "form": form, "competence": competence}
    return render(request, "competences/competence_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    competence = Competence(edition=edition, order=lists.next_order(edition))
    return _competence_form(request, edition, competence)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    return _competence_form(request, edition, access.get_competence(edition, pk))


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    competence = access.get_competence(edition, pk)
    if request.method == "POST":
        lists.remove(competence)
        messages.success(request, _("“%(name)s” is off the list.") % {"name": competence.name})
        return redirect("competences:edition_list", edition.slug)
    context = {"edition": edition, "competence": competence, "rated": competence.ratings.count()}
    return render(request, "competences/competence_delete.html", context)


@login_required
@require_GET
def trio_competences(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio(request, pk)
    page = presenting.trio_page(trio, request.user)
    return render(request, "competences/trio_competences.html", page.context())


@login_required
@require_POST
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership(request, pk)
    form = presenting.rating_form(membership, request.POST)
    if form.is_valid():
        rating.rate(membership, form.levels())
        messages.success(request, _("Your ratings are saved. Only you see them."))
        return redirect("competences:trio", membership.trio.pk)
    page = presenting.trio_page(membership.trio, request.user, form=form)
    return render(request, "competences/trio_competences.html", page.context())


@login_required
@require_POST
def show_coverage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = access.get_membership(request, pk)
    try:
        rating.show_coverage(membership.trio, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("competences:trio", membership.trio.pk)


@login_required
@require_POST
def involve(request: AuthenticatedHttpRequest, pk: int, competence_pk: int) -> HttpResponse:
    trio = access.get_trio(request, pk)
    competence = access.get_competence(trio.edition, competence_pk)
    form = InvolvementForm(request.POST, prefix=f"gap{competence.pk}")
    if form.is_valid():
        try:
            rating.involve(trio, competence, form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            form.add_error("role", error)
        else:
            return redirect(f"{trio_url(trio.pk)}#gap-{competence.pk}")
    page = presenting.trio_page(trio, request.user, involve_form=(competence.pk, form))
    return render(request, "competences/trio_competences.html", page.context())


@login_required
@require_POST
def involvement_remove(
    request: AuthenticatedHttpRequest, pk: int, involvement_pk: int
) -> HttpResponse:
    trio = access.get_trio(request, pk)
    involvement = access.get_involvement(trio, involvement_pk)
    rating.drop_involvement(involvement)
    return redirect(f"{trio_url(trio.pk)}#gap-{involvement.competence_id}")


def trio_url(pk: int) -> str:
    return reverse("competences:trio", args=[pk])
