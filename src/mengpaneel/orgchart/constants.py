from django.db import models
from django.utils.translation import gettext_lazy as _


class FeltDistance(models.TextChoices):
    """How the area officer actually reaches someone, whatever the chart says.

    From near to far; none is better (a short line can also mean going around the
    organisation), so they are shown as words, never as a number.
    """

    WALKS_IN = "walks_in", _("walks straight in")
    APPOINTMENT = "appointment", _("makes an appointment when needed")
    REGULAR_MEETING = "regular_meeting", _("through a regular meeting")
    THROUGH_LINE = "through_line", _("through the line (manager, director)")
    HARDLY = "hardly", _("hardly ever")


# The fader the org chart sits beside (the default panel model's "Positionering intern";
# keys stay the same across model versions and copies).
POSITIONING_KEY = "positioning"
