from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mengpaneel.workshops.constants import Domain, EditionStatus


class EditionQuerySet(models.QuerySet["Edition"]):
    def organised_by(self, user) -> EditionQuerySet:
        return self.filter(organisers=user)

    def with_member(self, user) -> EditionQuerySet:
        return self.filter(trios__members__user=user)

    def visible_to(self, user) -> EditionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(organisers=user) | models.Q(trios__members__user=user)
        ).distinct()


class Edition(models.Model):
    """A round of workshops (werkplaats) with its meetings and trios."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in links"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, e.g. werkplaats-2026."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus, default=EditionStatus.REGISTRATION_OPEN
    )
    description = models.TextField(_("description"), blank=True)
    comparison_open = models.BooleanField(
        _("comparison open to trios"),
        default=False,
        help_text=_(
            "The second reveal: trios see the panels other trios of this edition share. "
            "Organisers always see every panel."
        ),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        related_name="organised_editions",
        blank=True,
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:edition_detail", args=[self.slug])

    def is_organised_by(self, user) -> bool:
        return user.is_authenticated and self.organisers.filter(pk=user.pk).exists()


class Meeting(models.Model):
    """One meeting (bijeenkomst) of an edition."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1 for the first meeting."))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=200)
    assignment = models.TextField(
        _("assignment"), blank=True, help_text=_("What trios do with their own case.")
    )
    homework = models.TextField(
        _("homework"), blank=True, help_text=_("What trios prepare before the next meeting.")
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="unique_meeting_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.theme}"

    def get_absolute_url(self) -> str:
        return reverse("workshops:meeting_detail", args=[self.edition.slug, self.pk])


class Talk(models.Model):
    """A speaker and the talk they give at a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="talks"
    )
    speaker = models.CharField(_("speaker"), max_length=200)
    affiliation = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("title of the talk"), max_length=300)

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.title}"


class TrioQuerySet(models.QuerySet["Trio"]):
    def with_member(self, user) -> TrioQuerySet:
        return self.filter(members__user=user)


class Trio(models.Model):
    """Three (or so) civil servants of one municipality taking part in an edition."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="trios"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="trios",
    )
    local_name = models.CharField(
        _("local name of the way of working"),
        max_length=150,
        blank=True,
        help_text=_("What your municipality calls it, e.g. 'kerngericht werken'."),
    )
    shares_panel = models.BooleanField(
        _("share our panel with the other trios of this edition"),
        default=False,
        help_text=_("Organisers of the edition always see it. Nothing leaves the edition."),
    )

    objects = TrioQuerySet.as_manager()

    class Meta:
        verbose_name = _("trio")
        verbose_name_plural = _("trios")
        ordering = ["edition", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "municipality"], name="one_trio_per_municipality_per_edition"
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    def get_absolute_url(self) -> str:
        return reverse("workshops:trio_detail", args=[self.pk])

    def has_member(self, user) -> bool:
        return user.is_authenticated and self.members.filter(user=user).exists()


class TrioMember(models.Model):
    trio = models.ForeignKey(
        Trio, verbose_name=_("trio"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trio_memberships",
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain, default=Domain.OTHER)

    class Meta:
        verbose_name = _("trio member")
        verbose_name_plural = _("trio members")
        ordering = ["trio", "domain", "user__name"]
        constraints = [models.UniqueConstraint(fields=["trio", "user"], name="unique_trio_member")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_domain_display()})"


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self) -> InvitationQuerySet:
        """Sent, not used and not expired: a link that was never e-mailed works for nobody."""
        return self.filter(
            sent_at__isnull=False, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )

    def awaiting_confirmation(self) -> InvitationQuerySet:
        """Usable invitations that someone logged in with another address asked to use."""
        return self.usable().filter(claimed_by__isnull=False)

    def find(self, token: str) -> Invitation | None:
        """The unused, unexpired invitation for this secret token, if any."""
        return self.usable().filter(token_hash=_hash_token(token)).first()


class Invitation(models.Model):
    """A single-use link that lets a person join a trio.

    Only a hash of the secret token is stored: a copy of the database does not
    give anyone a working link.
    """

    trio = models.ForeignKey(
        Trio, verbose_name=_("trio"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    domain = models.CharField(_("domain"), max_length=20, choices=Domain, default=Domain.OTHER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    # Someone logged in with another address than the invited one asks to use the
    # link; an organiser of the edition confirms (or not).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("asked for at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def issue(cls, *, trio: Trio, email: str, domain: str, invited_by) -> tuple[Invitation, str]:
        """Create an invitation; returns it with the secret token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            trio=trio,
            email=email.lower(),
            domain=domain,
            token_hash=_hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        return invitation, token

    @property
    def is_usable(self) -> bool:
        return (
            self.sent_at is not None
            and self.accepted_at is None
            and self.expires_at > timezone.now()
        )

    def is_for(self, user) -> bool:
        """Whether ``user``'s account has the invited address (case does not matter)."""
        return user.is_authenticated and user.email.lower() == self.email.lower()
