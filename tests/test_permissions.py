"""The permission matrix: every URL × every persona, with the status each must get.

Missing and forbidden both answer 404, so an outsider cannot learn what exists.
Anonymous visitors of a private page are sent to the login page (302).
A new URL fails `test_every_url_is_in_the_matrix` until it has a row here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "other_trio_member", "member", "other_organiser", "organiser"]
LOGIN = 302
OK = 200


@dataclass(frozen=True)
class Row:
    name: str
    args: tuple  # attribute names on the world fixture, or literals
    expected: dict[str, int]
    method: str = "get"
    given: str = ""  # a state set up first: a key of GIVEN
    data: tuple[tuple[str, str], ...] = ()  # what a POST sends


def _private(**overrides: int) -> dict[str, int]:
    """A page only the given personas may see; everyone else gets 404."""
    expected = {p: 404 for p in PERSONAS}
    expected["anonymous"] = LOGIN
    expected.update(overrides)
    return expected


EVERYONE = {p: OK for p in PERSONAS}
ANY_LOGGED_IN = {**EVERYONE, "anonymous": LOGIN}

MATRIX = [
    Row("core:home", (), EVERYONE),
    Row("core:accessibility", (), EVERYONE),
    Row("accounts:login", (), {**{p: 302 for p in PERSONAS}, "anonymous": OK}),
    Row("accounts:password_reset", (), EVERYONE),
    Row("accounts:password_reset_done", (), EVERYONE),
    Row("accounts:password_reset_complete", (), EVERYONE),
    Row("accounts:password_change", (), ANY_LOGGED_IN),
    # For the proxy and monitoring: parts and "ok", nothing private (core/tests/test_health.py).
    Row("core:health", (), EVERYONE),
    Row("workshops:edition_list", (), ANY_LOGGED_IN),
    Row("workshops:edition_create", (), _private(organiser=OK, other_organiser=OK)),
    Row(
        "workshops:edition_detail",
        ("edition.slug",),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    Row("workshops:edition_edit", ("edition.slug",), _private(organiser=OK)),
    Row(
        "workshops:edition_comparison",
        ("edition.slug",),
        _private(organiser=302),
        method="post",
    ),
    Row("workshops:meeting_create", ("edition.slug",), _private(organiser=OK)),
    Row(
        "workshops:meeting_detail",
        ("edition.slug", "meeting.pk"),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    Row("workshops:meeting_edit", ("edition.slug", "meeting.pk"), _private(organiser=OK)),
    Row("workshops:trio_create", ("edition.slug",), _private(organiser=OK)),
    Row("workshops:trio_detail", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("workshops:trio_edit", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("agenda:case_edit", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("workshops:trio_invite", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row(
        "workshops:trio_member_remove",
        ("trio.pk", "membership.pk"),
        {**_private(organiser=302), "anonymous": LOGIN},
        method="post",
    ),
    # Panel models: every organiser looks and copies; only the maker or staff edit
    # (test_model_pages covers the maker). The default model is copied, not edited.
    Row("panel:model_list", (), _private(organiser=OK, other_organiser=OK)),
    Row("panel:model_create", (), _private(organiser=OK, other_organiser=OK)),
    Row(
        "panel:model_detail",
        ("'wijkgericht-werken'",),
        _private(organiser=OK, other_organiser=OK),
    ),
    Row("panel:model_edit", ("'wijkgericht-werken'",), _private()),
    Row("panel:edition_model", ("edition.slug",), _private(organiser=OK)),
    # The mixing panel. Posting nothing, a member gets the page back with "not saved yet".
    Row("panel:trio_panel", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("panel:history", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("panel:trio_panel_svg", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("panel:trio_panel_png", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("panel:reveal", ("trio.pk",), _private(member=302, organiser=302), method="post"),
    Row("panel:place", ("trio.pk", "'positioning'"), _private(member=OK), method="post"),
    Row(
        "panel:agree",
        ("trio.pk", "'positioning'"),
        _private(member=OK, organiser=OK),
        method="post",
    ),
    Row("panel:dissent", ("trio.pk", "'positioning'"), _private(member=OK), method="post"),
    Row(
        "panel:compare",
        ("edition.slug",),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    Row("reports:export_csv", ("edition.slug",), _private(organiser=OK)),
    Row("reports:export_json", ("edition.slug",), _private(organiser=OK)),
    # Live rounds (tests/conftest.py starts one for world.meeting, with one guest).
    Row("live:start", ("edition.slug", "meeting.pk"), _private(organiser=OK)),
    Row("live:join", (), EVERYONE),
    # Without a code in the session it asks for one, for everyone.
    Row("live:join_trio", (), EVERYONE),
    Row("live:code_link", ("'ACDEFGHJ'",), {p: 404 for p in PERSONAS}),
    Row(
        "live:participant",
        ("live_round.pk",),
        {**_private(member=OK, other_trio_member=OK, organiser=302), "anonymous": 404},
    ),
    # Fragments for htmx; opened directly they lead to their page.
    Row(
        "live:participant_work",
        ("live_round.pk",),
        {**_private(member=302, other_trio_member=302), "anonymous": 404},
    ),
    Row(
        "live:participant_trio",
        ("live_round.pk",),
        {**_private(member=302, other_trio_member=302), "anonymous": 404},
    ),
    # Without a fader named in the form there is nothing to save, for anyone.
    Row("live:place", ("live_round.pk",), {p: 404 for p in PERSONAS}, method="post"),
    Row("live:agree", ("live_round.pk",), {p: 404 for p in PERSONAS}, method="post"),
    Row(
        "live:stream",
        ("live_round.pk",),
        {**_private(member=OK, other_trio_member=OK, organiser=OK), "anonymous": 404},
    ),
    Row(
        "live:version",
        ("live_round.pk",),
        {**_private(member=OK, other_trio_member=OK, organiser=OK), "anonymous": 404},
    ),
    Row("live:control", ("live_round.pk",), _private(organiser=OK)),
    Row("live:control_people", ("live_round.pk",), _private(organiser=302)),
    Row("live:projector", ("live_round.pk",), _private(organiser=OK)),
    Row("live:projector_room", ("live_round.pk",), _private(organiser=302)),
    Row("live:move_phase", ("live_round.pk",), _private(organiser=302), method="post"),
    Row("live:code_action", ("live_round.pk",), _private(organiser=302), method="post"),
    Row(
        "live:guest_remove",
        ("live_round.pk", "live_guest.pk"),
        _private(organiser=302),
        method="post",
    ),
    # Without a token in the session there is nothing to accept, for anyone.
    Row("workshops:invitation_accept", (), {p: 404 for p in PERSONAS}),
    Row("workshops:invitation_open", ("'not-a-real-token'",), {p: 404 for p in PERSONAS}),
    Row("workshops:invitation_claim", (), {**_private(), "anonymous": LOGIN}, method="post"),
    # An invitation to the outsider's address, its token in the visitor's session: everyone
    # holding it sees the page, only the outsider joins with it; the others may ask an
    # organiser to confirm. Anonymous visitors are asked to log in (the account exists).
    Row("workshops:invitation_accept", (), EVERYONE, given="invitation_to_outsider"),
    Row(
        "workshops:invitation_accept",
        (),
        {**{p: 403 for p in PERSONAS}, "anonymous": OK, "outsider": 302},
        method="post",
        given="invitation_to_outsider",
    ),
    Row(
        "workshops:invitation_claim",
        (),
        {**{p: 302 for p in PERSONAS}, "anonymous": LOGIN},
        method="post",
        given="invitation_to_outsider",
    ),
    # An invitation to an address without an account: nobody logged in joins with it.
    Row(
        "workshops:invitation_accept",
        (),
        {**{p: 403 for p in PERSONAS}, "anonymous": OK},
        method="post",
        given="invitation_to_new_address",
    ),
    # Someone asked to use an invitation under another address: its organiser decides.
    Row(
        "workshops:invitation_confirm",
        ("trio.pk", "invitation.pk"),
        _private(organiser=302),
        method="post",
        given="invitation_claimed_by_outsider",
    ),
    Row(
        "workshops:invitation_refuse",
        ("trio.pk", "invitation.pk"),
        _private(organiser=302),
        method="post",
        given="invitation_claimed_by_outsider",
    ),
    # Insights (issue 4). World's trio has no panel yet: putting rule 1 (a default rule) on
    # its agenda is refused with a message and a redirect; a new moment starts.
    Row("insights:trio_coherence", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row(
        "agenda:rule_add",
        ("trio.pk", "'1'"),
        _private(member=302, organiser=302),
        method="post",
    ),
    Row("insights:trio_peers", ("trio.pk",), _private(member=OK, organiser=OK)),
    # Consent is the trio's own: not even its organiser gives it.
    Row("insights:sharing_consent", ("trio.pk",), _private(member=302), method="post"),
    Row("insights:trio_moments", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row(
        "insights:moment_start",
        ("trio.pk",),
        _private(member=302, organiser=302),
        method="post",
    ),
    Row(
        "insights:edition_insights",
        ("edition.slug",),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    # Org charts (issue 14; tests/conftest.py gives world's trio a chart and an official
    # file). Others see a chart only where they see the panel: world's trio does not share.
    Row("orgchart:trio_chart", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("orgchart:edit", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("orgchart:svg", ("trio.pk",), _private(member=OK, organiser=OK)),
    Row("orgchart:official", ("trio.pk",), _private(member=OK, organiser=OK)),
    # Posting no file: the page again, saying to choose one.
    Row(
        "orgchart:official_upload",
        ("trio.pk",),
        _private(member=400, organiser=400),
        method="post",
    ),
    Row(
        "orgchart:official_remove",
        ("trio.pk",),
        _private(member=302, organiser=302),
        method="post",
    ),
    Row(
        "orgchart:edition_charts",
        ("edition.slug",),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    # Competences (issue 14): the edition's list is read by all in it, changed by its
    # organisers; a trio's page by its members and organisers. Rating is a member's own.
    Row(
        "competences:edition_list",
        ("edition.slug",),
        _private(member=OK, other_trio_member=OK, organiser=OK),
    ),
    Row("competences:create", ("edition.slug",), _private(organiser=OK)),
    Row("competences:edit", ("edition.slug", "competence.pk"), _private(organiser=OK)),
    Row("competences:delete", ("edition.slug", "competence.pk"), _private(organiser=OK)),
    Row("competences:trio", ("trio.pk",), _private(member=OK, organiser=OK)),
    # Posting no choice saves "not rated yet" everywhere and goes back to the page.
    Row("competences:rate", ("trio.pk",), _private(member=302), method="post"),
    # Nobody has rated: refused with a message, back to the page.
    Row("competences:show_coverage", ("trio.pk",), _private(member=302), method="post"),
    # Naming no role: the page again, saying to name one.
    Row(
        "competences:involve",
        ("trio.pk", "competence.pk"),
        _private(member=OK, organiser=OK),
        method="post",
    ),
    Row(
        "competences:involvement_remove",
        ("trio.pk", "involvement.pk"),
        _private(member=302, organiser=302),
        method="post",
    ),
]

# The round's phase is a dimension of its own: while the trio's panel belongs to world's
# running live round, the phase decides on every path — the panel's own pages as well as
# the live page. A write the phase forbids is refused with a message: 409 on the panel
# pages, a redirect to the live page (which says why) on the live ones. Posting nothing,
# an allowed write answers with its form again (200, or 400 on the live page); an empty
# dissent note is saved (302). Once the round is closed its panels are the meeting's
# assessments, and only the panel's own rules hold (after the reveal: nothing to place).
REFUSED = 409
_LIVE_FADER = (("category", "positioning"),)
_PHASE_ROWS = {
    # phase: (reveal, place, agree, dissent, live place, live agree) for a member
    "alone": (REFUSED, OK, REFUSED, REFUSED, 400, 302),
    "reveal": (302, REFUSED, REFUSED, REFUSED, 302, 302),
    "agree": (302, REFUSED, OK, 302, 302, 400),
    "plenary": (302, REFUSED, REFUSED, 302, 302, 302),  # and so in "reflect"
    "closed": (302, OK, OK, 302, 302, 302),
}
for _phase, (_reveal, _place, _agree, _dissent, _live_place, _live_agree) in _PHASE_ROWS.items():
    _given = f"round_{_phase}"
    # Organisers may reveal and agree on a trio's panel too, so the phase binds them alike.
    MATRIX += [
        Row(
            "panel:reveal",
            ("trio.pk",),
            _private(member=_reveal, organiser=_reveal),
            "post",
            _given,
        ),
        Row("panel:place", ("trio.pk", "'positioning'"), _private(member=_place), "post", _given),
        Row(
            "panel:agree",
            ("trio.pk", "'positioning'"),
            _private(member=_agree, organiser=_agree),
            "post",
            _given,
        ),
        Row(
            "panel:dissent",
            ("trio.pk", "'positioning'"),
            _private(member=_dissent),
            "post",
            _given,
        ),
        Row(
            "live:place",
            ("live_round.pk",),
            {**{p: 404 for p in PERSONAS}, "member": _live_place, "other_trio_member": _live_place},
            "post",
            _given,
            _LIVE_FADER,
        ),
        Row(
            "live:agree",
            ("live_round.pk",),
            {**{p: 404 for p in PERSONAS}, "member": _live_agree, "other_trio_member": _live_agree},
            "post",
            _given,
            _LIVE_FADER,
        ),
    ]

# Reached only through a link with a secret (tested in the accounts tests), or not ours.
NOT_IN_MATRIX = {"accounts:logout", "accounts:password_reset_confirm", "set_language"}


def _resolve_args(world, args: tuple) -> list:
    values = []
    for arg in args:
        if arg.startswith("'"):
            values.append(arg.strip("'"))
            continue
        value = world
        for part in arg.split("."):
            value = getattr(value, part)
        values.append(value)
    return values


def _login(client, world, persona: str) -> None:
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


def _sent_invitation(world, email: str):
    from mengpaneel.workshops.models import Invitation

    invitation, token = Invitation.issue(
        trio=world.trio, email=email, domain="social", invited_by=world.organiser
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.created_at)
    world.invitation = invitation
    return invitation, token


def _hold_invitation(client, world, email: str) -> None:
    from mengpaneel.workshops.views import INVITATION_SESSION_KEY

    _invitation, token = _sent_invitation(world, email)
    session = client.session
    session[INVITATION_SESSION_KEY] = token
    session.save()


def _claimed_invitation(client, world) -> None:
    from mengpaneel.workshops import invitations

    invitation, _token = _sent_invitation(world, "prive@example.org")
    invitations.claim(invitation, world.outsider)


def _round_in(phase: str):
    """World's live round, with the trio's panel in it, moved on to ``phase``."""

    def given(client, world) -> None:
        from mengpaneel.live import participation, phases
        from mengpaneel.live.constants import PHASE_ORDER, Phase

        participation.assessment_for(world.live_round, world.trio)
        live_round = world.live_round
        steps = (
            PHASE_ORDER if phase == Phase.CLOSED else PHASE_ORDER[: PHASE_ORDER.index(phase) + 1]
        )
        for step in steps[1:]:
            live_round = phases.move(
                live_round, to=step, expected=live_round.phase, by=world.organiser
            )
        if phase == Phase.CLOSED:
            phases.close(live_round, expected=live_round.phase, by=world.organiser)

    return given


GIVEN = {
    "": lambda client, world: None,
    "invitation_to_outsider": lambda client, world: _hold_invitation(
        client, world, world.outsider.email
    ),
    "invitation_to_new_address": lambda client, world: _hold_invitation(
        client, world, "nieuw@example.org"
    ),
    "invitation_claimed_by_outsider": _claimed_invitation,
    **{f"round_{phase}": _round_in(phase) for phase in _PHASE_ROWS},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "row", MATRIX, ids=lambda row: f"{row.name}{'+' if row.given else ''}{row.given}"
)
def test_permission_matrix(client, world, row: Row, persona: str):
    _login(client, world, persona)
    GIVEN[row.given](client, world)
    url = reverse(row.name, args=_resolve_args(world, row.args))
    if row.data:
        response = getattr(client, row.method)(url, dict(row.data))
    else:
        response = getattr(client, row.method)(url)
    assert response.status_code == row.expected[persona], (
        f"{persona} on {url}: got {response.status_code}, expected {row.expected[persona]}"
    )
    if response.status_code == LOGIN and persona == "anonymous" and row.expected is not EVERYONE:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name, args",
    [
        ("workshops:edition_edit", ("edition.slug",)),
        ("workshops:meeting_create", ("edition.slug",)),
        ("workshops:trio_create", ("edition.slug",)),
        ("workshops:trio_edit", ("trio.pk",)),
        ("agenda:case_edit", ("trio.pk",)),
        ("workshops:trio_invite", ("trio.pk",)),
        ("panel:edition_model", ("edition.slug",)),
        ("orgchart:edit", ("trio.pk",)),
        ("orgchart:official_upload", ("trio.pk",)),
        ("orgchart:official_remove", ("trio.pk",)),
        ("competences:create", ("edition.slug",)),
        ("competences:edit", ("edition.slug", "competence.pk")),
        ("competences:delete", ("edition.slug", "competence.pk")),
        ("competences:rate", ("trio.pk",)),
        ("competences:involve", ("trio.pk", "competence.pk")),
        ("competences:involvement_remove", ("trio.pk", "involvement.pk")),
    ],
)
@pytest.mark.parametrize("persona", ["outsider", "other_trio_member", "other_organiser"])
def test_writes_by_strangers_change_nothing(client, world, mailoutbox, name, args, persona):
    _login(client, world, persona)
    url = reverse(name, args=_resolve_args(world, args))
    before = (
        world.trio.local_name,
        world.edition.name,
        world.edition.meetings.count(),
        _chart_state(world),
    )
    response = client.post(
        url,
        {
            "name": "Gekaapt",
            "slug": "gekaapt",
            "year": 2026,
            "status": "running",
            "local_name": "gekaapt",
            "title": "Gekaapt",
            "question": "?",
            "number": 9,
            "date": "2026-01-01",
            "theme": "x",
            "email": "x@example.org",
            "domain": "area",
            "talks-TOTAL_FORMS": 0,
            "talks-INITIAL_FORMS": 0,
            "outline": "Gekaapt",
        },
    )
    assert response.status_code == 404
    world.trio.refresh_from_db()
    world.edition.refresh_from_db()
    assert before == (
        world.trio.local_name,
        world.edition.name,
        world.edition.meetings.count(),
        _chart_state(world),
    )
    assert mailoutbox == []


def _chart_state(world) -> tuple:
    """What a stranger's post must not change: the chart, the competence list, ratings, roles."""
    from mengpaneel.competences.models import Competence, Involvement, SelfRating
    from mengpaneel.orgchart.models import OrgChart

    chart = OrgChart.objects.get(trio=world.trio)
    return (
        chart.outline,
        chart.area_unit_key,
        chart.official_file.name,
        list(Competence.objects.of_edition(world.edition).values_list("name_nl", flat=True)),
        SelfRating.objects.count(),
        list(Involvement.objects.values_list("role", flat=True)),
    )


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    covered = {row.name for row in MATRIX} | NOT_IN_MATRIX
    missing = _url_names() - covered
    assert not missing, f"Add these URLs to MATRIX in tests/test_permissions.py: {sorted(missing)}"
