"""The org-chart pages through HTTP: enter, mark, upload, download, compare."""

from __future__ import annotations

import html

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mengpaneel.orgchart.models import OrgChart
from mengpaneel.orgchart.tests.conftest import make_chart, unit_key
from mengpaneel.testing.factories import TrioFactory, TrioMemberFactory, municipality
from mengpaneel.testing.orgcharts import SMALL, large_outline

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _post_chart(client, trio, **data):
    fields = {
        "outline": SMALL,
        "area_unit": "",
        "executive": "",
        "felt_alderman": "",
        "felt_director": "",
        "felt_note": "",
    }
    return client.post(reverse("orgchart:edit", args=[trio.pk]), {**fields, **data})


def test_a_member_enters_the_outline_then_marks_the_unit(client, world):
    OrgChart.objects.filter(trio=world.trio).delete()
    client.force_login(world.member)
    response = _post_chart(client, world.trio)
    assert response.status_code == 302 and response.url == reverse(
        "orgchart:edit", args=[world.trio.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Now mark where area-based working sits." in page
    key = unit_key(SMALL, "Team Samenleving")
    assert f'value="{key}"' in page  # the select offers the units just saved

    response = _post_chart(
        client,
        world.trio,
        area_unit=key,
        not_named="on",
        felt_alderman="walks_in",
        felt_note="We lopen zo binnen.",
    )
    assert response.url == reverse("orgchart:trio_chart", args=[world.trio.pk])
    chart = OrgChart.objects.get(trio=world.trio)
    assert (chart.area_unit_key, chart.not_named, chart.felt_alderman) == (key, True, "walks_in")
    assert chart.updated_by == world.member

    page = client.get(response.url).content.decode()
    assert "2 layers" in page and "<svg" in page
    assert "The official chart does not name it." in page
    assert "walks straight in" in page and "We lopen zo binnen." in page
    assert page.count("<h1") == 1


def test_an_inconsistent_indent_names_its_line_and_keeps_the_text(client, world, world_chart):
    client.force_login(world.member)
    typed = "College\n    Directie\n      Team A\n     Team B\n"
    response = _post_chart(client, world.trio, outline=typed, felt_note="mijn notitie")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Line 4:" in body and "5 spaces" in body
    assert html.escape(typed) in body and "mijn notitie" in body
    assert OrgChart.objects.get(trio=world.trio).outline == SMALL  # nothing saved


def test_a_renamed_marked_unit_asks_to_mark_again(client, world):
    client.force_login(world.member)
    key = unit_key(SMALL, "Team Samenleving")
    make_chart(world.trio, SMALL, area="Team Samenleving", by=world.member)
    renamed = SMALL.replace("Team Samenleving", "Team Wijken")
    response = _post_chart(client, world.trio, outline=renamed, area_unit=key)
    assert response.status_code == 200
    body = response.content.decode()
    assert "no longer in your outline" in body
    assert f'value="{unit_key(renamed, "Team Wijken")}"' in body  # the new units to choose from


def test_the_executive_must_be_above_the_marked_unit(client, world):
    client.force_login(world.member)
    response = _post_chart(
        client,
        world.trio,
        area_unit=unit_key(SMALL, "Team Samenleving"),
        executive=unit_key(SMALL, "Directie interne oriëntatie"),
    )
    assert response.status_code == 200
    assert "must be above the unit" in response.content.decode()


def test_not_named_without_a_unit_says_what_to_do(client, world):
    client.force_login(world.member)
    response = _post_chart(client, world.trio, not_named="on")
    assert "Choose the unit that area-based working belongs to first." in response.content.decode()


def test_more_than_200_units_is_refused_with_the_count(client, world):
    client.force_login(world.member)
    response = _post_chart(client, world.trio, outline=large_outline(201))
    assert response.status_code == 200
    assert "201 units" in response.content.decode()


def test_a_100_kb_outline_gets_a_clear_message_and_is_kept(client, world):
    client.force_login(world.member)
    typed = "College\n  " + ("Wijk 🏘️ <b>x</b> ‮ " * 6000)
    assert len(typed.encode()) > 100_000
    response = _post_chart(client, world.trio, outline=typed)
    assert response.status_code == 200
    body = response.content.decode()
    assert "at most 40,000 fit" in body
    assert html.escape(typed[:200]) in body
    assert "<b>x</b>" not in body


def test_hostile_text_in_every_field_is_saved_as_text_and_shown_escaped(client, world):
    client.force_login(world.member)
    name = "<script>alert('x')</script> ‮eerht‬ 🏘️ שכונה"
    outline_text = f"College\n  {name}\n"
    response = _post_chart(
        client,
        world.trio,
        outline=outline_text,
        area_unit=unit_key(outline_text, name),
        felt_note=name,
    )
    assert response.status_code == 302
    for url in (
        reverse("orgchart:trio_chart", args=[world.trio.pk]),
        reverse("orgchart:edition_charts", args=[world.edition.slug]),
        reverse("panel:trio_panel", args=[world.trio.pk]),
        reverse("workshops:trio_detail", args=[world.trio.pk]),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "&lt;script&gt;alert" in body, url


def test_an_official_chart_is_kept_under_a_random_name_and_sent_as_an_attachment(client, world):
    client.force_login(world.member)
    upload = SimpleUploadedFile('../../"organogram"\r\n.pdf', PDF, content_type="image/png")
    response = client.post(
        reverse("orgchart:official_upload", args=[world.trio.pk]), {"file": upload}
    )
    assert response.status_code == 302
    chart = OrgChart.objects.get(trio=world.trio)
    assert chart.official_kind == "pdf"  # from the content, not the browser's content type
    assert chart.official_file.name.startswith("organogrammen/")
    assert "organogram" not in chart.official_file.name.removeprefix("organogrammen/")

    download = client.get(reverse("orgchart:official", args=[world.trio.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        'attachment; filename="official-org-chart-altena.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF


def test_replacing_the_official_chart_removes_the_old_file(
    client, world, world_chart, django_capture_on_commit_callbacks
):
    client.force_login(world.member)
    old = OrgChart.objects.get(trio=world.trio).official_file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("orgchart:official_upload", args=[world.trio.pk]),
            {"file": SimpleUploadedFile("nieuw.png", PNG)},
        )
    assert not default_storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orgchart:official_remove", args=[world.trio.pk]))
    chart = OrgChart.objects.get(trio=world.trio)
    assert not chart.official_file
    assert client.get(reverse("orgchart:official", args=[world.trio.pk])).status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        (b"MZ\x90\x00" + b"\x00" * 64, "not a PDF, PNG image, JPEG image or WebP image"),
        (b"<svg><script>alert(1)</script></svg>", "not a PDF"),
        (b"", "The file is empty."),
    ],
    ids=["renamed-executable", "svg", "empty"],
)
def test_a_file_that_is_not_a_chart_is_refused_and_nothing_is_stored(
    client, world, world_chart, data, message
):
    client.force_login(world.member)
    before = OrgChart.objects.get(trio=world.trio).official_file.name
    response = client.post(
        reverse("orgchart:official_upload", args=[world.trio.pk]),
        {"file": SimpleUploadedFile("organogram.pdf", data)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OrgChart.objects.get(trio=world.trio).official_file.name == before


def test_an_oversized_file_is_refused_with_the_limit(client, world, settings):
    settings.MAX_UPLOAD_BYTES = 100_000
    client.force_login(world.member)
    response = client.post(
        reverse("orgchart:official_upload", args=[world.trio.pk]),
        {"file": SimpleUploadedFile("groot.pdf", PDF + b"\x00" * 200_000)},
    )
    assert response.status_code == 400
    assert "larger than 0.1 MB" in response.content.decode()


def test_the_drawing_downloads_as_svg(client, world):
    make_chart(world.trio, SMALL, area="Team Samenleving", by=world.member)
    client.force_login(world.organiser)
    response = client.get(reverse("orgchart:svg", args=[world.trio.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="org-chart-altena.svg"'
    assert response.content.startswith(b"<?xml")


def test_a_shared_chart_is_one_click_away_for_the_other_trios_and_never_ranked(client, world):
    make_chart(world.trio, SMALL, area="Team Samenleving", by=world.member)
    world.trio.shares_panel = True
    world.trio.save()
    zeeland = TrioFactory(
        edition=world.edition, municipality=municipality("GM0654"), shares_panel=True
    )
    make_chart(zeeland, "College\n  Team Wijken\n", area="Team Wijken", by=world.member)
    client.force_login(world.other_trio_member)
    page = client.get(reverse("orgchart:edition_charts", args=[world.edition.slug])).content
    body = page.decode()
    assert body.index("Altena") < body.index("Borsele")  # alphabetical, not by layers
    assert "2 layers" in body and "0 layers" in body
    assert reverse("orgchart:trio_chart", args=[world.trio.pk]) in body
    assert client.get(reverse("orgchart:trio_chart", args=[world.trio.pk])).status_code == 200


def test_the_comparison_being_closed_hides_other_trios_charts(client, world):
    world.trio.shares_panel = True
    world.trio.save()
    world.edition.comparison_open = False
    world.edition.save()
    client.force_login(world.other_trio_member)
    assert client.get(reverse("orgchart:trio_chart", args=[world.trio.pk])).status_code == 404
    body = client.get(reverse("orgchart:edition_charts", args=[world.edition.slug])).content
    assert b"Altena" not in body


def test_a_member_of_another_edition_never_sees_a_shared_chart(client, world):
    world.trio.shares_panel = True
    world.trio.save()
    stranger = TrioMemberFactory(trio=TrioFactory(edition=world.other_edition)).user
    client.force_login(stranger)
    assert client.get(reverse("orgchart:trio_chart", args=[world.trio.pk])).status_code == 404
    assert client.get(reverse("orgchart:official", args=[world.trio.pk])).status_code == 404


def test_the_panel_page_shows_the_chart_beside_internal_positioning(client, world):
    make_chart(world.trio, SMALL, area="Team Samenleving", by=world.member)
    client.force_login(world.member)
    body = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).content.decode()
    fader = body.split('id="fader-positioning"')[1].split('id="fader-residents"')[0]
    assert "mp-orgchart-preview" in fader
    assert "2 layers between <bdi>Team Samenleving</bdi> and the executive" in fader
    assert reverse("orgchart:trio_chart", args=[world.trio.pk]) in fader
    assert body.count("mp-orgchart-preview") == 1


def test_the_comparison_shows_each_chart_with_one_query_for_all(
    client, world, django_assert_max_num_queries
):
    from mengpaneel.insights.tests.conftest import agreed_panel

    for trio in (world.trio, world.other_trio):
        trio.shares_panel = True
        trio.save()
        agreed_panel(trio, {"positioning": 1})
        make_chart(trio, SMALL, area="Team Samenleving", by=world.organiser)
    client.force_login(world.organiser)
    body = client.get(reverse("panel:compare", args=[world.edition.slug])).content.decode()
    assert body.count("mp-orgchart-compare") == 2
    assert reverse("orgchart:edition_charts", args=[world.edition.slug]) in body
