"""Who may see or change competences, built on the workshops' helpers (404 for "not yours").

- An edition's list: everyone in the edition reads it; its organisers change it.
- A trio's page: its members and the edition's organisers. A member's own ratings are
  that member's alone: nobody else, organisers included, ever sees them.
- Rating and showing coverage: members only. Colleagues to involve: members and organisers.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from mengpaneel.competences.models import Competence, Involvement
from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Edition, Trio, TrioMember


def get_edition_for_reading(request: HttpRequest, slug: str) -> Edition:
    return access.get_edition_for_user(request, slug)


def get_edition_for_organiser(request: HttpRequest, slug: str) -> Edition:
    return access.get_edition_for_organiser(request, slug)


def get_competence(edition: Edition, pk: int) -> Competence:
    return get_object_or_404(Competence, edition=edition, pk=pk)


def get_trio(request: HttpRequest, pk: int) -> Trio:
    return access.get_trio_for_user(request, pk)


def get_membership(request: AuthenticatedHttpRequest, pk: int) -> TrioMember:
    """The person's own membership of trio ``pk``: only members rate themselves."""
    trio = access.get_trio_for_user(request, pk)
    membership = TrioMember.objects.filter(trio=trio, user=request.user).select_related(
        "trio__edition", "trio__municipality"
    )
    found = membership.first()
    if found is None:
        raise Http404
    return found


def get_involvement(trio: Trio, pk: int) -> Involvement:
    return get_object_or_404(Involvement.objects.select_related("competence"), trio=trio, pk=pk)
