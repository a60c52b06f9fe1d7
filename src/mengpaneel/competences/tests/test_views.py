"""Competences through HTTP: organisers edit the list, members rate privately, the trio
sees coverage and names colleagues to involve; the hook for the local agenda."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from mengpaneel.competences.constants import Level
from mengpaneel.competences.models import Competence, CoverageShown, Involvement, SelfRating
from mengpaneel.competences.tests.conftest import rate_all
from mengpaneel.testing.factories import TrioMemberFactory

pytestmark = pytest.mark.django_db

K, C, N = Level.KNOWN_FOR, Level.CAN, Level.NOT_MINE


def _trio_page(client, world) -> str:
    return client.get(reverse("competences:trio", args=[world.trio.pk])).content.decode()


def test_an_organiser_adds_edits_and_removes_a_competence_without_the_admin(client, world):
    client.force_login(world.organiser)
    list_url = reverse("competences:edition_list", args=[world.edition.slug])
    response = client.post(
        reverse("competences:create", args=[world.edition.slug]),
        {
            "name_nl": "Verhalen vertellen",
            "name_en": "Telling stories",
            "description_nl": "Je maakt zichtbaar wat er in de wijk gebeurt.",
            "description_en": "",
            "fader_keys": ["communication"],
            "order": 7,
        },
    )
    assert response.status_code == 302 and response.url == list_url
    added = Competence.objects.get(edition=world.edition, name_nl="Verhalen vertellen")
    assert added.fader_keys == ["communication"]
    assert "Telling stories" in client.get(list_url).content.decode()

    client.post(
        reverse("competences:edit", args=[world.edition.slug, added.pk]),
        {"name_nl": "Verhalen delen", "description_nl": "x", "fader_keys": [], "order": 7},
    )
    added.refresh_from_db()
    assert added.name_nl == "Verhalen delen" and added.fader_keys == []

    confirm = client.get(reverse("competences:delete", args=[world.edition.slug, added.pk]))
    assert "0 members rated themselves on it" in confirm.content.decode()
    client.post(reverse("competences:delete", args=[world.edition.slug, added.pk]))
    assert not Competence.objects.filter(pk=added.pk).exists()


def test_a_competence_form_keeps_the_text_and_says_what_is_missing(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("competences:create", args=[world.edition.slug]),
        {"name_nl": "", "description_nl": "Mijn beschrijving blijft", "order": 1},
    )
    assert response.status_code == 200
    assert "Mijn beschrijving blijft" in response.content.decode()
    assert response.context["form"].errors["name_nl"]


def test_another_editions_organiser_cannot_change_the_list(client, world):
    competence = Competence.objects.of_edition(world.edition).first()
    client.force_login(world.other_organiser)
    url = reverse("competences:edit", args=[world.edition.slug, competence.pk])
    assert (
        client.post(url, {"name_nl": "Gekaapt", "description_nl": "x", "order": 1}).status_code
        == 404
    )
    competence.refresh_from_db()
    assert competence.name_nl != "Gekaapt"


def test_a_members_own_rating_is_saved_and_shown_only_to_them(client, world, trio_of_three):
    first = Competence.objects.of_edition(world.edition).first()
    client.force_login(world.member)
    response = client.post(
        reverse("competences:rate", args=[world.trio.pk]), {f"competence_{first.pk}": K}
    )
    assert response.status_code == 302
    assert SelfRating.objects.get(member=world.membership, competence=first).level == K
    mine = _trio_page(client, world)
    assert f'value="{K}" class="utrecht-radio-button utrecht-radio-button--html-input" id=' in mine
    assert "checked" in mine.split(f'name="competence_{first.pk}" value="{K}"')[1][:120]

    # A colleague in the trio sees their own (empty) form, never this rating.
    client.force_login(trio_of_three[1].user)
    theirs = _trio_page(client, world)
    assert "checked" not in theirs.split(f'name="competence_{first.pk}" value="{K}"')[1][:120]
    # The organiser sees no rating form and no one's ratings.
    client.force_login(world.organiser)
    assert "Your own rating" not in _trio_page(client, world)


def test_a_made_up_level_is_refused_and_nothing_is_saved(client, world):
    first = Competence.objects.of_edition(world.edition).first()
    client.force_login(world.member)
    response = client.post(
        reverse("competences:rate", args=[world.trio.pk]), {f"competence_{first.pk}": "expert"}
    )
    assert response.status_code == 200
    assert not SelfRating.objects.filter(member=world.membership).exists()


def test_coverage_shows_when_all_members_have_rated(client, world, trio_of_three):
    a, b, c = trio_of_three
    rate_all(a, [K, C, N, N, N, N])
    rate_all(b, [N, N, N, C, N, N])
    client.force_login(world.member)
    page = _trio_page(client, world)
    assert "1 of 3 members have rated every competence" not in page  # two are done
    assert "2 of 3 members have rated every competence" in page
    assert "Your trio lacks" not in page
    rate_all(c, [N, N, C, N, N, N])
    page = _trio_page(client, world)
    has, lacks = page.split("Your trio has")[1].split("Your trio lacks")
    assert "A network in the area" in has and "someone in your trio is known for it" in has
    for name in ("Improvising with what is there", "Working from outside in"):
        assert name in lacks
    # Coverage per competence only: no total and no names.
    assert " of 6" not in page and a.user.name not in page


def test_two_finished_members_may_show_coverage_early_one_may_not(client, world, trio_of_three):
    a, b, _c = trio_of_three
    rate_all(a, [K, C, N, N, N, N])
    client.force_login(world.member)
    response = client.post(reverse("competences:show_coverage", args=[world.trio.pk]), follow=True)
    assert "it would show one person" in response.content.decode()
    assert not CoverageShown.objects.filter(trio=world.trio).exists()

    rate_all(b, [N, N, N, C, N, N])
    assert "Show our coverage now" in _trio_page(client, world)
    client.post(reverse("competences:show_coverage", args=[world.trio.pk]))
    assert CoverageShown.objects.get(trio=world.trio).shown_by == world.member
    assert "Your trio lacks" in _trio_page(client, world)


def test_the_trio_names_a_colleague_to_involve_for_a_gap(client, world):
    rate_all(world.membership, [N, K, K, K, K, K])
    gap = Competence.objects.of_edition(world.edition).first()
    client.force_login(world.member)
    url = reverse("competences:involve", args=[world.trio.pk, gap.pk])
    response = client.post(url, {f"gap{gap.pk}-role": "  wijkregisseur   sociaal  "})
    assert response.status_code == 302 and response.url.endswith(f"#gap-{gap.pk}")
    client.post(url, {f"gap{gap.pk}-role": "Wijkregisseur sociaal"})  # twice: one line
    assert list(Involvement.objects.values_list("role", flat=True)) == ["wijkregisseur sociaal"]

    empty = client.post(url, {f"gap{gap.pk}-role": ""})
    assert empty.status_code == 200
    assert "Name a role" in empty.content.decode()

    involvement = Involvement.objects.get()
    client.post(reverse("competences:involvement_remove", args=[world.trio.pk, involvement.pk]))
    assert not Involvement.objects.exists()


def test_no_agenda_button_while_the_agenda_has_no_hook(client, world):
    rate_all(world.membership, [N, K, K, K, K, K])
    gap = Competence.objects.of_edition(world.edition).first()
    Involvement.objects.create(trio=world.trio, competence=gap, role="wijkregisseur")
    client.force_login(world.member)
    assert "Put on our agenda" not in _trio_page(client, world)


@override_settings(ROOT_URLCONF="mengpaneel.competences.tests.agenda_hook_urls")
def test_the_agenda_hook_posts_the_action_when_the_agenda_provides_it(client, world):
    rate_all(world.membership, [N, K, K, K, K, K])
    gap = Competence.objects.of_edition(world.edition).first()
    Involvement.objects.create(trio=world.trio, competence=gap, role="wijkregisseur")
    client.force_login(world.member)
    page = _trio_page(client, world)
    form = page.split('action="/agenda-hook/')[1].split("</form>")[0]
    assert f'name="title" value="Involve wijkregisseur for “{gap.name}”"' in form
    assert 'name="owner_role" value="wijkregisseur"' in form
    assert f'name="source" value="competence:{gap.pk}"' in form
    assert "Put on our agenda" in form


def test_competences_that_matter_show_beside_their_fader(client, world):
    client.force_login(world.member)
    body = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    governance = body.split('id="fader-governance"')[1].split('id="fader-communication"')[0]
    assert "For this fader it helps to have" in governance
    assert "Political and administrative sensitivity" in governance
    assert "A network in the area" not in governance


def test_beside_the_fader_a_gap_is_named_once_coverage_shows(client, world):
    TrioMemberFactory(trio=world.trio)
    rate_all(world.membership, [N, N, N, N, N, N])
    client.force_login(world.member)
    body = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    assert "your trio lacks it" not in body  # one of two done: nothing to say yet
    CoverageShown.objects.create(trio=world.trio, shown_by=world.member)
    rate_all(world.trio.members.exclude(pk=world.membership.pk).get(), [N, N, N, N, N, N])
    body = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    assert "your trio lacks it" in body


def test_hostile_text_is_kept_as_text_and_shown_escaped(client, world):
    hostile = "<script>alert('x')</script> ‮eerht‬ 🏘️ שכונה"
    client.force_login(world.organiser)
    client.post(
        reverse("competences:create", args=[world.edition.slug]),
        {"name_nl": hostile[:100], "description_nl": hostile, "order": 9},
    )
    competence = Competence.objects.get(edition=world.edition, order=9)
    rate_all(world.membership, [N] * 7)
    client.force_login(world.member)
    client.post(
        reverse("competences:involve", args=[world.trio.pk, competence.pk]),
        {f"gap{competence.pk}-role": hostile},
    )
    assert Involvement.objects.get().role == hostile
    for url in (
        reverse("competences:trio", args=[world.trio.pk]),
        reverse("competences:edition_list", args=[world.edition.slug]),
        reverse("workshops:trio_detail", args=[world.trio.pk]),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;alert" in body, url
