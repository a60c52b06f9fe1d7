from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How a member rates themself on a competence: words, never a number."""

    NOT_MINE = "not_mine", _("not my thing")
    CAN = "can", _("I can do this")
    KNOWN_FOR = "known_for", _("I am known for it")


class Cover(models.TextChoices):
    """What the trio has of a competence, from its members' own ratings."""

    KNOWN_FOR = "known_for", _("someone in your trio is known for it")
    CAN = "can", _("someone in your trio can do it")
    GAP = "gap", _("nobody in your trio has it yet")
    UNRATED = "unrated", _("nobody has rated it yet")
