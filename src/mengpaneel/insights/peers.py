"""Learning from peers: who chose clearly differently, whose panel is closest.

docs/design.md, "Learning from peers".

The matching is plain Python over ``{category key: position}``. Which peers
may be looked at at all is decided elsewhere (``sharing.visible_peer_trios``);
this module only loads what it is given and compares.

Never a ranking of "better": the closest panels are ordered by how alike
the choices are, nothing else, and every result says how many faders were
compared. Unplaced faders are left out of every comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from mengpaneel.insights.constants import (
    MIN_FADERS_COMPARED,
    PEER_DIFFERENCE_STEPS,
    SIMILAR_PANELS_SHOWN,
)
from mengpaneel.panel.models import Assessment
from mengpaneel.panel.positions import agreed_values
from mengpaneel.workshops.models import Trio

Positions = Mapping[str, int | None]


@dataclass(frozen=True)
class PeerPanel:
    """A peer trio's latest agreed panel, as far as it may be shown."""

    trio_id: int
    municipality: str
    edition: str
    edition_id: int  # editions' names need not differ
    date: date
    positions: Mapping[str, int | None]
    rationales: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DifferentChoice:
    peer: PeerPanel
    position: int
    rationale: str
    steps: int


@dataclass(frozen=True)
class Similarity:
    peer: PeerPanel
    compared: int  # faders both placed
    distance: float  # mean number of steps apart over those faders

    @property
    def identical(self) -> bool:
        return self.distance == 0


def clearly_different(
    own: Positions, peers: Iterable[PeerPanel], min_steps: int = PEER_DIFFERENCE_STEPS
) -> dict[str, list[DifferentChoice]]:
    """Per fader of ``own``: the peers whose position is ``min_steps`` or more away.

    A fader the trio has not placed has no choice to differ from, and a peer's
    unplaced fader is no choice either: both are left out. The clearest
    difference comes first, then alphabetical.
    """
    result: dict[str, list[DifferentChoice]] = {key: [] for key in own}
    peers = list(peers)
    for key, mine in own.items():
        if mine is None:
            continue
        for peer in peers:
            theirs = peer.positions.get(key)
            if theirs is None or abs(theirs - mine) < min_steps:
                continue
            result[key].append(
                DifferentChoice(
                    peer=peer,
                    position=theirs,
                    rationale=peer.rationales.get(key, ""),
                    steps=abs(theirs - mine),
                )
            )
        result[key].sort(key=lambda d: (-d.steps, d.peer.municipality, d.peer.trio_id))
    return result


def compare(own: Positions, other: Positions) -> tuple[int, float] | None:
    """(faders compared, mean steps apart) over the faders both placed; None if none."""
    gaps = [
        abs(mine - theirs)
        for key, mine in own.items()
        if mine is not None and (theirs := other.get(key)) is not None
    ]
    if not gaps:
        return None
    return len(gaps), sum(gaps) / len(gaps)


def similarities(
    own: Positions, peers: Iterable[PeerPanel], min_compared: int = MIN_FADERS_COMPARED
) -> list[Similarity]:
    """Every peer with at least ``min_compared`` faders in common, closest first."""
    found = []
    for peer in peers:
        result = compare(own, peer.positions)
        if result is None or result[0] < min_compared:
            continue
        compared, distance = result
        found.append(Similarity(peer=peer, compared=compared, distance=distance))
    found.sort(key=lambda s: (s.distance, -s.compared, s.peer.municipality, s.peer.trio_id))
    return found


def most_similar(
    own: Positions,
    peers: Iterable[PeerPanel],
    limit: int = SIMILAR_PANELS_SHOWN,
    min_compared: int = MIN_FADERS_COMPARED,
) -> list[Similarity]:
    return similarities(own, peers, min_compared)[:limit]


def latest_agreed(trios: QuerySet[Trio], model_key: str) -> QuerySet[Assessment]:
    """Each trio's latest revealed assessment on a version of ``model_key``.

    An assessment that is not revealed has no agreed panel yet, so a trio that
    just started a new moment still shows its previous agreed one.
    """
    candidates = Assessment.objects.filter(
        trio=OuterRef("trio"), panel_model__key=model_key, revealed_at__isnull=False
    ).order_by("-created_at", "-pk")
    return Assessment.objects.filter(trio__in=trios, pk=Subquery(candidates.values("pk")[:1]))


def peer_panels(trios: QuerySet[Trio], model_key: str) -> list[PeerPanel]:
    """The peers' panels, read as plain values in two queries whatever their number."""
    rows = list(
        latest_agreed(trios, model_key).values(
            "pk",
            "trio_id",
            "trio__municipality__name",
            "trio__edition__name",
            "trio__edition_id",
            "meeting__date",
            "created_at",
        )
    )
    positions, rationales = agreed_values([row["pk"] for row in rows], rationales=True)
    panels = [
        PeerPanel(
            trio_id=row["trio_id"],
            municipality=row["trio__municipality__name"],
            edition=row["trio__edition__name"],
            edition_id=row["trio__edition_id"],
            date=row["meeting__date"] or timezone.localdate(row["created_at"]),
            positions=positions.get(row["pk"], {}),
            rationales=rationales.get(row["pk"], {}),
        )
        for row in rows
    ]
    panels.sort(key=lambda p: (p.municipality, p.trio_id))
    return panels
