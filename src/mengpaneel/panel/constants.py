from django.db import models
from django.utils.translation import gettext_lazy as _

# The model every new assessment uses unless another is chosen (data migration 0002).
DEFAULT_MODEL_KEY = "wijkgericht-werken"

# Members this many steps apart (or more) on a fader are marked for discussion
# (docs/design.md, "Placing, reveal and agree").
FAR_APART_STEPS = 2

MIN_CATEGORIES = 2
MAX_CATEGORIES = 12

NOTE_MAX_LENGTH = 2000
RATIONALE_MAX_LENGTH = 4000


class ChangeKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individual position")
    NOTE = "note", _("individual note")
    AGREED = "agreed", _("agreed position")
    RATIONALE = "rationale", _("rationale")
    FLAG = "flag", _("discussion flag")
    DISSENT = "dissent", _("dissent note")
    REVEAL = "reveal", _("reveal")
