"""Competences of the civil servant who works from outside in, and how a trio covers them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mengpaneel.competences.constants import Level
from mengpaneel.panel.models import Translated


class CompetenceQuerySet(models.QuerySet["Competence"]):
    def defaults(self) -> CompetenceQuerySet:
        """The list every new edition starts from (shipped by a data migration)."""
        return self.filter(edition__isnull=True)

    def of_edition(self, edition) -> CompetenceQuerySet:
        return self.filter(edition=edition)


class Competence(Translated):
    """One competence of an edition's list; the default list has no edition."""

    edition = models.ForeignKey(
        "workshops.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="competences",
        null=True,
        blank=True,
        help_text=_("Empty: the default list new editions start from."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description_nl = models.CharField(_("description in one line (Dutch)"), max_length=200)
    description_en = models.CharField(
        _("description in one line (English)"), max_length=200, blank=True
    )
    fader_keys = models.JSONField(
        _("faders it matters for"),
        default=list,
        blank=True,
        help_text=_("Keys of the faders, e.g. positioning. Shown beside those faders."),
    )
    order = models.PositiveSmallIntegerField(_("place in the list"), default=0)

    objects = CompetenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["edition", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def description(self) -> str:
        return self.translated("description")


class SelfRating(models.Model):
    """A member's own rating of one competence. Only that member ever sees it."""

    member = models.ForeignKey(
        "workshops.TrioMember",
        verbose_name=_("trio member"),
        on_delete=models.CASCADE,
        related_name="competence_ratings",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.CASCADE, related_name="ratings"
    )
    level = models.CharField(_("rating"), max_length=20, choices=Level)
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("self-rating")
        verbose_name_plural = _("self-ratings")
        constraints = [
            models.UniqueConstraint(fields=["member", "competence"], name="one_rating_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.get_level_display()}"


class CoverageShown(models.Model):
    """The trio chose to see its coverage before every member had rated everything."""

    trio = models.OneToOneField(
        "workshops.Trio",
        verbose_name=_("trio"),
        on_delete=models.CASCADE,
        related_name="competence_coverage",
    )
    shown_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shown by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    shown_at = models.DateTimeField(_("shown at"), default=timezone.now)

    class Meta:
        verbose_name = _("coverage shown")
        verbose_name_plural = _("coverage shown")

    def __str__(self) -> str:
        return str(self.trio)


class Involvement(models.Model):
    """A colleague the trio will involve for a competence it lacks: a role, never a name."""

    trio = models.ForeignKey(
        "workshops.Trio", verbose_name=_("trio"), on_delete=models.CASCADE, related_name="+"
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence"),
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    role = models.CharField(
        _("colleague to involve (a role)"),
        max_length=150,
        help_text=_("A role, not a name: e.g. “policy adviser for the executive”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("colleague to involve")
        verbose_name_plural = _("colleagues to involve")
        ordering = ["competence", "created_at", "pk"]

    def __str__(self) -> str:
        return self.role
