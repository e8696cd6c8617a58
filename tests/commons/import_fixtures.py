"""Spreadsheets for the import tests, written in each format from the same rows."""

from __future__ import annotations

import csv
import io
from datetime import date

HEADERS = ["Référence", "Titre", "Type", "Thématiques", "Résumé", "Date", "Langue"]
ROWS = [
    ["R1", "Monter une SCI d'attribution", "Méthode", "Statuts juridiques", "Les étapes du montage.",
     date(2021, 3, 4), "Français"],
    ["R2", "Toilettes sèches collectives", "outil", "eau-assainissement ; Énergie et sobriété", "Un guide.",
     date(2019, 1, 1), "fr"],
    ["R3", "Le consentement en réunion", "Méthode", "Gouvernance partagée", "Décider ensemble.", "",
     "en"],
]


def as_csv(headers=HEADERS, rows=ROWS, delimiter=";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([cell.strftime("%d/%m/%Y") if isinstance(cell, date) else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(headers=HEADERS, rows=ROWS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_ods(headers=HEADERS, rows=ROWS) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Ressources")
    for values in [headers, *rows]:
        row = TableRow()
        for value in values:
            if isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=value.isoformat() if isinstance(value, date) else str(value)))
            row.addElement(cell)
        row.addElement(TableCell(numbercolumnsrepeated=1020))  # LibreOffice pads rows up to its last column
        table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated=1048000))
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx, "ods": as_ods}
