"""The mixing panel: versioned panel models, assessments and the positions in them.

Position values: an integer on the model's scale. 0 is the middle and means
"no choice has been made" (a real answer); NULL means "not placed yet". The two
are never conflated anywhere.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from mengpaneel.panel.constants import DEFAULT_MODEL_KEY, ChangeKind

# Keys travel into exports and spreadsheets: one that starts with "-", "+", "=" or "@" would
# run as a formula there, and a digit first reads as a number.
KEY_STARTS_WITH_A_LETTER = RegexValidator(
    r"^[A-Za-z]",
    message=_("A key starts with a letter (a–z), for example “budget-2”."),
    code="key_start",
)


def key_from_name(name: str, fallback: str) -> str:
    """A key made from a name: its slug, behind ``fallback`` when it would not start with
    a letter ("2e lijn" → "fader-2e-lijn")."""
    key = slugify(name)
    if not key[:1].isascii() or not key[:1].isalpha():
        key = f"{fallback}-{key}" if key else fallback
    return key


class ModelVersionInUse(Exception):
    """A panel model version that assessments use cannot change; make a new version."""


def signed(position: int | None) -> str:
    """The position as shown: "+2", "0", "−1" (a real minus sign), or "" for unplaced."""
    if position is None:
        return ""
    if position > 0:
        return f"+{position}"
    if position < 0:
        return f"\u2212{-position}"
    return "0"


class Translated(models.Model):
    """Fields stored as ``<name>_nl`` and ``<name>_en``: the active language, else Dutch."""

    class Meta:
        abstract = True

    def translated(self, field: str) -> str:
        language = (get_language() or "nl").split("-")[0]
        value = getattr(self, f"{field}_{language}", "") if language != "nl" else ""
        return value or getattr(self, f"{field}_nl")


class PanelModelQuerySet(models.QuerySet["PanelModel"]):
    def current(self) -> PanelModelQuerySet:
        return self.filter(is_current=True)

    def default(self) -> PanelModel:
        """The current version of the model new assessments use."""
        return self.current().get(key=DEFAULT_MODEL_KEY)


class PanelModel(Translated):
    """One version of a panel model: an ordered list of categories (faders)."""

    key = models.SlugField(
        _("key"),
        max_length=60,
        validators=[KEY_STARTS_WITH_A_LETTER],
        help_text=_("Stays the same across versions, e.g. wijkgericht-werken."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(
        _("current version"),
        default=True,
        help_text=_("New assessments use the current version; older ones keep theirs."),
    )
    scale_min = models.SmallIntegerField(_("lowest step"), default=-3)
    scale_max = models.SmallIntegerField(_("highest step"), default=3)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = PanelModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel model")
        verbose_name_plural = _("panel models")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="unique_panel_model_version"),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(is_current=True),
                name="one_current_panel_model_version",
            ),
            # The middle (0, "no choice made") must be on every scale.
            models.CheckConstraint(
                condition=models.Q(scale_min__lt=0, scale_max__gt=0),
                name="panel_scale_has_a_middle",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s (version %(version)s)") % {
            "name": self.name,
            "version": self.version,
        }

    def save(self, *args, **kwargs) -> None:
        # Only the "current" marker may move on a version that assessments use.
        update_fields = kwargs.get("update_fields")
        if self.pk and self.is_in_use() and set(update_fields or ["*"]) - {"is_current"}:
            raise ModelVersionInUse(self)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def steps(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def is_in_use(self) -> bool:
        return self.pk is not None and self.assessments.exists()


class EditionPanelModel(models.Model):
    """Which panel model the new panels of an edition use.

    Owned by the panel app, so the workshops app (editions) needs to know nothing of
    panel models. An edition without a row uses the default model.
    """

    edition = models.OneToOneField(
        "workshops.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="panel_model_choice",
    )
    panel_model_key = models.SlugField(
        _("panel model"),
        max_length=60,
        default=DEFAULT_MODEL_KEY,
        help_text=_("New panels in this edition use the current version of this model."),
    )

    class Meta:
        verbose_name = _("panel model of an edition")
        verbose_name_plural = _("panel models of editions")

    def __str__(self) -> str:
        return f"{self.edition}: {self.panel_model_key}"


class Category(Translated):
    """One fader of a panel model, with its guiding question and its two poles."""

    panel_model = models.ForeignKey(
        PanelModel,
        verbose_name=_("panel model"),
        on_delete=models.CASCADE,
        related_name="categories",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(
        _("key"),
        max_length=60,
        validators=[KEY_STARTS_WITH_A_LETTER],
        help_text=_("Starts with a letter, e.g. positioning."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    question_nl = models.CharField(_("guiding question (Dutch)"), max_length=300)
    question_en = models.CharField(_("guiding question (English)"), max_length=300, blank=True)
    top_nl = models.CharField(
        _("top pole (Dutch)"),
        max_length=120,
        help_text=_("Short, it is read aloud with the value: '+2, towards …'."),
    )
    top_en = models.CharField(_("top pole (English)"), max_length=120, blank=True)
    bottom_nl = models.CharField(_("bottom pole (Dutch)"), max_length=120)
    bottom_en = models.CharField(_("bottom pole (English)"), max_length=120, blank=True)
    explanation_nl = models.TextField(
        _("explanation (Dutch)"), blank=True, help_text=_("What the top and the bottom mean.")
    )
    explanation_en = models.TextField(_("explanation (English)"), blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["panel_model", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel_model", "key"], name="unique_category_key_per_model"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.panel_model.is_in_use():
            raise ModelVersionInUse(self.panel_model)
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.translated("name")

    @property
    def question(self) -> str:
        return self.translated("question")

    @property
    def top(self) -> str:
        return self.translated("top")

    @property
    def bottom(self) -> str:
        return self.translated("bottom")

    @property
    def explanation(self) -> str:
        return self.translated("explanation")

    def value_text(self, position: int | None) -> str:
        """The position in words, as a screen reader reads it ("+2, towards own budget")."""
        if position is None:
            return gettext("not placed yet")
        if position == 0:
            return gettext("0, the middle: no choice made")
        pole = self.top if position > 0 else self.bottom
        return pgettext("fader value", "%(value)s, towards %(pole)s") % {
            "value": signed(position),
            "pole": pole,
        }


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_trio(self, trio) -> AssessmentQuerySet:
        return self.filter(trio=trio)

    def latest_first(self) -> AssessmentQuerySet:
        return self.order_by("-created_at", "-pk")

    def latest_of_each_trio(self, trios) -> AssessmentQuerySet:
        """Each trio's most recent assessment, in one query whatever the number of trios."""
        latest = (
            Assessment.objects.filter(trio=models.OuterRef("trio"))
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(trio__in=trios, pk=models.Subquery(latest))

    def with_panel(self) -> AssessmentQuerySet:
        """What drawing or exporting a panel reads, fetched up front (no query per fader)."""
        return self.select_related(
            "panel_model", "meeting", "trio__municipality", "revealed_by"
        ).prefetch_related(
            models.Prefetch(
                "agreed_positions",
                AgreedPosition.objects.select_related("category").order_by(
                    "category__order", "category__pk"
                ),
            ),
        )


class Assessment(models.Model):
    """A trio's panel at one moment (usually a meeting), on one model version."""

    trio = models.ForeignKey(
        "workshops.Trio",
        verbose_name=_("trio"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    meeting = models.ForeignKey(
        "workshops.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    panel_model = models.ForeignKey(
        PanelModel,
        verbose_name=_("panel model"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revealed_at = models.DateTimeField(_("revealed at"), null=True, blank=True)
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revealed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["trio", "-created_at"]

    def __str__(self) -> str:
        return f"{self.trio} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("panel:trio_panel", args=[self.trio_id])

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def date(self) -> datetime.date:
        """The day of the assessment: its meeting's date, else the day it was started."""
        if self.meeting is not None:
            return self.meeting.date
        return timezone.localdate(self.created_at)


class IndividualPlacement(models.Model):
    """Where one member puts one fader alone; private to them until the trio reveals."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.SmallIntegerField(_("position"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("individual placement")
        verbose_name_plural = _("individual placements")
        ordering = ["assessment", "category__order", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "member", "category"], name="one_placement_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.category}: {signed(self.position) or '—'}"


class AgreedPosition(models.Model):
    """The position a trio agrees on for one fader, with its rationale (toelichting).

    ``version`` goes up with every save; a save that names an older version is a
    conflict, so two people editing at once never overwrite each other silently.
    """

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="agreed_positions",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.SmallIntegerField(_("position"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    discuss = models.BooleanField(_("we want to talk about this"), default=False)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreed position")
        verbose_name_plural = _("agreed positions")
        ordering = ["assessment", "category__order", "category__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "category"], name="one_agreed_position_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {signed(self.position) or '—'}"


class Dissent(models.Model):
    """A member who still disagrees with an agreed position says why."""

    agreed_position = models.ForeignKey(
        AgreedPosition,
        verbose_name=_("agreed position"),
        on_delete=models.CASCADE,
        related_name="dissents",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(_("note"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("dissent")
        verbose_name_plural = _("dissents")
        ordering = ["agreed_position", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreed_position", "user"], name="one_dissent_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.note[:40]}"


class PositionChangeQuerySet(models.QuerySet["PositionChange"]):
    def visible_to(self, user, assessment: Assessment) -> PositionChangeQuerySet:
        """Before reveal, a member's individual moves are theirs alone."""
        if assessment.is_revealed:
            return self
        private = models.Q(kind__in=[ChangeKind.INDIVIDUAL, ChangeKind.NOTE])
        return self.exclude(private & ~models.Q(user=user))


class PositionChange(models.Model):
    """One line of history: who changed what, when, from what to what."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    old_value = models.TextField(_("from"), blank=True)
    new_value = models.TextField(_("to"), blank=True)

    objects = PositionChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.old_value} → {self.new_value}"
