"""Golden outputs: what the panel's pictures, text alternatives and exports look like, to the byte.

One edition with the source's three municipalities, two moments for Altena (so the drawing shows
the ghost of the earlier one), members with clashing initials, a guest in a live round, and the
projector in the plenary and reflection. Every output is compared with the file of the same
name in ``tests/golden/``. Database ids are replaced by names first, so the files do not depend
on the order tests run in or on the database.

A change that means to alter a picture or an export rewrites the files and shows the diff:

    MENGPANEEL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from mengpaneel.insights import movement
from mengpaneel.live import participation, phases
from mengpaneel.live.constants import Phase
from mengpaneel.panel import placing
from mengpaneel.testing.factories import (
    EditionFactory,
    MeetingFactory,
    OrganiserFactory,
    TrioFactory,
    TrioMemberFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("MENGPANEEL_UPDATE_GOLDEN") == "1"

# docs/design.md ("Demo"), and an Altena of a year earlier to move from.
SOURCE_PANELS = {
    "GM1959": {
        "positioning": 2,
        "residents": -1,
        "internal_process": -3,
        "governance": 3,
        "communication": -1,
    },
    "GM0606": {"residents": 3, "internal_process": -3, "governance": 1, "communication": -1},
    "GM0983": {"positioning": -1, "internal_process": -3, "governance": 2, "communication": -1},
}
ALTENA_EARLIER = {"positioning": 1, "residents": -1, "internal_process": -2, "governance": 3}
# Alone, before the second moment's reveal: Anna and Anouk share initials (AV → A1, A2).
ALTENA_ALONE = {
    "Anna de Vries": {"positioning": 3, "residents": -1, "governance": 3, "communication": 0},
    "Anouk Visser": {"positioning": 1, "residents": -1, "governance": 2},
    "Bram Bakker": {"positioning": 2, "residents": 1, "internal_process": -3, "governance": 3},
}


def _agree(assessment, positions: dict[str, int | None], by, *, name: str) -> None:
    placing.reveal(assessment, by=by)
    for category in assessment.panel_model.categories.all():
        if category.key in positions:
            position = positions[category.key]
            rationale = f"Toelichting {name} over {category.key}" if position else ""
            discuss = category.key == "communication"
            placing.agree(assessment, category, position, rationale, discuss, by, 0)


def _world():
    organiser = OrganiserFactory(name="Olga Organisator", email="olga@example.org")
    edition = EditionFactory(name="Werkplaats Goud", slug="werkplaats-goud", organisers=[organiser])
    first = MeetingFactory(edition=edition, number=1, date=date(2025, 3, 12))
    second = MeetingFactory(edition=edition, number=2, date=date(2026, 3, 12))
    live_meeting = MeetingFactory(edition=edition, number=3, date=date(2026, 5, 20))
    trios, members = {}, {}
    for code in SOURCE_PANELS:
        trio = TrioFactory(edition=edition, municipality=municipality(code), shares_panel=True)
        trios[code] = trio
    for number, name in enumerate(ALTENA_ALONE, start=1):
        user = UserFactory(name=name, email=f"altena{number}@example.org")
        TrioMemberFactory(trio=trios["GM1959"], user=user)
        members[name] = user
    for code in ("GM0606", "GM0983"):
        user = UserFactory(name=f"Lid {code}", email=f"{code.lower()}@example.org")
        TrioMemberFactory(trio=trios[code], user=user)
        members[code] = user
    anna = members["Anna de Vries"]

    altena = trios["GM1959"]
    earlier = placing.start_assessment(altena, meeting=first)
    _agree(earlier, ALTENA_EARLIER, anna, name="Altena 2025")
    now = movement.start_moment(altena, second, by=anna)
    categories = {c.key: c for c in now.panel_model.categories.all()}
    for name, positions in ALTENA_ALONE.items():
        for key, position in positions.items():
            placing.place(
                now,
                members[name],
                categories[key],
                position,
                note=f"{name}: {key}",
                expected_version=0,
            )
    _agree(now, SOURCE_PANELS["GM1959"], anna, name="Altena")
    for code in ("GM0606", "GM0983"):
        assessment = placing.start_assessment(trios[code], meeting=second)
        _agree(assessment, SOURCE_PANELS[code], members[code], name=trios[code].municipality.name)
    return organiser, edition, trios, members, live_meeting


def _named(text: str, trios: dict) -> str:
    """Ids replaced by names: the files must not depend on the database's sequences."""
    for code, trio in trios.items():
        text = re.sub(rf"\bt{trio.pk}-", f"t{code}-", text)
    return text


