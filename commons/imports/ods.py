"""Read the first sheet of an OpenDocument spreadsheet with odfpy: text of each cell, dates as ISO dates.

Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) are expanded, except the trailing
empty ones LibreOffice writes up to the sheet's last possible row and column.
"""

from __future__ import annotations

import io

from odf import opendocument, table, teletype
from odf.text import P

#: expanding more than this many repeated empty cells or rows means the sheet's padding: stop there
PADDING = 1000


def read_ods(content: bytes) -> list[list]:
    document = opendocument.load(io.BytesIO(content))
    sheets = document.spreadsheet.getElementsByType(table.Table)
    if not sheets:
        return []
    rows = []
    for row in sheets[0].getElementsByType(table.TableRow):
        cells = _cells(row)
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        rows.extend([cells] * (1 if repeat > PADDING and not any(cells) else repeat))
    return rows


def _cells(row) -> list[str]:
    cells: list[str] = []
    for cell in row.getElementsByType(table.TableCell):
        value = _value(cell)
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        cells.extend([value] * (1 if repeat > PADDING and not value else repeat))
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _value(cell) -> str:
    value_type = cell.getAttribute("valuetype")
    if value_type == "date":
        return (cell.getAttribute("datevalue") or "")[:10]
    if value_type in ("float", "percentage", "currency"):
        number = cell.getAttribute("value") or ""
        return number[:-2] if number.endswith(".0") else number
    return "\n".join(teletype.extractText(p) for p in cell.getElementsByType(P)).strip()

