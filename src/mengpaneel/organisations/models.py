from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityQuerySet(models.QuerySet):
    def search(self, text: str) -> "MunicipalityQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(name__icontains=text) | models.Q(code__iexact=text))


class Municipality(models.Model):
    """A Dutch municipality (gemeente) as CBS lists it."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, help_text=_("GM followed by four digits.")
    )
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=50)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
