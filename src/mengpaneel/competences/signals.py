"""A new edition starts with its own copy of the default competence list.

The workshops app creates editions and knows nothing of competences: this app listens.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from mengpaneel.competences import lists
from mengpaneel.workshops.models import Edition


@receiver(post_save, sender=Edition, dispatch_uid="competences-copy-defaults")
def give_new_edition_the_default_list(
    sender: type[Edition], instance: Edition, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        lists.copy_defaults(instance)
