"""The panel pages over HTTP: place, reveal, agree and dissent, with and without htmx."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.panel import placing
from mengpaneel.panel.models import AgreedPosition, IndividualPlacement

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    # Compare page text with the English msgids, whatever the Dutch catalogue holds.
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _url(name: str, panel, key: str | None = None) -> str:
    args = [panel.assessment.trio_id] + ([key] if key else [])
    return reverse(f"panel:{name}", args=args)


def _place(client, panel, key, position, note="", version=0, **extra):
    data = {f"{key}-note": note, f"{key}-version": str(version)}
    if position is None:
        data[f"{key}-unplaced"] = "on"
        data[f"{key}-position"] = "0"
    else:
        data[f"{key}-position"] = str(position)
    return client.post(_url("place", panel, key), data, **extra)


def _agree_data(key, position, rationale="", discuss=False, version=0) -> dict:
    data = {f"{key}-rationale": rationale, f"{key}-version": str(version)}
    if position is None:
        data.update({f"{key}-unplaced": "on", f"{key}-position": "0"})
    else:
        data[f"{key}-position"] = str(position)
    if discuss:
        data[f"{key}-discuss"] = "on"
    return data


def test_member_sees_a_range_per_fader_with_its_own_unplaced_control(client, world, panel):
    client.force_login(world.member)
    response = client.get(_url("trio_panel", panel))
    assert response.status_code == 200
    html = response.text
    assert html.count('type="range"') == 5
    assert 'min="-3" max="3" step="1"' in html
    assert html.count('class="mp-fader__unplaced"') == 5
    assert 'aria-valuetext="not placed yet"' in html
    assert 'hx-trigger="change delay:300ms, submit"' in html
    assert re.search(r'<script src="[^"]*panel\.js" nonce="', html)
    assert " style=" not in html and "<style" not in html
    assert "<svg" in html and 'role="img"' in html


def test_placing_without_javascript_posts_and_redirects(client, world, panel):
    client.force_login(world.member)
    response = _place(client, panel, "positioning", 2, "Eigen budget")
    assert response.status_code == 302
    assert response.url.endswith("/mengpaneel/#fader-positioning")
    placement = IndividualPlacement.objects.get(member=world.member)
    assert (placement.position, placement.note) == (2, "Eigen budget")
    page = client.get(response.url).text
    assert 'aria-valuetext="+2, towards broad assignment with own budget or mandate"' in page


def test_placing_with_htmx_answers_the_fader_partial_and_updates_drawing(client, world, panel):
    client.force_login(world.member)
    response = _place(client, panel, "residents", -1, **HTMX)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<section class="mp-fader" id="fader-residents"')
    assert "<h1" not in html
    assert 'id="panel-drawing" hx-swap-oob="true"' in html
    assert re.search(r'<section[^>]*id="panel-history"[^>]*hx-swap-oob="true"', html)
    assert "Saved." in html


def test_not_placed_yet_is_saved_as_unplaced_not_as_the_middle(client, world, panel):
    client.force_login(world.member)
    _place(client, panel, "governance", 0)
    _place(client, panel, "communication", None)
    positions = dict(
        IndividualPlacement.objects.filter(member=world.member).values_list(
            "category__key", "position"
        )
    )
    assert positions == {"governance": 0, "communication": None}
    page = client.get(_url("trio_panel", panel)).text
    assert 'aria-valuetext="0, the middle: no choice made"' in page
    assert page.count('aria-valuetext="not placed yet"') == 4


def test_a_position_off_the_scale_is_explained_and_nothing_is_saved(client, world, panel):
    client.force_login(world.member)
    response = _place(client, panel, "positioning", 9, "mijn notitie")
    assert response.status_code == 200
    assert "Not saved yet" in response.text
    assert "mijn notitie" in response.text
    assert not IndividualPlacement.objects.exists()


def test_other_members_do_not_see_my_position_or_note_before_reveal(client, world, panel):
    client.force_login(world.member)
    _place(client, panel, "positioning", 3, "Geheime overweging")
    client.force_login(panel.members[1])
    page = client.get(_url("trio_panel", panel)).text
    assert "Geheime overweging" not in page
    assert "+3, towards" not in page.split('id="panel-history"')[0].split("data-valuetexts")[0]
    assert "1 of 3 members" not in page  # one fader is not all faders
    client.force_login(world.organiser)
    assert "Geheime overweging" not in client.get(_url("trio_panel", panel)).text

    client.post(_url("reveal", panel))
    page = client.get(_url("trio_panel", panel)).text
    assert "Geheime overweging" in page


def test_reveal_then_agree_with_rationale(client, world, panel):
    a, b, _c = panel.members
    for member, position in [(a, 2), (b, 0)]:
        client.force_login(member)
        _place(client, panel, "positioning", position)
    response = client.post(_url("reveal", panel))
    assert response.status_code == 302
    page = client.get(_url("trio_panel", panel)).text
    assert "Marked for discussion" in page
    assert 'name="positioning-rationale"' in page

    response = client.post(
        _url("agree", panel, "positioning"),
        _agree_data("positioning", 1, "We hebben een klein budget.", discuss=True),
    )
    assert response.status_code == 302
    agreed = AgreedPosition.objects.get(assessment=panel.assessment, category__key="positioning")
    assert (agreed.position, agreed.rationale, agreed.discuss, agreed.version) == (
        1,
        "We hebben een klein budget.",
        True,
        1,
    )
    page = client.get(_url("trio_panel", panel)).text
    assert "We hebben een klein budget." in page
    assert "we want to talk about this" in page


def test_off_the_middle_without_rationale_keeps_the_form_and_explains(client, world, panel):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(world.member)
    response = client.post(
        _url("agree", panel, "governance"), _agree_data("governance", 3, "   "), **HTMX
    )
    assert response.status_code == 200
    assert "Write down why" in response.text
    assert 'aria-valuetext="+3, towards firmly on the executive&#x27;s agenda"' in response.text
    assert AgreedPosition.objects.get(category__key="governance").position is None


def test_second_save_on_a_stale_version_sees_both_texts_and_overwrites_nothing(
    client, world, panel
):
    a, b, _c = panel.members
    placing.reveal(panel.assessment, by=a)
    client.force_login(a)
    client.post(_url("agree", panel, "governance"), _agree_data("governance", 3, "Tekst van A"))
    client.force_login(b)
    response = client.post(
        _url("agree", panel, "governance"),
        _agree_data("governance", 1, "Tekst van B", version=0),
        **HTMX,
    )
    assert response.status_code == 200
    html = response.text
    assert "Nothing has been overwritten" in html
    assert "Tekst van A" in html and "Tekst van B" in html
    assert 'name="governance-version" value="1"' in html, "the retry starts from the saved version"
    agreed = AgreedPosition.objects.get(category__key="governance")
    assert (agreed.position, agreed.rationale) == (3, "Tekst van A")

    # Without JavaScript the same conflict shows on the full page.
    response = client.post(
        _url("agree", panel, "governance"), _agree_data("governance", 1, "Tekst van B", version=0)
    )
    assert response.status_code == 200
    assert "<h1" in response.text and "Tekst van A" in response.text


def test_dissent_note_is_kept_and_shown(client, world, panel):
    placing.reveal(panel.assessment, by=world.member)
    client.force_login(panel.members[2])
    response = client.post(
        _url("dissent", panel, "communication"),
        {"communication-dissent-note": "Ik blijf erbij: per wijk."},
    )
    assert response.status_code == 302
    page = client.get(_url("trio_panel", panel)).text
    assert "Ik blijf erbij: per wijk." in page


def test_organiser_reveals_and_agrees_but_does_not_place(client, world, panel):
    client.force_login(world.organiser)
    assert _place(client, panel, "positioning", 1).status_code == 404
    assert client.post(_url("reveal", panel)).status_code == 302
    response = client.post(
        _url("agree", panel, "positioning"), _agree_data("positioning", -2, "Van papier.")
    )
    assert response.status_code == 302
    assert AgreedPosition.objects.get(category__key="positioning").position == -2
    response = client.post(_url("dissent", panel, "positioning"), {"positioning-dissent-note": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["other_trio_member", "outsider", "other_organiser"])
def test_strangers_cannot_post_to_this_trios_panel(client, world, panel, persona):
    client.force_login(getattr(world, persona))
    assert _place(client, panel, "positioning", 2).status_code == 404
    assert client.post(_url("reveal", panel)).status_code == 404
    assert (
        client.post(_url("agree", panel, "positioning"), _agree_data("positioning", 0)).status_code
        == 404
    )
    assert (
        client.post(
            _url("dissent", panel, "positioning"), {"positioning-dissent-note": "x"}
        ).status_code
        == 404
    )
    panel.assessment.refresh_from_db()
    assert not panel.assessment.is_revealed
    assert not IndividualPlacement.objects.exists()
    assert not panel.assessment.changes.exists()


def test_unknown_fader_is_404(client, world, panel):
    client.force_login(world.member)
    assert _place(client, panel, "bestaat-niet", 1).status_code == 404


def test_svg_download(client, world, panel):
    client.force_login(world.member)
    response = client.get(_url("trio_panel_svg", panel))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.lstrip().startswith(b"<")


def test_png_download(client, world, panel):
    pytest.importorskip("resvg_py")
    client.force_login(world.member)
    response = client.get(_url("trio_panel_png", panel))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_trio_page_links_to_the_panel(client, world, panel):
    client.force_login(world.member)
    page = client.get(reverse("workshops:trio_detail", args=[world.trio.pk])).text
    assert _url("trio_panel", panel) in page


def test_the_rationale_is_not_labelled_optional_since_off_the_middle_it_is_needed(client, panel):
    client.force_login(panel.members[0])
    placing.reveal(panel.assessment, by=panel.members[0])
    page = client.get(reverse("panel:trio_panel", args=[panel.assessment.trio_id])).text
    label = page.split('for="id_positioning-rationale"', 1)[1].split("</label>", 1)[0]
    assert "optional" not in label
    assert "Needed when it is off the middle." in page


def test_history_dates_read_as_dates_in_each_language(client, world, panel):
    placing.place(panel.assessment, world.member, panel.categories[0], 1, expected_version=0)
    change = panel.assessment.changes.get()
    change.at = change.at.replace(year=2026, month=9, day=14)
    change.save()
    client.force_login(world.member)
    english = client.get(_url("trio_panel", panel)).text
    client.cookies["django_language"] = "nl"
    dutch = client.get(_url("trio_panel", panel)).text
    assert ">14 Sept. 2026, " in english
    assert ">14 sep 2026, " in dutch  # Dutch month names are not capitalised


def _notes(panel, member, count: int) -> None:
    """``count`` changes: the member rewrites their note on the first fader."""
    for number in range(1, count + 1):
        placing.place(
            panel.assessment,
            member,
            panel.categories[0],
            1,
            f"Notitie {number}",
            expected_version=number - 1,
        )


def test_the_panel_shows_the_latest_changes_and_links_to_the_whole_history(client, world, panel):
    client.force_login(world.member)
    _notes(panel, world.member, 20)  # the first save also places: 21 changes
    page = client.get(_url("trio_panel", panel)).text
    history = page.split('id="panel-history"')[1].split("</section>")[0]
    assert "<q><bdi>Notitie 20</bdi></q>" in history
    assert "not placed yet → +1" not in history  # the oldest change
    assert history.count("<li>") == 20
    assert _url("history", panel) in history


def test_a_short_history_needs_no_link(client, world, panel):
    client.force_login(world.member)
    _notes(panel, world.member, 2)
    assert _url("history", panel) not in client.get(_url("trio_panel", panel)).text


def test_the_history_page_shows_every_change_a_page_at_a_time(client, world, panel):
    client.force_login(world.member)
    _notes(panel, world.member, 120)  # 121 changes
    first = client.get(_url("history", panel)).text
    assert "121 changes" in first and "Page 1 of 2" in first
    assert first.split('<ol class="mp-history__list"')[1].split("</ol>")[0].count("<li>") == 100
    assert "<q><bdi>Notitie 120</bdi></q>" in first and "not placed yet → +1" not in first
    older = client.get(_url("history", panel), {"pagina": 2}).text
    assert 'start="101"' in older
    assert "not placed yet → +1" in older
    # A page number that makes no sense shows a page, never an error.
    assert client.get(_url("history", panel), {"pagina": "x"}).status_code == 200
    assert client.get(_url("history", panel), {"pagina": "999"}).status_code == 200


def test_the_history_page_keeps_other_members_moves_private_until_the_reveal(client, world, panel):
    placing.place(
        panel.assessment,
        panel.members[1],
        panel.categories[0],
        2,
        "Geheime overweging",
        expected_version=0,
    )
    client.force_login(world.member)
    assert "Geheime overweging" not in client.get(_url("history", panel)).text
    placing.reveal(panel.assessment, by=world.member)
    assert "Geheime overweging" in client.get(_url("history", panel)).text


def test_the_same_member_in_two_windows_sees_both_placements_and_loses_neither(
    client, world, panel
):
    client.force_login(world.member)
    assert _place(client, panel, "residents", 2, "Eerste venster").status_code == 302
    # The second window still shows the fader as it was before the first save (version 0).
    response = _place(client, panel, "residents", -3, "Tweede venster", **HTMX)
    page = response.content.decode()
    assert response.status_code == 200  # htmx swaps it in beside the fader
    assert "data-conflict" in page and "Nothing has been overwritten" in page
    assert "Eerste venster" in page and "Tweede venster" in page
    assert "+2, towards" in page and "−3, towards" in page
    # The form keeps this window's choice, now on top of the saved version.
    assert 'name="residents-version" value="1"' in page
    placement = IndividualPlacement.objects.get(member=world.member)
    assert (placement.position, placement.note) == (2, "Eerste venster")
    # Without JavaScript the page says the same.
    response = _place(client, panel, "residents", -3, "Tweede venster")
    assert "Nothing has been overwritten" in response.content.decode()
    # Saving again from the version the conflict showed keeps this window's choice.
    assert _place(client, panel, "residents", -3, "Tweede venster", version=1).status_code == 302
    placement.refresh_from_db()
    assert (placement.position, placement.note) == (-3, "Tweede venster")
