from django.db import models
from django.utils.translation import gettext_lazy as _

# A peer's choice counts as clearly different from this many steps apart
# (docs/design.md, "Learning from peers").
PEER_DIFFERENCE_STEPS = 2

# Two panels are only called similar when at least this many faders could be compared.
MIN_FADERS_COMPARED = 2

# How many of the most similar panels a trio sees.
SIMILAR_PANELS_SHOWN = 3


class Operator(models.TextChoices):
    AT_LEAST = ">=", _("at least (≥)")
    AT_MOST = "<=", _("at most (≤)")
