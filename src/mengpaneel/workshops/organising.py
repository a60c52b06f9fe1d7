"""What organisers do to an edition, as named writes: create it, plan meetings, add trios,
open the comparison, take a member out.

Views, commands and tests call these; the forms only check what was typed. A plain edit
of an object's own fields (an edition's name, a trio's local name) stays its form's save.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms import BaseInlineFormSet

from mengpaneel.accounts.models import User
from mengpaneel.workshops.models import Edition, Meeting, Talk, Trio, TrioMember


@transaction.atomic
def create_edition(edition: Edition, *, by: User) -> Edition:
    """Save a new edition with the person who made it as its organiser."""
    edition.save()
    edition.organisers.add(by)
    return edition


def open_comparison(edition: Edition, is_open: bool) -> Edition:
    """The second reveal: trios of the edition see each other's shared panels (or no longer).

    Organisers always see every panel; a trio's own choice to share still counts.
    """
    edition.comparison_open = is_open
    edition.save(update_fields=["comparison_open"])
    return edition


@transaction.atomic
def plan_meeting(meeting: Meeting, talks: BaseInlineFormSet[Talk, Meeting, Any]) -> Meeting:
    """Save a meeting with its talks in one go: none of it, or all of it."""
    meeting.save()
    talks.instance = meeting
    talks.save()
    return meeting


def add_trio(trio: Trio) -> Trio:
    """A municipality joins the edition as a trio (members are invited next)."""
    trio.save()
    return trio


def remove_member(member: TrioMember) -> None:
    """Take a person out of a trio; their earlier placements stay with the panels."""
    member.delete()
