"""Organisers make and change panel models in the product, not in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.panel import editions, placing, versions
from mengpaneel.panel.constants import DEFAULT_MODEL_KEY
from mengpaneel.panel.models import PanelModel
from mengpaneel.testing.factories import OrganiserFactory

pytestmark = pytest.mark.django_db

FADER_FIELDS = ("name_nl", "name_en", "key", "question_nl", "top_nl", "bottom_nl")


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _fader(number: int, **overrides) -> dict:
    values = {
        "name_nl": f"Schuif {number}",
        "name_en": f"Fader {number}",
        "key": "",
        "question_nl": f"Hoe staat het met {number}?",
        "top_nl": f"veel {number}",
        "bottom_nl": f"weinig {number}",
    }
    return {**values, **overrides}


def _own_model(world, name: str = "Eigen model", faders: int = 2, low: int = -3, high: int = 3):
    """A model the world's organiser made, with faders keyed a, b, c, …"""
    return versions.create_model(
        {"name_nl": name, "name_en": "", "scale_min": low, "scale_max": high},
        [_fader(number, key="abcdefghijkl"[number - 1]) for number in range(1, faders + 1)],
        by=world.organiser,
    )


def _in_use(world, panel_model):
    """The edition uses the model and a trio has started a panel on it."""
    editions.choose_model(world.edition, panel_model.key)
    return placing.current_assessment(world.trio)


def _post_data(faders: list[dict], *, name: str = "Sociale basis", initial: int = 0, **extra):
    data = {
        "name_nl": name,
        "name_en": "",
        "scale_min": "-3",
        "scale_max": "3",
        "categories-TOTAL_FORMS": str(len(faders)),
        "categories-INITIAL_FORMS": str(initial),
        "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "12",
    }
    for index, fader in enumerate(faders):
        for field, value in fader.items():
            data[f"categories-{index}-{field}"] = value
    data.update(extra)
    return data


def _create(client, faders, **kwargs):
    return client.post(reverse("panel:model_create"), _post_data(faders, **kwargs))


def test_an_organiser_makes_a_model_with_three_faders(client, world):
    client.force_login(world.organiser)
    response = _create(client, [_fader(1), _fader(2, key="eigen-sleutel"), _fader(3)])

    panel_model = PanelModel.objects.get(key="sociale-basis")
    assert response.url == reverse("panel:model_detail", args=["sociale-basis"])
    assert [c.key for c in panel_model.categories.all()] == [
        "schuif-1",
        "eigen-sleutel",
        "schuif-3",
    ]
    assert panel_model.created_by == world.organiser
    page = client.get(response.url).text
    assert "The panel model has been created." in page
    assert "Fader 2" in page
    assert page.count("<svg") == 1  # the empty panel as trios will see it


def test_the_order_numbers_put_faders_in_order_and_delete_takes_one_out(client, world):
    client.force_login(world.organiser)
    faders = [
        _fader(1, ORDER="3"),
        _fader(2, ORDER="1"),
        _fader(3, ORDER="2", DELETE="on"),
        _fader(4, ORDER="2"),
    ]
    _create(client, faders)
    keys = [c.key for c in PanelModel.objects.get(key="sociale-basis").categories.all()]
    assert keys == ["schuif-2", "schuif-4", "schuif-1"]


def test_adding_a_fader_keeps_everything_typed(client, world):
    client.force_login(world.organiser)
    response = _create(client, [_fader(1, question_nl="Mijn getypte vraag")], add_category="1")
    assert response.status_code == 200
    assert "Mijn getypte vraag" in response.text
    assert response.context["categories"].total_form_count() == 2
    assert "is required" not in response.text  # room was asked for, not a check
    assert not PanelModel.objects.filter(key="sociale-basis").exists()


def test_too_few_faders_or_a_key_twice_is_explained_and_nothing_lost(client, world):
    client.force_login(world.organiser)
    response = _create(client, [_fader(1, question_nl="Blijft staan")])
    assert response.status_code == 200
    assert "from 2 to 12 categories; this one has 1" in response.text
    assert "Blijft staan" in response.text

    response = _create(client, [_fader(1, key="zelfde"), _fader(2, key="zelfde")])
    assert "Fader 1 has this key too" in response.text
    assert not PanelModel.objects.filter(key="sociale-basis").exists()


def test_a_scale_without_a_middle_cannot_be_chosen(client, world):
    client.force_login(world.organiser)
    response = _create(client, [_fader(1), _fader(2)], scale_min="2")
    assert response.status_code == 200
    assert response.context["form"].errors["scale_min"]


