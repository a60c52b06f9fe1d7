import pytest
from django.core.management import CommandError, call_command

from mengpaneel.core import demo
from mengpaneel.workshops.models import Edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_password(settings, tmp_path):
    settings.DEMO_PASSWORD = ""
    settings.DATA_DIR = tmp_path


def test_demo_loads_the_sources_edition():
    demo.load_demo()
    edition = Edition.objects.get(slug=demo.EDITION_SLUG)
    assert sorted(t.municipality.code for t in edition.trios.all()) == [
        "GM0606",
        "GM0983",
        "GM1959",
    ]
    assert edition.trios.get(municipality__code="GM1959").local_name == "kerngericht werken"
    speakers = {talk.speaker for m in edition.meetings.all() for talk in m.talks.all()}
    assert {"Matthijs Uyterlinde", "Radboud Engbersen", "Merlijn van Hulst"} <= speakers
    assert all(trio.case.is_illustrative for trio in edition.trios.all())
    assert all(trio.members.count() == 3 for trio in edition.trios.all())


def test_running_the_demo_twice_changes_nothing(capsys, settings):
    settings.DEBUG = True
    call_command("demo")
    call_command("demo")
    assert "0 " in capsys.readouterr().out.splitlines()[-1]
    assert demo.load_demo() == 0


def test_demo_password_is_random_and_kept(tmp_path):
    demo.load_demo()
    password = (tmp_path / "demo-password").read_text()
    assert len(password) >= 12
    organiser = Edition.objects.get(slug=demo.EDITION_SLUG).organisers.get()
    assert organiser.check_password(password)
    assert (tmp_path / "demo-password").stat().st_mode & 0o077 == 0


def test_demo_password_from_the_environment(settings):
    settings.DEMO_PASSWORD = "uit-de-omgeving-123"
    demo.load_demo()
    assert Edition.objects.get().organisers.get().check_password("uit-de-omgeving-123")


def test_demo_refuses_a_production_site_without_a_chosen_password(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="MENGPANEEL_DEMO_PASSWORD"):
        call_command("demo")
