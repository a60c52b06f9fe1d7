"""Many agreed panels at once, read as plain values.

Pages that show hundreds of panels (the comparison, learning from peers) need
positions, not model instances: building an object per fader and per category
costs more than the query. These readers take one query each, whatever the
number of panels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from mengpaneel.panel.models import AgreedPosition, Category


def positions_by_assessment(
    assessment_ids: Iterable[int],
) -> dict[int, dict[str, int | None]]:
    """{assessment id: {category key: agreed position}} in one query."""
    return agreed_values(assessment_ids)[0]


def agreed_values(
    assessment_ids: Iterable[int], *, rationales: bool = False
) -> tuple[dict[int, dict[str, int | None]], dict[int, dict[str, str]]]:
    """Positions (and, when asked, rationales) per assessment and category key; one query."""
    positions: dict[int, dict[str, int | None]] = defaultdict(dict)
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    fields = ["assessment_id", "category__key", "position"] + (["rationale"] if rationales else [])
    rows = AgreedPosition.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        *fields
    )
    for row in rows:
        positions[row[0]][row[1]] = row[2]
        if rationales and row[3]:
            texts[row[0]][row[1]] = row[3]
    return positions, texts


def categories_of(panel_model_ids: Iterable[int]) -> list[Category]:
    """The categories of these model versions, in model order, in one query."""
    return list(
        Category.objects.filter(panel_model_id__in=set(panel_model_ids)).order_by(
            "panel_model_id", "order", "pk"
        )
    )
