"""Inviting people into a trio, and joining it.

An invitation is for one e-mail address. The link works only once its e-mail went
out (``sent_at``), and only for the account with the invited address; someone logged
in with another address can ask to use it, and an organiser of the edition confirms
or refuses that. E-mails are limited per sender and per recipient.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mengpaneel.accounts.models import User
from mengpaneel.ratelimit import Rate, Verdict, address_key, first_refusal, hit_all
from mengpaneel.workshops.models import Invitation, Trio, TrioMember

logger = logging.getLogger(__name__)

INVITATIONS_PER_SENDER = Rate(
    "invitation-sender",
    60,
    timedelta(hours=1),
    message=gettext_lazy(
        "You have sent many invitations in the last hour. Wait a while, then send the rest."
    ),
)
INVITATIONS_PER_ADDRESS = Rate(
    "invitation-address",
    5,
    timedelta(days=1),
    message=gettext_lazy(
        "This address has received several invitations today. Ask your colleague to look "
        "in their inbox and spam folder, or send it again tomorrow."
    ),
)


class InvitationsPaused(Exception):  # noqa: N818 (a domain word)
    """Too many invitations from this sender or to this address; nothing was sent."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(str(verdict.rate.message))
        self.verdict = verdict


class InvitationNotSent(Exception):  # noqa: N818
    """The mail server refused or could not be reached; no invitation was kept."""


class InvitationSpent(Exception):  # noqa: N818
    """The invitation was used or expired in the meantime."""


class NotInvitedAddress(Exception):  # noqa: N818
    """The account's address is not the invited one: an organiser must confirm."""


def invite(request: HttpRequest, *, trio: Trio, email: str, domain: str) -> Invitation:
    """Create an invitation and e-mail its link; the token exists only in that e-mail.

    The invitation is committed first and e-mailed after: the mail never announces a
    link that a rolled-back transaction took away. Its link works once the mail went
    out; when sending fails the invitation is deleted and ``InvitationNotSent`` raised.
    """
    limits = [
        (INVITATIONS_PER_SENDER, str(request.user.pk)),
        (INVITATIONS_PER_ADDRESS, address_key(email)),
    ]
    refusal = first_refusal(*(rate.check(key) for rate, key in limits))
    if refusal is not None:
        raise InvitationsPaused(refusal)
    hit_all(*limits)
    with transaction.atomic():
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
    try:
        send_mail(
            subject=_("Invitation to join the %(municipality)s trio in Mengpaneel")
            % {"municipality": trio.municipality.name},
            message=render_to_string("workshops/email/invitation.txt", context, request=request),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Invitation e-mail for trio %s could not be sent", trio.pk)
        invitation.delete()
        raise InvitationNotSent from error
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at"])
    return invitation


@transaction.atomic
def accept(invitation: Invitation, user: User) -> TrioMember:
    """Join the trio and spend the invitation (single use), for the invited address only."""
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationSpent
    if not invitation.is_for(user):
        raise NotInvitedAddress
    return _join(invitation, user)


def _join(invitation: Invitation, user: User) -> TrioMember:
    member, _created = TrioMember.objects.get_or_create(
        trio=invitation.trio, user=user, defaults={"domain": invitation.domain}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return member


@transaction.atomic
def claim(invitation: Invitation, user: User) -> Invitation:
    """``user``, logged in with another address, asks to use the invitation.

    The latest request stands: an organiser sees who asks, and confirms or refuses.
    """
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationSpent
    invitation.claimed_by = user
    invitation.claimed_at = timezone.now()
    invitation.save(update_fields=["claimed_by", "claimed_at"])
    return invitation


@transaction.atomic
def confirm_claim(invitation: Invitation, *, by: User) -> TrioMember:
    """An organiser lets the person who asked join with this invitation."""
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if not invitation.is_usable or invitation.claimed_by is None:
        raise InvitationSpent
    logger.info(
        "Invitation %s for trio %s confirmed for user %s by user %s",
        invitation.pk,
        invitation.trio_id,
        invitation.claimed_by_id,
        by.pk,
    )
    return _join(invitation, invitation.claimed_by)


@transaction.atomic
def refuse_claim(invitation: Invitation, *, by: User) -> Invitation:
    """An organiser says no: the invitation stays open for the invited address."""
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    invitation.claimed_by = None
    invitation.claimed_at = None
    invitation.save(update_fields=["claimed_by", "claimed_at"])
    return invitation
