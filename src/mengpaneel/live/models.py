"""Live rounds: the slider exercise as it runs in the room, phase by phase.

A live round writes straight into the panel app's assessments (one per trio,
for the round's meeting) through ``panel.placing``; what it keeps itself is the
phase, a version number that goes up with every change (so a client that missed
an event catches up), the join code, and guests with their own placements.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mengpaneel.live.constants import ChangeKind, Phase


class LiveRoundQuerySet(models.QuerySet["LiveRound"]):
    def running(self) -> LiveRoundQuerySet:
        return self.exclude(phase=Phase.CLOSED)

    def for_participant(self, user) -> LiveRoundQuerySet:
        """Running rounds of editions in which the user is a trio member."""
        if not user.is_authenticated:
            return self.none()
        return self.running().filter(meeting__edition__trios__members__user=user).distinct()


class LiveRound(models.Model):
    """One run of the slider exercise during a meeting, led from the projector."""

    meeting = models.ForeignKey(
        "workshops.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="live_rounds",
    )
    panel_model = models.ForeignKey(
        "panel.PanelModel",
        verbose_name=_("panel model"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.ALONE)
    version = models.PositiveBigIntegerField(
        _("version"), default=1, help_text=_("Goes up with every change in the round.")
    )
    code = models.CharField(
        _("join code"),
        max_length=16,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Admits guests to this round only; empty when closed."),
    )
    code_expires_at = models.DateTimeField(_("join code valid until"), null=True, blank=True)

    objects = LiveRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("live round")
        verbose_name_plural = _("live rounds")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # Two running rounds for one meeting would split the room in two.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=~models.Q(phase=Phase.CLOSED),
                name="one_running_live_round_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_phase_display()}"

    def get_absolute_url(self) -> str:
        return reverse("live:control", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def code_is_usable(self) -> bool:
        return bool(
            self.code
            and not self.is_closed
            and self.code_expires_at
            and self.code_expires_at > timezone.now()
        )

    @property
    def code_display(self) -> str:
        """The code in two groups of four, easier to read off a wall."""
        code = self.code or ""
        return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code

    def record_change(self, kind: ChangeKind, trio_id: int | None = None) -> int:
        """Count one change in the round and tell every listener; returns the new version.

        One UPDATE … RETURNING in its own short statement: the hot row is locked for
        microseconds, not for the length of a placement's transaction. The event is
        published after the surrounding transaction commits, so a client that
        fetches on it always finds the change.
        """
        from mengpaneel.live import events

        table = connection.ops.quote_name(self._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET version = version + 1 WHERE id = %s "  # noqa: S608 (table name from _meta)
                "RETURNING version, phase",
                [self.pk],
            )
            self.version, self.phase = cursor.fetchone()
        message = events.Change(
            round_id=self.pk, version=self.version, phase=self.phase, kind=kind, trio_id=trio_id
        )
        transaction.on_commit(lambda: events.publish(message))
        return self.version


class RoundAssessment(models.Model):
    """The assessment a trio fills in during a live round (created when first needed)."""

    live_round = models.ForeignKey(
        LiveRound,
        verbose_name=_("live round"),
        on_delete=models.CASCADE,
        related_name="round_assessments",
    )
    trio = models.ForeignKey(
        "workshops.Trio", verbose_name=_("trio"), on_delete=models.CASCADE, related_name="+"
    )
    assessment = models.OneToOneField(
        "panel.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="live_round_link",
    )

    class Meta:
        verbose_name = _("trio in a live round")
        verbose_name_plural = _("trios in a live round")
        constraints = [
            models.UniqueConstraint(fields=["live_round", "trio"], name="one_assessment_per_trio")
        ]

    def __str__(self) -> str:
        return f"{self.live_round} · {self.trio}"


class GuestQuerySet(models.QuerySet["Guest"]):
    def active(self) -> GuestQuerySet:
        return self.filter(removed_at__isnull=True)


class Guest(models.Model):
    """Someone without an account who joined one live round with its code.

    A guest may place their own faders in this round, and nothing else. They are
    known by an entry in their (server-side) session, never by a link.
    """

    live_round = models.ForeignKey(
        LiveRound, verbose_name=_("live round"), on_delete=models.CASCADE, related_name="guests"
    )
    trio = models.ForeignKey(
        "workshops.Trio", verbose_name=_("trio"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    # A hash of the browser session that joined: the same session joining again (two
    # taps on "Join") is the same guest. Hashed, because a session key is a credential.
    joined_from = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("joined at"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    objects = GuestQuerySet.as_manager()

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["live_round", "trio", "created_at"]

    def __str__(self) -> str:
        return self.name


class GuestPlacement(models.Model):
    """Where a guest puts one fader alone (the panel's placements need an account)."""

    guest = models.ForeignKey(
        Guest, verbose_name=_("guest"), on_delete=models.CASCADE, related_name="placements"
    )
    assessment = models.ForeignKey(
        "panel.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="guest_placements",
    )
    category = models.ForeignKey(
        "panel.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.SmallIntegerField(_("position"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("guest placement")
        verbose_name_plural = _("guest placements")
        constraints = [
            models.UniqueConstraint(fields=["guest", "category"], name="one_placement_per_guest")
        ]

    def __str__(self) -> str:
        return f"{self.guest} · {self.category}"
