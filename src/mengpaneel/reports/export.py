"""Agreed panels out, for research: one row per trio × category (CSV or JSON).

The same rows feed the ``export_panels`` command and the organisers' download. Each row
names the coherence rules that fire for its moment, which is why the export lives above
both the panel and its interpretation (``insights``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any

from mengpaneel.insights.coherence import RuleBook
from mengpaneel.panel.models import Assessment
from mengpaneel.workshops.models import Edition

COLUMNS = [
    "municipality_code",
    "municipality_name",
    "trio_id",
    "assessment_date",
    "model_key",
    "model_version",
    "scale_min",
    "scale_max",
    "assessment_id",
    "meeting_number",
    "category_key",
    "agreed_position",
    "discuss",
    "rationale",
    "rules",
]

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list, with
# the line break that a cell may also start with).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Excel reads a UTF-8 file as UTF-8 only when it starts with this mark: without it, Fryslân
# and Súdwest-Fryslân come out garbled. Other readers skip it.
BOM = "\ufeff"


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet cell that can never run as a formula.

    A leading apostrophe makes Excel, LibreOffice and Google Sheets show the cell as text.
    Every export of people's text (and of keys, which organisers type) goes through here.
    """
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_rows(edition: Edition) -> list[dict[str, Any]]:
    """Every assessment (moment) of every trio in the edition, fader by fader.

    Trios without an assessment have no rows. ``agreed_position`` is None
    when the fader is unplaced; 0 is the middle, a real answer. ``rules`` holds
    the keys of the coherence rules that fire for that moment (issue 4).
    """
    assessments = list(
        Assessment.objects.filter(trio__edition=edition)
        .with_panel()
        .order_by("trio__municipality__name", "created_at", "pk")
    )
    book = RuleBook.for_assessments(assessments)
    rows = []
    for assessment in assessments:
        trio = assessment.trio
        rules = book.firing_keys(assessment)
        for agreed in assessment.agreed_positions.all():
            rows.append(
                {
                    "municipality_code": trio.municipality.code,
                    "municipality_name": trio.municipality.name,
                    "trio_id": trio.pk,
                    "assessment_date": assessment.date.isoformat(),
                    "model_key": assessment.panel_model.key,
                    "model_version": assessment.panel_model.version,
                    # The positions' scale: −3…+3 by default, but a model may choose its own.
                    "scale_min": assessment.panel_model.scale_min,
                    "scale_max": assessment.panel_model.scale_max,
                    "assessment_id": assessment.pk,
                    "meeting_number": assessment.meeting.number if assessment.meeting else None,
                    "category_key": agreed.category.key,
                    "agreed_position": agreed.position,
                    "discuss": agreed.discuss,
                    "rationale": agreed.rationale,
                    "rules": rules,
                }
            )
    return rows


def _csv_cell(value: Any) -> str | int:
    if value is None:
        return ""  # unplaced: an empty cell, never 0
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value  # a number stays a number: −1 is a position, not a formula
    if isinstance(value, list):
        value = ";".join(value)
    return neutralise(str(value))


def write_csv(rows: list[dict[str, Any]], stream: IO[str], *, bom: bool = False) -> None:
    """The rows as CSV; ``bom`` starts it with the byte order mark spreadsheets need."""
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in COLUMNS])


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def render(rows: list[dict[str, Any]], format: str, *, bom: bool = False) -> str:
    """The rows as CSV (with a byte order mark if ``bom``) or JSON text."""
    if format == "json":
        return to_json(rows) + "\n"
    stream = io.StringIO()
    write_csv(rows, stream, bom=bom)
    return stream.getvalue()