def test_editing_an_unused_model_changes_it_in_place(client, world):
    panel_model = _own_model(world)
    client.force_login(world.organiser)
    fields, faders = versions.model_values(panel_model)
    faders[0]["question_nl"] = "Een betere vraag?"
    data = _post_data(faders, name="Eigen model", initial=2)
    response = client.post(reverse("panel:model_edit", args=[panel_model.key]), data)

    assert response.status_code == 302
    panel_model.refresh_from_db()
    assert panel_model.version == 1
    assert panel_model.categories.get(key="a").question_nl == "Een betere vraag?"


def test_editing_a_model_in_use_makes_a_new_version_and_old_panels_keep_theirs(client, world):
    panel_model = _own_model(world)
    used = _in_use(world, panel_model)
    assert used.panel_model == panel_model

    client.force_login(world.organiser)
    edit_url = reverse("panel:model_edit", args=[panel_model.key])
    assert "Saving a change makes version 2" in client.get(edit_url).text
    _fields, faders = versions.model_values(panel_model)
    response = client.post(
        edit_url, _post_data([*faders, _fader(3, key="c")], name="Eigen model", initial=2)
    )
    assert "Saved as version 2" in client.get(response.url).text

    used.refresh_from_db()
    assert [c.key for c in used.panel_model.categories.all()] == ["a", "b"]
    current = PanelModel.objects.current().get(key=panel_model.key)
    assert current.version == 2
    assert [c.key for c in current.categories.all()] == ["a", "b", "c"]
    assert editions.model_for_new_panels(world.edition) == current


def test_saving_without_a_change_makes_no_new_version(world):
    panel_model = _own_model(world)
    _in_use(world, panel_model)
    fields, faders = versions.model_values(panel_model)
    assert versions.save_changes(panel_model, fields, faders, by=world.organiser) == panel_model


def test_only_the_maker_or_staff_edit_a_model_and_the_default_is_copied(client, world):
    panel_model = _own_model(world)
    client.force_login(world.other_organiser)
    assert client.get(reverse("panel:model_edit", args=[panel_model.key])).status_code == 404
    assert client.get(reverse("panel:model_detail", args=[panel_model.key])).status_code == 200
    assert client.get(reverse("panel:model_edit", args=[DEFAULT_MODEL_KEY])).status_code == 404

    copy_form = client.get(reverse("panel:model_create"), {"van": DEFAULT_MODEL_KEY})
    assert "Copy of Mixing panel for area-based working" in copy_form.text
    assert copy_form.context["categories"].total_form_count() == 5

    staff = OrganiserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("panel:model_edit", args=[DEFAULT_MODEL_KEY])).status_code == 200


def test_a_new_model_never_takes_a_key_the_pages_use(world):
    panel_model = _own_model(world, name="Nieuw")
    assert panel_model.key == "nieuw-2"


def test_an_edition_on_another_model_gives_its_trios_that_panel(client, world):
    panel_model = _own_model(world, name="Drie schuiven", faders=3, low=-2, high=2)
    client.force_login(world.organiser)
    choose = reverse("panel:edition_model", args=[world.edition.slug])
    assert "Drie schuiven" in client.get(choose).text
    response = client.post(choose, {"panel_model_key": panel_model.key})
    assert response.status_code == 302
    edition_page = client.get(response.url).text
    assert "Drie schuiven" in edition_page

    client.force_login(world.member)
    page = client.get(reverse("panel:trio_panel", args=[world.trio.pk])).text
    assert page.count('type="range"') == 3
    assert 'min="-2"' in page and 'max="2"' in page


def test_a_fader_key_starts_with_a_letter_and_the_form_says_so(client, world):
    """A key like "-A1" would run as a formula in an exported spreadsheet (issue 11, 10)."""
    client.force_login(world.organiser)
    response = _create(client, [_fader(1, key="-a1", question_nl="Blijft"), _fader(2)])
    assert response.status_code == 200
    assert "A key starts with a letter (a–z)" in response.text
    assert "Blijft" in response.text
    assert not PanelModel.objects.filter(key="sociale-basis").exists()


def test_a_key_made_from_a_name_that_starts_with_a_digit_gets_a_word_in_front(client, world):
    client.force_login(world.organiser)
    response = _create(client, [_fader(1, name_nl="2e lijn"), _fader(2, name_nl="-Gebied")])
    assert response.status_code == 302
    keys = PanelModel.objects.get(key="sociale-basis").categories.values_list("key", flat=True)
    assert list(keys) == ["fader-2e-lijn", "gebied"]
    assert versions.free_model_key("2026 model") == "mengpaneel-2026-model"


def test_the_named_write_refuses_a_key_that_does_not_start_with_a_letter(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="starts with a letter"):
        versions.create_model(
            {"name_nl": "X", "name_en": "", "scale_min": -3, "scale_max": 3},
            [_fader(1, key="9de"), _fader(2, key="b")],
            by=world.organiser,
        )
