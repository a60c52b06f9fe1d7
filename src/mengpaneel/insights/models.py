"""Coherence rules, and consent to share a panel across editions.

A coherence rule is data, not code: organisers edit it in the admin. It belongs
to one panel model version and speaks of categories by key, so it works for
any model; ``coherence.py`` evaluates it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mengpaneel.insights.constants import Operator
from mengpaneel.panel.models import PanelModel, Translated, signed


def validate_condition(panel_model: PanelModel, category_key: str, threshold: int | None) -> None:
    """A condition must name a fader of the rule's model and a step on its scale.

    Raises ``ValidationError`` keyed by field, so a form shows the message at the field.
    """
    errors = {}
    keys = list(panel_model.categories.values_list("key", flat=True))
    if category_key and category_key not in keys:
        errors["category_key"] = gettext(
            "The panel model %(model)s has no category %(key)s. Choose one of: %(keys)s."
        ) % {"model": panel_model, "key": category_key, "keys": ", ".join(keys)}
    if threshold is not None and not panel_model.scale_min <= threshold <= panel_model.scale_max:
        errors["threshold"] = gettext("Choose a threshold from %(low)s to %(high)s.") % {
            "low": panel_model.scale_min,
            "high": panel_model.scale_max,
        }
    if errors:
        raise ValidationError(errors)


class CoherenceRuleQuerySet(models.QuerySet["CoherenceRule"]):
    def active(self) -> CoherenceRuleQuerySet:
        return self.filter(is_active=True)

    def for_models(self, panel_model_ids) -> CoherenceRuleQuerySet:
        """The active rules of these model versions, conditions included (two queries)."""
        return (
            self.active()
            .filter(panel_model_id__in=panel_model_ids)
            .prefetch_related("conditions")
            .order_by("panel_model_id", "order", "key")
        )


class CoherenceRule(Translated):
    """When faders stand in a certain combination, a threshold (drempel) may explain practice."""

    panel_model = models.ForeignKey(
        PanelModel,
        verbose_name=_("panel model"),
        on_delete=models.CASCADE,
        related_name="coherence_rules",
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        help_text=_("Stable name used in exports, e.g. positioning_vs_residents."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    explanation_nl = models.TextField(
        _("explanation (Dutch)"),
        help_text=_("Which threshold this combination of choices can point to, and why."),
    )
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    questions_nl = models.TextField(
        _("questions to discuss (Dutch)"),
        help_text=_("One question or alternative way of working per line."),
    )
    questions_en = models.TextField(_("questions to discuss (English)"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive rules are never shown.")
    )

    objects = CoherenceRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("coherence rule")
        verbose_name_plural = _("coherence rules")
        ordering = ["panel_model", "order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel_model", "key"], name="unique_coherence_rule_key_per_model"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.translated("title")

    @property
    def explanation(self) -> str:
        return self.translated("explanation")

    @property
    def questions(self) -> list[str]:
        return [line.strip() for line in self.translated("questions").splitlines() if line.strip()]


class RuleCondition(models.Model):
    """One threshold on one fader; a rule fires when all its conditions hold."""

    rule = models.ForeignKey(
        CoherenceRule,
        verbose_name=_("coherence rule"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    category_key = models.SlugField(
        _("category key"), max_length=60, help_text=_("e.g. positioning")
    )
    operator = models.CharField(_("operator"), max_length=2, choices=Operator)
    threshold = models.SmallIntegerField(_("threshold"), help_text=_("A step on the scale."))

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["rule", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "category_key", "operator"], name="one_condition_per_direction"
            )
        ]

    def __str__(self) -> str:
        sign = "≥" if self.operator == Operator.AT_LEAST else "≤"
        return f"{self.category_key} {sign} {signed(self.threshold)}"


class SharingConsent(models.Model):
    """A trio's consent to show its panel and rationale to trios of other editions.

    Within its own edition ``Trio.shares_panel`` decides. Across editions only
    trios that consented see each other: nothing leaves an edition without it.
    """

    trio = models.OneToOneField(
        "workshops.Trio",
        verbose_name=_("trio"),
        on_delete=models.CASCADE,
        related_name="sharing_consent",
    )
    across_editions = models.BooleanField(
        _("share our panel with trios of other editions"),
        default=False,
        help_text=_(
            "Other editions' trios that also agreed see your panel and rationale, "
            "and you see theirs."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("sharing consent")
        verbose_name_plural = _("sharing consents")

    def __str__(self) -> str:
        if self.across_editions:
            return gettext("%(trio)s: shares its panel across editions") % {"trio": self.trio}
        return gettext("%(trio)s: keeps its panel within its edition") % {"trio": self.trio}
