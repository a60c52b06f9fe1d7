from django.db import models
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
