"""Inviting people into a trio, and joining it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.workshops.models import Invitation, Trio, TrioMember


def invite(request: HttpRequest, *, trio: Trio, email: str, domain: str) -> Invitation:
    """Create an invitation and e-mail its link; the token exists only in that e-mail."""
    invitation, token = Invitation.issue(
        trio=trio, email=email, domain=domain, invited_by=request.user
    )
    link = request.build_absolute_uri(reverse("workshops:invitation_open", args=[token]))
    context = {
        "trio": trio,
        "link": link,
        "invited_by": request.user,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    send_mail(
        subject=_("Invitation to join the %(municipality)s trio in Mengpaneel")
        % {"municipality": trio.municipality.name},
        message=render_to_string("workshops/email/invitation.txt", context, request=request),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return invitation


class InvitationSpent(Exception):
    """The invitation was used or expired in the meantime."""


@transaction.atomic
def accept(invitation: Invitation, user) -> TrioMember:
    """Join the trio and spend the invitation (single use)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationSpent
    member, _created = TrioMember.objects.get_or_create(
        trio=invitation.trio, user=user, defaults={"domain": invitation.domain}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return member
