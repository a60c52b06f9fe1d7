"""The case a trio brings: read it, describe it."""

from __future__ import annotations

from mengpaneel.agenda.models import Case
from mengpaneel.workshops.models import Trio


def case_of(trio: Trio) -> Case | None:
    return Case.objects.filter(trio=trio).first()


def describe_case(trio: Trio, *, title: str, question: str, area: str) -> Case:
    """Write down (or change) the trio's case; a trio has one."""
    case, _created = Case.objects.update_or_create(
        trio=trio, defaults={"title": title, "question": question, "area": area}
    )
    return case
