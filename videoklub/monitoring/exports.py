"""The figures as CSV and as a spreadsheet (.xlsx, openpyxl): the same rows as the page.

One sheet (or one CSV block) of indicators against targets, one per milestone date and one per
wave. Counts only: nothing here names a person.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from videoklub.monitoring.selectors import Figures

Table = tuple[str, list[str], list[list[object]]]  # title, header, rows


def _number(value: object) -> object:
    return "" if value is None else value


def tables(figures: Figures) -> list[Table]:
    indicators = (
        _("Indicators"),
        [_("indicator"), _("value"), _("target (at least)"), _("target (at most)"), _("status")],
        [
            [
                str(row.info.label) + (" (%)" if row.info.percent else ""),
                _number(row.now.value),
                _number(row.now.target.minimum if row.now.target else None),
                _number(row.now.target.maximum if row.now.target else None),
                status_label(row.status),
            ]
            for row in figures.rows
        ],
    )
    result = [indicators]
    if figures.milestones:
        result.append(
            (
                _("Milestones"),
                [_("indicator"), *(f"{m.due_on:%d-%m-%Y} {m.title}" for m in figures.milestones)],
                [
                    [str(row.info.label), *(_number(v) for v in row.per_milestone)]
                    for row in figures.rows
                ],
            )
        )
    if figures.waves:
        result.append(
            (
                _("Waves"),
                [_("indicator"), *(str(w) for w in figures.waves)],
                [
                    [str(row.info.label), *(_number(p.value) for p in row.per_wave)]
                    for row in figures.rows
                ],
            )
        )
    return result


def status_label(status: str) -> str:
    return {
        "reached": _("reached"),
        "on_track": _("on track"),
        "behind": _("behind"),
    }.get(status, "")


def as_csv(figures: Figures) -> str:
    """Blocks separated by an empty line; a semicolon, as Dutch-language Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for index, (title, header, rows) in enumerate(tables(figures)):
        if index:
            writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [str(cell).replace(".", ",") if isinstance(cell, float) else cell for cell in row]
            )
    return buffer.getvalue()


def as_xlsx(figures: Figures) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in tables(figures):
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
        for column in range(1, len(header) + 1):
            width = max(
                len(str(sheet.cell(r, column).value or "")) for r in range(1, len(rows) + 2)
            )
            sheet.column_dimensions[get_column_letter(column)].width = min(60, width + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
