"""`mengpaneel export-panels`: one row per trio × category; the demo exactly as in
docs/design.md ("Demo")."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mengpaneel.core import demo
from mengpaneel.panel import placing
from mengpaneel.reports import export

pytestmark = pytest.mark.django_db

KEYS = ["positioning", "residents", "internal_process", "governance", "communication"]
EXPECTED = {
    "GM1959": ["2", "-1", "-3", "3", "-1"],
    "GM0606": ["", "3", "-3", "1", "-1"],
    "GM0983": ["-1", "", "-3", "2", "-1"],
}


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_csv_export_of_the_demo_is_exactly_the_design(demo_edition):
    rows = list(csv.DictReader(io.StringIO(_run("export_panels", "--edition", demo.EDITION_SLUG))))
    assert list(rows[0]) == export.COLUMNS
    assert len(rows) == 15
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["municipality_code"], []).append(row["agreed_position"])
        assert row["category_key"] in KEYS
        assert row["assessment_date"] == "2019-09-12"
        assert (row["model_key"], row["model_version"]) == ("wijkgericht-werken", "1")
        assert row["discuss"] == "false"
    assert found == EXPECTED
    names = {row["municipality_code"]: row["municipality_name"] for row in rows}
    assert names == {"GM1959": "Altena", "GM0606": "Schiedam", "GM0983": "Venlo"}
    altena_governance = next(
        r for r in rows if r["municipality_code"] == "GM1959" and r["category_key"] == "governance"
    )
    assert "kernwethouders" in altena_governance["rationale"]


def test_json_export_by_edition_number_keeps_unplaced_as_null(demo_edition):
    rows = json.loads(_run("export-panels", "--edition", str(demo_edition.pk), "--format", "json"))
    schiedam = {
        r["category_key"]: r["agreed_position"] for r in rows if r["municipality_code"] == "GM0606"
    }
    assert schiedam == {
        "positioning": None,
        "residents": 3,
        "internal_process": -3,
        "governance": 1,
        "communication": -1,
    }


def test_export_to_a_file(demo_edition, tmp_path):
    target = tmp_path / "panelen.csv"
    call_command(
        "export_panels",
        "--edition",
        demo.EDITION_SLUG,
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_text(encoding="utf-8").count("\n") == 16


def test_unknown_edition_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no edition"):
        _run("export_panels", "--edition", "bestaat-niet")


def test_the_middle_is_zero_and_spreadsheet_formulas_are_defused(world, panel):
    placing.reveal(panel.assessment, by=panel.members[0])
    for key, position, rationale in [
        ("positioning", 0, '=HYPERLINK("http://x")'),
        ("residents", -2, "-lager dan gedacht"),
    ]:
        category = panel.category(key)
        placing.agree(panel.assessment, category, position, rationale, False, panel.members[0], 0)
    rows = list(csv.DictReader(io.StringIO(_run("export_panels", "--edition", world.edition.slug))))
    by_key = {r["category_key"]: r for r in rows}
    assert by_key["positioning"]["agreed_position"] == "0"
    assert by_key["positioning"]["rationale"] == '\'=HYPERLINK("http://x")'
    assert by_key["residents"]["agreed_position"] == "-2"
    assert by_key["residents"]["rationale"] == "'-lager dan gedacht"
    assert by_key["governance"]["agreed_position"] == ""


def test_every_text_cell_is_neutralised_whatever_its_column(world, panel):
    """A key typed before keys had to start with a letter, a model key, a municipality's name:
    every text cell of the CSV is defused, not only the rationale (issue 11, finding 10)."""
    from mengpaneel.panel.models import Category

    Category.objects.filter(pk=panel.category("residents").pk).update(key="-A1+A2")
    world.trio.municipality.name = "@SUM(A1)"
    world.trio.municipality.save()
    placing.reveal(panel.assessment, by=panel.members[0])
    rows = list(csv.DictReader(io.StringIO(_run("export_panels", "--edition", world.edition.slug))))
    assert {row["category_key"] for row in rows} >= {"'-A1+A2", "positioning"}
    assert {row["municipality_name"] for row in rows} == {"'@SUM(A1)"}
    formula_starts = tuple(export._FORMULA_STARTS)
    for row in rows:
        for column, cell in row.items():
            if column not in ("agreed_position", "scale_min"):  # numbers: "-2" is a step
                assert not cell.startswith(formula_starts), (column, cell)


@pytest.mark.parametrize(
    "text, cell",
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-A1", "'-A1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân"),
    ],
)
def test_neutralise_is_the_one_rule_for_a_spreadsheet_cell(text, cell):
    assert export.neutralise(text) == cell


def test_each_row_carries_the_scale_its_positions_are_on(world, panel):
    model = panel.assessment.panel_model
    rows = export.export_rows(world.edition)
    assert {(row["scale_min"], row["scale_max"]) for row in rows} == {
        (model.scale_min, model.scale_max)
    }
    csv_rows = list(csv.DictReader(io.StringIO(export.render(rows, "csv"))))
    assert (csv_rows[0]["scale_min"], csv_rows[0]["scale_max"]) == ("-3", "3")


def test_the_spreadsheet_download_starts_with_a_byte_order_mark(client, world, panel):
    client.force_login(world.organiser)
    url = reverse("reports:export_csv", args=[world.edition.slug])
    plain = client.get(url).content.decode("utf-8")
    for_excel = client.get(url, {"voor": "spreadsheet"}).content.decode("utf-8")
    assert not plain.startswith("\ufeff")
    assert for_excel == "\ufeff" + plain
    assert client.get(reverse("reports:export_json", args=[world.edition.slug])).content[:1] == b"["


def test_the_command_writes_a_byte_order_mark_when_asked(world, panel, tmp_path):
    target = tmp_path / "panelen.csv"
    call_command(
        "export_panels",
        "--edition",
        world.edition.slug,
        "--bom",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_bytes().startswith(b"\xef\xbb\xbfmunicipality_code,")
