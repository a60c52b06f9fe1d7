"""Synthetic data for the insights benchmark: an edition with N municipalities × M moments.

Deterministic (seeded), written with bulk inserts so that 342 × 3 takes seconds.
Each trio gets one revealed, agreed assessment per meeting; positions walk a
little from moment to moment, about one fader in ten stays unplaced, every
placed fader has a rationale of realistic length, and nine trios in ten share
their panel with the edition. The data says nothing about real municipalities.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mengpaneel.accounts.models import User
from mengpaneel.organisations.models import Municipality
from mengpaneel.panel.models import AgreedPosition, Assessment, PanelModel
from mengpaneel.workshops.models import Edition, Meeting, Trio, TrioMember

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WORDS = (
    "wijk kern bewoners initiatief budget mandaat wethouder college sector team proces "
    "gebiedscyclus agenda communicatie samenwerking domein fysiek sociaal regie ruimte "
    "afspraak signaal netwerk opdracht besluit uitvoering plan jongeren buurthuis"
).split()


def _rationale(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS, k=rng.randint(8, 18))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def generate(
    slug: str,
    municipalities: int = 342,
    moments: int = 3,
    *,
    seed: int = 4,
    share: float = 0.9,
    unplaced: float = 0.1,
) -> tuple[Edition, User, User]:
    """Create the edition; returns (edition, a member of its first trio, its organiser)."""
    rng = random.Random(seed)
    model = PanelModel.objects.default()
    categories = list(model.categories.all())
    organiser = User.objects.create_user(
        f"organiser@{slug}.bench.invalid",
        "bench-password",
        name="Bench organiser",
        is_organiser=True,
    )
    edition = Edition.objects.create(name=f"Bench {slug}", slug=slug, year=2026)
    edition.organisers.add(organiser)
    meetings = [
        Meeting.objects.create(
            edition=edition,
            number=number,
            date=date(2026, 1, 15) + timedelta(days=60 * (number - 1)),
            theme=f"Bijeenkomst {number}",
        )
        for number in range(1, moments + 1)
    ]
    chosen = list(Municipality.objects.order_by("code")[:municipalities])
    trios = Trio.objects.bulk_create(
        Trio(edition=edition, municipality=m, shares_panel=rng.random() < share) for m in chosen
    )
    member = User.objects.create_user(
        f"member@{slug}.bench.invalid", "bench-password", name="Bench member"
    )
    # The member's own trio shares too, so it also appears among the others' peers.
    trios[0].shares_panel = True
    trios[0].save(update_fields=["shares_panel"])
    TrioMember.objects.create(trio=trios[0], user=member)

    assessments = []
    for trio in trios:
        for meeting in meetings:
            moment = datetime.combine(meeting.date, time(11), tzinfo=AMSTERDAM)
            assessments.append(
                Assessment(
                    trio=trio,
                    meeting=meeting,
                    panel_model=model,
                    created_at=moment,
                    revealed_at=moment + timedelta(minutes=30),
                )
            )
    assessments = Assessment.objects.bulk_create(assessments)
    positions = []
    start = {trio.pk: {c.pk: rng.randint(-3, 3) for c in categories} for trio in trios}
    for assessment in assessments:
        walk = start[assessment.trio_id]
        for category in categories:
            walk[category.pk] = max(-3, min(3, walk[category.pk] + rng.choice((-1, 0, 0, 1))))
            position = None if rng.random() < unplaced else walk[category.pk]
            positions.append(
                AgreedPosition(
                    assessment=assessment,
                    category=category,
                    position=position,
                    rationale="" if position is None else _rationale(rng),
                    version=1,
                    updated_at=assessment.revealed_at,
                )
            )
    AgreedPosition.objects.bulk_create(positions, batch_size=2000)
    return edition, member, organiser
