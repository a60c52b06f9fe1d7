from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The steps of a live round, in the order the organiser moves through them."""

    ALONE = "alone", _("Alone")
    REVEAL = "reveal", _("Reveal in the trio")
    AGREE = "agree", _("Agree together")
    PLENARY = "plenary", _("Plenary")
    REFLECT = "reflect", _("Reflect")
    CLOSED = "closed", _("Closed")


# Forward order; CLOSED is reached only by closing the round.
PHASE_ORDER = [Phase.ALONE, Phase.REVEAL, Phase.AGREE, Phase.PLENARY, Phase.REFLECT]

# Join codes: no 0/O, 1/I/L, 5/S, 2/Z or 8/B, so a code read off a projector is typed right.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 8
CODE_VALID_HOURS = 4

# Limits that keep one round (and one shared code) from being flooded.
GUEST_NAME_MAX_LENGTH = 60
MAX_GUESTS_PER_TRIO = 12
MAX_GUESTS_PER_ROUND = 400


class ChangeKind(models.TextChoices):
    """What an event says changed; clients decide from it which part to fetch again."""

    PHASE = "phase", _("phase")
    PLACEMENT = "placement", _("placement")
    AGREED = "agreed", _("agreed position")
    GUESTS = "guests", _("guests")
    CODE = "code", _("join code")
