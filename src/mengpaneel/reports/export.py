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
    "assessment_id",
    "meeting_number",
    "category_key",
    "agreed_position",
    "discuss",
    "rationale",
    "rules",
]

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = ("municipality_name", "rationale")


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


def _csv_cell(column: str, value: Any) -> str:
    if value is None:
        return ""  # unplaced: an empty cell, never 0
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)  # rule keys: slugs, never a formula
    text = str(value)
    if column in _TEXT_COLUMNS and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    writer = csv.writer(stream)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(column, row[column]) for column in COLUMNS])


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def render(rows: list[dict[str, Any]], format: str) -> str:
    """The rows as CSV or JSON text."""
    if format == "json":
        return to_json(rows) + "\n"
    stream = io.StringIO()
    write_csv(rows, stream)
    return stream.getvalue()
