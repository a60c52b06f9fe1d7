"""Who may see or change what: one helper per object kind.

Every view looks its objects up through these functions. They answer 404 both
for "does not exist" and for "not yours", so an outsider cannot learn which
editions or trios exist.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from mengpaneel.workshops.models import Edition, Meeting, Trio


def _user(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        raise Http404
    return user


def require_organiser(request: HttpRequest) -> None:
    """Only organisers may create editions; to anyone else the page does not exist."""
    if not _user(request).is_organiser:
        raise Http404


def get_edition_for_user(request: HttpRequest, slug: str) -> Edition:
    """An edition the user organises or takes part in."""
    user = _user(request)
    return get_object_or_404(Edition.objects.visible_to(user), slug=slug)


def get_edition_for_organiser(request: HttpRequest, slug: str) -> Edition:
    user = _user(request)
    return get_object_or_404(Edition.objects.organised_by(user), slug=slug)


def get_meeting_for_user(request: HttpRequest, slug: str, pk: int) -> Meeting:
    edition = get_edition_for_user(request, slug)
    return get_object_or_404(
        Meeting.objects.select_related("edition").prefetch_related("talks"),
        edition=edition,
        pk=pk,
    )


def get_meeting_for_organiser(request: HttpRequest, slug: str, pk: int) -> Meeting:
    edition = get_edition_for_organiser(request, slug)
    return get_object_or_404(Meeting.objects.select_related("edition"), edition=edition, pk=pk)


def get_trio_for_user(request: HttpRequest, pk: int) -> Trio:
    """A trio the user is a member of, or whose edition they organise.

    Members and organisers may both change the trio's own data (name, sharing
    choice, case, members); nobody else sees it.
    """
    user = _user(request)
    trios = Trio.objects.select_related("edition", "municipality").filter(
        Q(members__user=user) | Q(edition__organisers=user)
    )
    return get_object_or_404(trios.distinct(), pk=pk)


def get_trio_for_organiser(request: HttpRequest, pk: int) -> Trio:
    user = _user(request)
    return get_object_or_404(
        Trio.objects.select_related("edition", "municipality").filter(edition__organisers=user),
        pk=pk,
    )
