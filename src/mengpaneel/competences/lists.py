"""An edition's competence list: copied from the default list, changed by its organisers."""

from __future__ import annotations

from django.db import transaction

from mengpaneel.competences.models import Competence
from mengpaneel.workshops.models import Edition

COPIED_FIELDS = ("name_nl", "name_en", "description_nl", "description_en", "fader_keys", "order")


@transaction.atomic
def copy_defaults(edition: Edition) -> list[Competence]:
    """Give ``edition`` its own copy of the default list (once: a list it has is kept)."""
    if Competence.objects.of_edition(edition).exists():
        return list(Competence.objects.of_edition(edition))
    return Competence.objects.bulk_create(
        Competence(edition=edition, **{field: getattr(default, field) for field in COPIED_FIELDS})
        for default in Competence.objects.defaults()
    )


def list_of(edition: Edition) -> list[Competence]:
    return list(Competence.objects.of_edition(edition))


def next_order(edition: Edition) -> int:
    last = Competence.objects.of_edition(edition).order_by("-order").first()
    return (last.order + 1) if last else 1


@transaction.atomic
def remove(competence: Competence) -> int:
    """Take a competence off its edition's list, with every rating and colleague for it.

    Returns how many members' ratings went with it (the page asked first).
    """
    rated = competence.ratings.count()
    competence.delete()
    return rated
