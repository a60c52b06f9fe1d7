"""The trio's case and what is on its agenda."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    """The question with an area component that a trio brings to the edition."""

    trio = models.OneToOneField(
        "workshops.Trio", verbose_name=_("trio"), on_delete=models.CASCADE, related_name="case"
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), help_text=_("What do you want to get moving?"))
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("The neighbourhood, village or area.")
    )
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Demo content, not a real case of this municipality."),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.title


class AgendaLink(models.Model):
    """A coherence rule a trio put on the agenda of its case.

    Deliberately small: the local agenda (owner, date, status) is a later
    issue, which can take these over. The title is kept so the item survives
    an organiser editing or removing the rule. Moved here from the insights app;
    the table keeps its rows (migration 0002).
    """

    trio = models.ForeignKey(
        "workshops.Trio",
        verbose_name=_("trio"),
        on_delete=models.CASCADE,
        related_name="agenda_links",
    )
    rule = models.ForeignKey(
        "insights.CoherenceRule",
        verbose_name=_("coherence rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_links",
    )
    rule_key = models.SlugField(_("rule key"), max_length=80)
    assessment = models.ForeignKey(
        "panel.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The moment at which the rule fired."),
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("coherence rule on the agenda")
        verbose_name_plural = _("coherence rules on the agenda")
        ordering = ["trio", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["trio", "rule"], name="one_agenda_link_per_rule")
        ]

    def __str__(self) -> str:
        return self.title
