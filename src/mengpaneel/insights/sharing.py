"""Whose panel may someone see next to a trio's own: the one place that decides.

Every page, export or API that shows a peer's panel or rationale asks
``visible_peer_trios``. The rules (docs/design.md,
"Placing, reveal and agree" and "Learning from peers"):

- a member sees the trios of their own edition that share their panel
  (``Trio.shares_panel``), once the organiser has opened the comparison
  (``Edition.comparison_open``, the second reveal);
- across editions only when both trios consented (``SharingConsent``):
  nothing leaves an edition without it;
- an organiser of the trio's edition sees every trio of every edition they
  organise;
- a trio never counts itself, nor its own municipality in another edition
  (that is movement over time, not a peer).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mengpaneel.accounts.models import User
from mengpaneel.insights.models import SharingConsent
from mengpaneel.workshops.models import Trio


def consents_across_editions(trio: Trio) -> bool:
    return SharingConsent.objects.filter(trio=trio, across_editions=True).exists()


def visible_peer_trios(trio: Trio, user: User | AnonymousUser) -> QuerySet[Trio]:
    """The other trios whose panel and rationale ``user``, looking from ``trio``, may see."""
    if not user.is_authenticated:
        return Trio.objects.none()
    seen = Q(pk__in=[])
    if trio.has_member(user):
        if trio.edition.comparison_open:
            seen |= Q(edition_id=trio.edition_id, shares_panel=True)
        if consents_across_editions(trio):
            seen |= Q(sharing_consent__across_editions=True) & ~Q(edition_id=trio.edition_id)
    if trio.edition.is_organised_by(user):
        seen |= Q(edition__organisers=user)
    return (
        Trio.objects.filter(seen)
        .exclude(pk=trio.pk)
        .exclude(municipality_id=trio.municipality_id)
        .distinct()
    )


@transaction.atomic
def record_consent(trio: Trio, across_editions: bool, by: User) -> SharingConsent:
    """A member of the trio gives or withdraws consent to share across editions."""
    if not trio.has_member(by):
        raise PermissionDenied
    consent, _created = SharingConsent.objects.select_for_update(of=("self",)).get_or_create(
        trio=trio
    )
    if _created or consent.across_editions != across_editions:
        consent.across_editions = across_editions
        consent.updated_by = by
        consent.updated_at = timezone.now()
        consent.save()
    return consent
