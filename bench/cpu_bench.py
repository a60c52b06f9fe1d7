"""Benchmark (not a test): the CPU time one request of each panel-showing page costs.

    .venv/bin/python bench/cpu_bench.py            # ~1 minute
    .venv/bin/python bench/cpu_bench.py --runs 200

Counts the process's CPU time (``time.process_time``), not the clock: what a page costs the
server does not change when other work shares the machine, so two versions of the code can be
compared on a busy machine, which the throughput benchmarks (`make bench-panel`,
`make bench-live`) cannot. One process, Django's test client through the whole stack
(middleware, view, template), production settings (DEBUG off), SQLite in a temp directory.
A trio of three with an earlier moment (so the drawing has a ghost), eleven more trios with
agreed panels for the comparison, and a live round in the agreement phase with a guest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(data_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "mengpaneel.settings",
            "MENGPANEEL_DATA_DIR": data_dir,
            "DEBUG": "false",
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver",
            "HTTPS": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)


def _world() -> dict:
    from mengpaneel.live import participation, phases
    from mengpaneel.live.constants import Phase
    from mengpaneel.organisations.models import Municipality
    from mengpaneel.panel import placing
    from mengpaneel.testing.factories import (
        EditionFactory,
        MeetingFactory,
        OrganiserFactory,
        TrioFactory,
        TrioMemberFactory,
        municipality,
    )

    organiser = OrganiserFactory()
    edition = EditionFactory(organisers=[organiser])
    first = MeetingFactory(edition=edition, number=1, date=date(2025, 3, 12))
    second = MeetingFactory(edition=edition, number=2, date=date(2026, 3, 12))
    live = MeetingFactory(edition=edition, number=3, date=date(2026, 5, 20))
    altena = TrioFactory(edition=edition, municipality=municipality("GM1959"), shares_panel=True)
    members = [TrioMemberFactory(trio=altena).user for _ in range(3)]

    def agreed(trio, meeting, by, shift: int) -> None:
        assessment = placing.start_assessment(trio, meeting=meeting)
        categories = list(assessment.panel_model.categories.all())
        for number, member in enumerate(trio.members.all()):
            for index, category in enumerate(categories):
                position = (index + number + shift) % 7 - 3
                placing.place(assessment, member.user, category, position, f"Notitie {index}")
        placing.reveal(assessment, by=by)
        for index, category in enumerate(categories):
            rationale = "Zo werken we nu: " + "een toelichting van een paar zinnen, " * 4
            placing.agree(assessment, category, (index + shift) % 7 - 3, rationale, False, by, 0)

    agreed(altena, first, members[0], 0)
    agreed(altena, second, members[0], 1)
    others = Municipality.objects.exclude(code="GM1959").order_by("code")[:11]
    for shift, place in enumerate(others):
        trio = TrioFactory(edition=edition, municipality=place, shares_panel=True)
        agreed(trio, second, TrioMemberFactory(trio=trio).user, shift)

    live_round = phases.start(live, by=organiser)
    guest = participation.join_as_guest(live_round, altena, "Gijs Gast")
    categories = list(live_round.panel_model.categories.all())
    for index, category in enumerate(categories):
        for who in [participation.Participant(live_round, altena, user=m) for m in members]:
            participation.place(who, category, index % 3)
        participation.place(
            participation.Participant(live_round, altena, guest=guest), category, -index % 3
        )
    for to, expected in [(Phase.REVEAL, Phase.ALONE), (Phase.AGREE, Phase.REVEAL)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=organiser)
    return {
        "organiser": organiser,
        "member": members[0],
        "edition": edition,
        "trio": altena,
        "round": live_round,
        "key": categories[0].key,
    }


def _scenarios(world: dict) -> list[tuple[str, object, str, str, dict]]:
    """(name, user, method, path, data): each request as the page sends it."""
    from django.urls import reverse

    trio, live_round, key = world["trio"], world["round"], world["key"]
    member, organiser = world["member"], world["organiser"]
    htmx = {"HTTP_HX_REQUEST": "true"}
    compare = reverse("panel:compare", args=[world["edition"].slug])
    save = {f"{key}-position": "1", f"{key}-rationale": "Omdat het zo is.", f"{key}-version": "0"}
    return [
        ("panel page", member, "get", reverse("panel:trio_panel", args=[trio.pk]), {}),
        (
            "agree, htmx",
            member,
            "post",
            reverse("panel:agree", args=[trio.pk, key]),
            {**save, **htmx},
        ),
        ("comparison", organiser, "get", compare, {}),
        ("comparison, overlay", organiser, "get", compare + "?weergave=over-elkaar", {}),
        ("live trio page", member, "get", reverse("live:participant", args=[live_round.pk]), {}),
        (
            "projector",
            organiser,
            "get",
            reverse("live:projector_room", args=[live_round.pk]),
            htmx,
        ),
    ]


def _version(world: dict) -> int:
    from mengpaneel.panel import placing

    assessment = placing.current_assessment(world["trio"])
    return assessment.agreed_positions.get(category__key=world["key"]).version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="timed requests per page")
    args = parser.parse_args()
    runs = max(10, min(args.runs, 2000))
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="mengpaneel-cpu-bench-") as data_dir:
        Path(data_dir, "static").mkdir()  # served by WhiteNoise, which wants it to exist
        _setup(data_dir)
        from django.test import Client

        world = _world()
        print(f"CPU time per request, {runs} runs per page, one process (time.process_time)\n")
        print(f"{'page':24} {'CPU ms median':>14} {'p90':>8} {'status':>7}")
        for name, user, method, path, data in _scenarios(world):
            client = Client()
            client.force_login(user)
            headers = {k: v for k, v in data.items() if k.startswith("HTTP_")}
            body = {k: v for k, v in data.items() if not k.startswith("HTTP_")}
            send = getattr(client, method)
            for _ in range(5):  # warm up: templates, imports, connections
                response = send(path, body, **headers)
            times = []
            for run in range(runs):
                if name.startswith("agree"):  # a real save each time: the saved version, moved
                    body[f"{world['key']}-version"] = str(_version(world))
                    body[f"{world['key']}-position"] = str(run % 2 + 1)
                started = time.process_time()
                response = send(path, body, **headers)
                times.append((time.process_time() - started) * 1000)
            times.sort()
            p90 = times[int(len(times) * 0.9)]
            print(f"{name:24} {statistics.median(times):14.1f} {p90:8.1f} {response.status_code:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
