"""Agreed positions read as plain values: one panel, the moment before it, or hundreds at once.

Every app that shows or interprets a panel (coherence, peers, movement, the live round,
exports) reads positions here, as ``{category key: position}``, where None is "not placed
yet" and 0 the middle. Pages that show hundreds of panels need positions, not model
instances: building an object per fader and per category costs more than the query, so the
many-panel readers take one query each, whatever the number of panels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from mengpaneel.panel.constants import FAR_APART_STEPS
from mengpaneel.panel.models import AgreedPosition, Assessment, Category

Positions = Mapping[str, int | None]


def far_apart(positions: Iterable[int | None]) -> bool:
    """People who placed a fader 2 or more steps apart talk about it first.

    The one rule, wherever it is shown (docs/design.md, "Placing, reveal and agree").
    Unplaced counts for nothing: "not placed yet" is no position to be far from.
    """
    placed = [position for position in positions if position is not None]
    return len(placed) > 1 and max(placed) - min(placed) >= FAR_APART_STEPS


def agreed_positions_of(assessment: Assessment) -> list[AgreedPosition]:
    """The assessment's agreed positions with their categories, read at most once.

    Uses the ``with_panel()`` prefetch when there is one; otherwise one query,
    kept on the instance, so templates asking again cost nothing.
    """
    prefetched: dict[str, Iterable[AgreedPosition]] = getattr(
        assessment, "_prefetched_objects_cache", {}
    )
    cached = prefetched.get("agreed_positions")
    if cached is not None:
        return list(cached)
    agreed: list[AgreedPosition] | None = getattr(assessment, "_agreed_positions", None)
    if agreed is None:
        agreed = list(
            assessment.agreed_positions.select_related("category").order_by(
                "category__order", "category__pk"
            )
        )
        assessment._agreed_positions = agreed  # type: ignore[attr-defined]
    return agreed


def positions_of(assessment: Assessment) -> dict[str, int | None]:
    """The agreed position per category key."""
    return {agreed.category.key: agreed.position for agreed in agreed_positions_of(assessment)}


def previous_agreed(assessment: Assessment) -> Assessment | None:
    """The trio's latest revealed assessment before this one: where its ghost stands."""
    return (
        Assessment.objects.for_trio(assessment.trio_id)
        .filter(revealed_at__isnull=False, created_at__lte=assessment.created_at)
        .exclude(pk=assessment.pk)
        .exclude(created_at=assessment.created_at, pk__gt=assessment.pk)
        .latest_first()
        .with_panel()
        .first()
    )


def previous_positions(assessment: Assessment) -> dict[str, int | None]:
    """The previous moment's agreed positions by category key ({} when there is none).

    The panel drawing shows these as ghosts (``FaderDrawing.previous``).
    """
    previous: dict[str, int | None] | None = getattr(assessment, "_previous_positions", None)
    if previous is None:
        # Kept on the instance: a page draws the panel more than once (SVG, text).
        earlier = previous_agreed(assessment)
        previous = positions_of(earlier) if earlier is not None else {}
        assessment._previous_positions = previous  # type: ignore[attr-defined]
    return previous


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
