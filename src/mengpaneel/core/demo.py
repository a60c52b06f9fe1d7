"""The demo edition: the source's three municipalities (DESIGN.md §2.6).

Loading is idempotent: every object is looked up by a natural key and only
changed when it differs, so running the demo twice changes nothing.
Cases are marked illustrative: the source does not say which municipality
brought which case. The accounts carry no personal data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from mengpaneel.accounts.models import User
from mengpaneel.agenda.models import Case
from mengpaneel.organisations.models import Municipality
from mengpaneel.workshops.constants import Domain, EditionStatus
from mengpaneel.workshops.models import Edition, Meeting, Talk, Trio, TrioMember

EDITION_SLUG = "werkplaats-wijkgericht-werken-2019"
ORGANISER_EMAIL = "organisator@demo.mengpaneel.nl"
DEMO_DOMAIN = "demo.mengpaneel.nl"


@dataclass(frozen=True)
class DemoTrio:
    code: str
    slug: str
    local_name: str
    case_title: str
    case_question: str
    case_area: str


TRIOS = [
    DemoTrio(
        "GM1959",
        "altena",
        "kerngericht werken",
        "Statushouders een thuis geven in de kern",
        "Hoe zorgen we samen met de kern dat nieuwe inwoners met een verblijfsvergunning "
        "er echt bij gaan horen?",
        "een dorpskern",
    ),
    DemoTrio(
        "GM0606",
        "schiedam",
        "wijkgericht werken",
        "Een skatebaan door en voor jongeren",
        "Jongeren willen zelf een skatebaan aanleggen. Hoe helpen we ze zonder het over te nemen?",
        "een wijk",
    ),
    DemoTrio(
        "GM0983",
        "venlo",
        "wijkgericht werken",
        "De wijkagenda integraal uitvoeren",
        "Elke wijk heeft een samenlevingsagenda, maar de uitvoering loopt per sector. "
        "Hoe maken we er één aanpak van?",
        "een wijk",
    ),
]

MEMBER_ROLES = [
    (Domain.AREA, "gebied", "Wijkambtenaar"),
    (Domain.PHYSICAL, "fysiek", "Collega fysiek domein"),
    (Domain.SOCIAL, "sociaal", "Collega sociaal domein"),
]

MEETINGS = [
    {
        "number": 1,
        "date": date(2019, 9, 12),
        "place": "Den Haag",
        "theme": "Organogram en mengpaneel",
        "assignment": "Teken waar wijkgericht werken in jullie organogram zit en zet daarna de "
        "vijf schuiven: eerst ieder voor zich, dan samen, met een toelichting.",
        "homework": "Bespreek het mengpaneel met een collega buiten het trio: herkent die de "
        "keuzes?",
        "talks": [
            ("Matthijs Uyterlinde", "", "Naar een wendbare wijkaanpak"),
        ],
    },
    {
        "number": 2,
        "date": date(2019, 10, 24),
        "place": "Utrecht",
        "theme": "De sociale basis in de wijk",
        "assignment": "Zoek de samenhang tussen de schuiven: welke drempel in jullie casus "
        "verklaart die?",
        "homework": "Zet drie acties voor de casus op jullie lokale agenda.",
        "talks": [
            ("Radboud Engbersen", "Movisie", "De sociale basis"),
        ],
    },
    {
        "number": 3,
        "date": date(2019, 12, 5),
        "place": "Utrecht",
        "theme": "Nieuw ambtelijk vakmanschap",
        "assignment": "Welke competenties heeft jullie trio, en wie haal je erbij voor wat "
        "ontbreekt?",
        "homework": "Presenteer de lokale agenda aan je leidinggevende.",
        "talks": [
            (
                "Merlijn van Hulst",
                "",
                "Publieke bricoleurs: de ambtenaar die van buiten naar binnen werkt",
            ),
        ],
    },
]


def demo_password() -> str:
    """The demo accounts' password: from MENGPANEEL_DEMO_PASSWORD, else one kept locally.

    Never a fixed secret: without the variable a random password is made once
    and kept in the data folder, so the demo stays idempotent and the password
    can be shown when the server starts.
    """
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD
    path = demo_password_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


def demo_password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-password"


def _account(email: str, name: str, password: str, **flags: bool) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, **flags})
    changed = created
    if not user.check_password(password):
        user.set_password(password)
        changed = True
    for field, value in {"name": name, **flags}.items():
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if changed:
        user.save()
    return user, changed


def _sync(model, lookup: dict, values: dict) -> tuple[object, bool]:
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        return obj, True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
    return obj, bool(changed)


@transaction.atomic
def load_demo() -> int:
    """Create or refresh the demo edition; returns the number of objects changed."""
    password = demo_password()
    changes = 0
    organiser, changed = _account(ORGANISER_EMAIL, "Demo-organisator", password, is_organiser=True)
    changes += changed

    edition, changed = _sync(
        Edition,
        {"slug": EDITION_SLUG},
        {
            "name": "Werkplaatsen wijkgericht werken 2019",
            "year": 2019,
            "status": EditionStatus.CLOSED,
            "description": "Demo: de tweede ronde werkplaatsen, met de trio's van Altena, "
            "Schiedam en Venlo. Data en casussen zijn ter illustratie.",
        },
    )
    changes += changed
    if not edition.organisers.filter(pk=organiser.pk).exists():
        edition.organisers.add(organiser)
        changes += 1

    for spec in MEETINGS:
        values = {k: v for k, v in spec.items() if k not in ("number", "talks")}
        meeting, changed = _sync(Meeting, {"edition": edition, "number": spec["number"]}, values)
        changes += changed
        for speaker, affiliation, title in spec["talks"]:
            _talk, changed = _sync(
                Talk,
                {"meeting": meeting, "speaker": speaker},
                {"affiliation": affiliation, "title": title},
            )
            changes += changed

    for spec in TRIOS:
        municipality = Municipality.objects.get(code=spec.code)
        trio, changed = _sync(
            Trio,
            {"edition": edition, "municipality": municipality},
            {"local_name": spec.local_name, "shares_panel": True},
        )
        changes += changed
        _case, changed = _sync(
            Case,
            {"trio": trio},
            {
                "title": spec.case_title,
                "question": spec.case_question,
                "area": spec.case_area,
                "is_illustrative": True,
            },
        )
        changes += changed
        for domain, suffix, role in MEMBER_ROLES:
            user, changed = _account(
                f"{spec.slug}.{suffix}@{DEMO_DOMAIN}", f"{role} {municipality.name}", password
            )
            changes += changed
            _member, changed = _sync(TrioMember, {"trio": trio, "user": user}, {"domain": domain})
            changes += changed
    return changes