def _between(html: str, start: str, end: str) -> list[str]:
    return re.findall(re.escape(start) + r".*?" + re.escape(end), html, flags=re.S)


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode())
    assert path.exists(), f"{path} is missing; make it with MENGPANEEL_UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode(), f"{name} differs from {path}"


def test_pictures_words_and_exports_stay_as_they_were(client):
    organiser, edition, trios, members, live_meeting = _world()
    altena = trios["GM1959"]

    client.force_login(members["Anna de Vries"])
    page = client.get(reverse("panel:trio_panel", args=[altena.pk])).text
    [figure] = _between(page, '<figure class="mp-panel-figure"', "</figure>")
    _check("trio_panel_figure.html", figure)
    download = client.get(reverse("panel:trio_panel_svg", args=[altena.pk]))
    _check("trio_panel.svg", download.content.decode())

    client.force_login(organiser)
    compare = reverse("panel:compare", args=[edition.slug])
    side_by_side = client.get(compare).text
    drawings = _between(side_by_side, '<svg xmlns="http://www.w3.org/2000/svg"', "</svg>")
    _check("compare_side_by_side.svg", _named("\n".join(drawings), trios))
    overlay = client.get(compare, {"weergave": "over-elkaar"}).text
    [overlaid] = _between(overlay, '<svg xmlns="http://www.w3.org/2000/svg"', "</svg>")
    _check("compare_overlay.svg", overlaid)
    ids = {trio.pk: code for code, trio in trios.items()}
    moments: dict[str, str] = {}
    csv_text = client.get(reverse("reports:export_csv", args=[edition.slug])).content.decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    trio_at, moment_at = rows[0].index("trio_id"), rows[0].index("assessment_id")
    for row in rows[1:]:
        row[trio_at] = ids[int(row[trio_at])]
        row[moment_at] = moments.setdefault(row[moment_at], f"moment {len(moments) + 1}")
    named = io.StringIO()
    csv.writer(named).writerows(rows)
    _check("export.csv", named.getvalue())
    json_text = client.get(reverse("reports:export_json", args=[edition.slug])).content.decode()
    json_text = re.sub(r'"trio_id": (\d+),', lambda m: f'"trio_id": "{ids[int(m[1])]}",', json_text)
    json_text = re.sub(
        r'"assessment_id": (\d+),', lambda m: f'"assessment_id": "{moments[m[1]]}",', json_text
    )
    _check("export.json", json_text)

    live_round = phases.start(live_meeting, by=organiser)
    anna = participation.Participant(live_round, altena, user=members["Anna de Vries"])
    bram = participation.Participant(live_round, altena, user=members["Bram Bakker"])
    guest = participation.join_as_guest(live_round, altena, "Gijs de Gast")
    as_guest = participation.Participant(live_round, altena, guest=guest)
    categories = list(live_round.panel_model.categories.all())
    for who, positions in [(anna, (2, -1, -3, 3)), (bram, (0, 1, -3, 1)), (as_guest, (3, -2))]:
        for category, position in zip(categories, positions, strict=False):
            participation.place(who, category, position, expected_version=0)
    venlo = participation.Participant(live_round, trios["GM0983"], user=members["GM0983"])
    participation.place(venlo, categories[0], -1, expected_version=0)
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=organiser)

    client.force_login(members["Anna de Vries"])
    participant = client.get(reverse("live:participant", args=[live_round.pk])).text
    [mine] = _between(participant, '<figure class="mp-live__figure">', "</figure>")
    _check("live_trio_reveal.html", mine)

    live_round = phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=organiser)
    for category, position in zip(categories, (2, -1, -3, None, 0), strict=True):
        text = f"Samen over {category.key}" if position else ""
        participation.agree(
            anna, category, position=position, rationale=text, discuss=False, expected_version=0
        )
    participation.agree(
        venlo, categories[0], position=-1, rationale="Sectoraal", discuss=True, expected_version=0
    )
    client.force_login(organiser)
    room = reverse("live:projector_room", args=[live_round.pk])
    for to, expected in [(Phase.PLENARY, Phase.AGREE), (Phase.REFLECT, Phase.PLENARY)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=organiser)
        html = client.get(room, headers={"HX-Request": "true"}).text
        drawings = _between(html, '<svg xmlns="http://www.w3.org/2000/svg"', "</svg>")
        _check(f"projector_{to}.svg", _named("\n".join(drawings), trios))
