"""The demo edition: the source's three municipalities (docs/design.md, "Demo").

Loading is idempotent: every object is looked up by a natural key and only
changed when it differs, so running the demo twice changes nothing.
Cases are marked illustrative: the source does not say which municipality
brought which case. The accounts carry no personal data.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from mengpaneel.accounts.models import User
from mengpaneel.agenda.models import Case
from mengpaneel.competences import lists as competence_lists
from mengpaneel.competences.constants import Level
from mengpaneel.competences.models import Competence, Involvement, SelfRating
from mengpaneel.organisations.models import Municipality
from mengpaneel.orgchart import outline as org_outline
from mengpaneel.orgchart.constants import FeltDistance
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.panel import placing
from mengpaneel.panel.constants import ChangeKind
from mengpaneel.panel.models import AgreedPosition, Assessment, PositionChange
from mengpaneel.workshops.constants import Domain, EditionStatus
from mengpaneel.workshops.models import Edition, Meeting, Talk, Trio, TrioMember

EDITION_SLUG = "werkplaats-wijkgericht-werken-2019"
ORGANISER_EMAIL = "organisator@demo.mengpaneel.nl"
DEMO_DOMAIN = "demo.mengpaneel.nl"


@dataclass(frozen=True)
class DemoMeeting:
    number: int
    day: date
    place: str
    theme: str
    assignment: str
    homework: str
    talks: tuple[tuple[str, str, str], ...]  # speaker, affiliation, title


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
    DemoMeeting(
        number=1,
        day=date(2019, 9, 12),
        place="Den Haag",
        theme="Organogram en mengpaneel",
        assignment="Teken waar wijkgericht werken in jullie organogram zit en zet daarna de "
        "vijf schuiven: eerst ieder voor zich, dan samen, met een toelichting.",
        homework="Bespreek het mengpaneel met een collega buiten het trio: herkent die de keuzes?",
        talks=(("Matthijs Uyterlinde", "", "Naar een wendbare wijkaanpak"),),
    ),
    DemoMeeting(
        number=2,
        day=date(2019, 10, 24),
        place="Utrecht",
        theme="De sociale basis in de wijk",
        assignment="Zoek de samenhang tussen de schuiven: welke drempel in jullie casus "
        "verklaart die?",
        homework="Zet drie acties voor de casus op jullie lokale agenda.",
        talks=(("Radboud Engbersen", "Movisie", "De sociale basis"),),
    ),
    DemoMeeting(
        number=3,
        day=date(2019, 12, 5),
        place="Utrecht",
        theme="Nieuw ambtelijk vakmanschap",
        assignment="Welke competenties heeft jullie trio, en wie haal je erbij voor wat ontbreekt?",
        homework="Presenteer de lokale agenda aan je leidinggevende.",
        talks=(
            (
                "Merlijn van Hulst",
                "",
                "Publieke bricoleurs: de ambtenaar die van buiten naar binnen werkt",
            ),
        ),
    ),
]


# The agreed panels of docs/design.md ("Demo"), with rationales after the source (own words).
# None: the source says nothing about this fader for this municipality, so it stays unplaced.
PANELS: dict[str, dict[str, tuple[int | None, str]]] = {
    "GM1959": {
        "positioning": (
            2,
            "Ons team heeft een eigen programmabudget. De wijkambtenaar heeft een brede opdracht "
            "en staat dicht bij de directie en het college.",
        ),
        "residents": (
            -1,
            "Signalen van inwoners komen overal in de organisatie binnen. Iedereen voelt zich "
            "betrokken, maar het werk raakt ook versnipperd.",
        ),
        "internal_process": (
            -3,
            "Kerngericht werken krijgt overal aandacht, maar er is geen vaste gebiedscyclus en "
            "samenwerken over de domeinen heen gaat nog niet soepel.",
        ),
        "governance": (
            3,
            "Er zijn kernwethouders en kerngericht werken is onderdeel van hoe de gemeente "
            "stuurt en is georganiseerd.",
        ),
        "communication": (
            -1,
            "We communiceren meestal voor de hele gemeente; per kern alleen als het nodig is.",
        ),
    },
    "GM0606": {
        "positioning": (None, ""),
        "residents": (
            3,
            "Er zijn veel instrumenten voor initiatieven en we moedigen bewoners actief aan om "
            "zelf iets te beginnen.",
        ),
        "internal_process": (
            -3,
            "Wijkgericht werken leeft in de hele organisatie, maar dat leidt nog niet tot "
            "soepele integrale werkprocessen.",
        ),
        "governance": (
            1,
            "De lijn naar de wethouder is kort, maar we hebben geen wijkwethouders.",
        ),
        "communication": (
            -1,
            "Communicatie gaat niet vast per wijk; soms wel, als een situatie erom vraagt.",
        ),
    },
    "GM0983": {
        "positioning": (
            -1,
            "De wijkambtenaar heeft geen eigen budget. Dat geeft wel ruimte om het proces te "
            "regisseren.",
        ),
        "residents": (None, ""),
        "internal_process": (
            -3,
            "Elke wijk heeft een samenlevingsagenda, maar de uitvoering gaat nog grotendeels "
            "per sector.",
        ),
        "governance": (
            2,
            "We hebben wijkwethouders en je loopt zo bij de wethouder binnen.",
        ),
        "communication": (
            -1,
            "We communiceren gemeentebreed en alleen per wijk als het nodig is.",
        ),
    },
}


@dataclass(frozen=True)
class DemoOrgChart:
    outline: str
    area_unit: str
    not_named: bool
    felt_alderman: str
    felt_director: str
    felt_note: str
    is_illustrative: bool


# Altena's chart as the source describes it, and no more: area-based working ("kerngericht
# werken") is not named in it, belongs to team Samenleving under the directorate of external
# orientation, close to the general director and the executive. Schiedam's and Venlo's are
# made up for the demo and marked illustrative.
ORG_CHARTS = {
    "GM1959": DemoOrgChart(
        outline="College van B&W\n"
        "  Gemeentesecretaris / algemeen directeur\n"
        "    Directie externe oriëntatie\n"
        "      Team Samenleving\n",
        area_unit="Team Samenleving",
        not_named=True,
        felt_alderman=FeltDistance.WALKS_IN,
        felt_director=FeltDistance.WALKS_IN,
        felt_note="De lijnen zijn kort: we lopen zo bij de kernwethouder binnen, en onze "
        "directeur zit dicht bij de algemeen directeur en het college. In het organogram zie "
        "je kerngericht werken niet terug.",
        is_illustrative=False,
    ),
    "GM0606": DemoOrgChart(
        outline="College van B&W\n"
        "  Gemeentesecretaris / algemeen directeur\n"
        "    Cluster Publiekszaken\n"
        "      Afdeling Burgerzaken\n"
        "      Afdeling Wijkzaken\n"
        "        Team Wijkregie\n"
        "        Team Wijkbeheer\n"
        "    Cluster Sociaal Domein\n"
        "      Afdeling Jeugd\n"
        "      Afdeling Zorg en Welzijn\n"
        "    Cluster Fysiek Domein\n"
        "      Afdeling Ruimtelijke Ontwikkeling\n"
        "      Afdeling Openbare Ruimte\n"
        "    Cluster Bedrijfsvoering\n",
        area_unit="Team Wijkregie",
        not_named=False,
        felt_alderman=FeltDistance.WALKS_IN,
        felt_director=FeltDistance.THROUGH_LINE,
        felt_note="De wethouder spreken we makkelijk, ook zonder wijkwethouder. Naar de "
        "directie loopt het via de afdelingsmanager.",
        is_illustrative=True,
    ),
    "GM0983": DemoOrgChart(
        outline="College van B&W\n"
        "  Gemeentesecretaris / algemeen directeur\n"
        "    Directie Samenleving\n"
        "      Team Wijkgericht werken\n"
        "      Team Zorg en Welzijn\n"
        "      Team Werk en Inkomen\n"
        "    Directie Ruimte\n"
        "      Team Stedelijke Ontwikkeling\n"
        "      Team Beheer Openbare Ruimte\n"
        "    Directie Bedrijfsvoering\n",
        area_unit="Team Wijkgericht werken",
        not_named=False,
        felt_alderman=FeltDistance.WALKS_IN,
        felt_director=FeltDistance.REGULAR_MEETING,
        felt_note="Met de wijkwethouder is het contact direct; de directeur zien we in het "
        "vaste overleg van de directie Samenleving.",
        is_illustrative=True,
    ),
}

# Each member's own rating of the default competences, in list order: network in the area,
# process direction, physical and social, political sensitivity, improvising, outside in.
# Made up for the demo, so that each trio lacks one competence and names who to involve.
K, C, N = Level.KNOWN_FOR, Level.CAN, Level.NOT_MINE
RATINGS = {
    "GM1959": {
        "gebied": [K, C, N, K, N, K],
        "fysiek": [N, C, C, N, N, N],
        "sociaal": [C, N, K, N, N, C],
    },
    "GM0606": {
        "gebied": [K, K, C, N, C, K],
        "fysiek": [N, C, K, N, K, N],
        "sociaal": [C, N, C, N, C, C],
    },
    "GM0983": {
        "gebied": [K, N, C, K, C, C],
        "fysiek": [N, N, K, N, C, N],
        "sociaal": [C, N, C, C, K, K],
    },
}
# (trio, place of the competence in the list, the colleague to involve: a role)
INVOLVEMENTS = [
    ("GM0606", 4, "bestuursadviseur van de wethouder"),
    ("GM0983", 2, "programmamanager wijkaanpak"),
]

# Fixed moments, so loading the demo again changes nothing.
PANEL_REVEALED_AT = datetime(2019, 9, 12, 11, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
PANEL_AGREED_AT = PANEL_REVEALED_AT + timedelta(minutes=45)


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


def _sync[M: Model](
    model: type[M], lookup: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[M, bool]:
    obj, created = model._default_manager.get_or_create(**lookup, defaults=values)
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
            "comparison_open": True,
            "description": "Demo: de tweede ronde werkplaatsen, met de trio's van Altena, "
            "Schiedam en Venlo. Data en casussen zijn ter illustratie.",
        },
    )
    changes += changed
    if not edition.organisers.filter(pk=organiser.pk).exists():
        edition.organisers.add(organiser)
        changes += 1

    competence_lists.copy_defaults(edition)
    competences = competence_lists.list_of(edition)

    first_meeting = None
    for meeting_spec in MEETINGS:
        values = {
            "date": meeting_spec.day,
            "place": meeting_spec.place,
            "theme": meeting_spec.theme,
            "assignment": meeting_spec.assignment,
            "homework": meeting_spec.homework,
        }
        lookup = {"edition": edition, "number": meeting_spec.number}
        meeting, changed = _sync(Meeting, lookup, values)
        changes += changed
        first_meeting = first_meeting or meeting
        for speaker, affiliation, title in meeting_spec.talks:
            _talk, changed = _sync(
                Talk,
                {"meeting": meeting, "speaker": speaker},
                {"affiliation": affiliation, "title": title},
            )
            changes += changed

    assert first_meeting is not None  # the demo has its meetings
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
            member, changed = _sync(TrioMember, {"trio": trio, "user": user}, {"domain": domain})
            changes += changed
            changes += _load_ratings(member, competences, RATINGS[spec.code][suffix])
            if domain == Domain.AREA:
                area_officer = user
        changes += _load_panel(trio, first_meeting, PANELS[spec.code], area_officer)
        changes += _load_org_chart(trio, ORG_CHARTS[spec.code], area_officer)
        for code, place, role in INVOLVEMENTS:
            if code == spec.code and place <= len(competences):
                _involvement, changed = _sync(
                    Involvement,
                    {"trio": trio, "competence": competences[place - 1], "role": role},
                    {"created_by": area_officer, "created_at": PANEL_AGREED_AT},
                )
                changes += changed
    return changes


def _load_ratings(member: TrioMember, competences: list[Competence], levels: list[Level]) -> int:
    """The member's own ratings, matched to the edition's list by place."""
    changes = 0
    for competence, level in zip(competences, levels, strict=False):
        _rating, changed = _sync(
            SelfRating,
            {"member": member, "competence": competence},
            {"level": level, "updated_at": PANEL_AGREED_AT},
        )
        changes += changed
    return changes


def _load_org_chart(trio: Trio, spec: DemoOrgChart, by: User) -> int:
    parsed = org_outline.parse(spec.outline)
    area = next(unit for unit in parsed.units if unit.name == spec.area_unit)
    _chart, changed = _sync(
        OrgChart,
        {"trio": trio},
        {
            "outline": spec.outline,
            "area_unit_key": area.key,
            "executive_key": "",
            "not_named": spec.not_named,
            "felt_alderman": spec.felt_alderman,
            "felt_director": spec.felt_director,
            "felt_note": spec.felt_note,
            "is_illustrative": spec.is_illustrative,
            "updated_by": by,
            "updated_at": PANEL_AGREED_AT,
        },
    )
    return changed


def _load_panel(
    trio: Trio, meeting: Meeting, positions: dict[str, tuple[int | None, str]], by: User
) -> int:
    """The trio's agreed, revealed panel at the first meeting.

    Written directly rather than through ``placing.agree``: the demo needs its
    fixed 2019 moments and must compare field by field to stay idempotent.
    """
    changes = 0
    assessment = Assessment.objects.filter(trio=trio, meeting=meeting).order_by("pk").first()
    if assessment is None:
        assessment = placing.start_assessment(trio, meeting=meeting)
        changes += 1
    assessment, changed = _sync(
        Assessment,
        {"pk": assessment.pk},
        {
            "created_at": PANEL_REVEALED_AT - timedelta(minutes=30),
            "revealed_at": PANEL_REVEALED_AT,
            "revealed_by": by,
        },
    )
    changes += changed
    _change, changed = _sync(
        PositionChange,
        {"assessment": assessment, "kind": ChangeKind.REVEAL},
        {"user": by, "at": PANEL_REVEALED_AT},
    )
    changes += changed
    categories = {c.key: c for c in assessment.panel_model.categories.all()}
    for key, (position, rationale) in positions.items():
        category = categories[key]
        _agreed, changed = _sync(
            AgreedPosition,
            {"assessment": assessment, "category": category},
            {
                "position": position,
                "rationale": rationale,
                "discuss": False,
                "version": 1,
                "updated_by": by,
                "updated_at": PANEL_AGREED_AT,
            },
        )
        changes += changed
        history = [] if position is None else [(ChangeKind.AGREED, str(position))]
        if rationale:
            history.append((ChangeKind.RATIONALE, rationale))
        for kind, value in history:
            _change, changed = _sync(
                PositionChange,
                {"assessment": assessment, "category": category, "kind": kind},
                {"user": by, "at": PANEL_AGREED_AT, "old_value": "", "new_value": value},
            )
            changes += changed
    return changes
