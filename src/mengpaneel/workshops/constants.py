from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class Domain(models.TextChoices):
    """The part of the municipal organisation a trio member comes from."""

    AREA = "area", _("Area-based working")
    PHYSICAL = "physical", _("Physical domain")
    SOCIAL = "social", _("Social domain")
    OTHER = "other", _("Other")
