"""Read a spreadsheet (CSV, ODS or XLSX) into a header row and data rows of text.

The format is found from the content, never from the name: XLSX and ODS are zip archives told apart by their
members (ODS names its type in `mimetype`), anything else must decode as UTF-8 (or Latin-1) CSV. Cells become
trimmed text; dates become ISO dates, whole numbers lose their `.0`. Only the first sheet is read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

from flask_babel import gettext as _

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: a sheet longer than this is refused: split it
MAX_ROWS = 5000
MAX_COLUMNS = 60


class SheetRejected(Exception):
    """The file is not a spreadsheet we can read; the message is for people."""


def sniff_format(content: bytes) -> str:
    """csv, ods or xlsx, from the bytes themselves."""
    if content.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
            if "xl/workbook.xml" in names:
                return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise SheetRejected(_("Ce fichier n'est pas un tableur lisible (CSV, ODS ou XLSX)."))
    if b"\x00" in content[:4096]:
        raise SheetRejected(_("Ce fichier n'est pas un tableur lisible (CSV, ODS ou XLSX)."))
    return "csv"


def read_sheet(content: bytes) -> tuple[str, dict]:
    """(format, {"headers": [...], "rows": [[...], ...]}) with empty rows dropped and rows padded to the headers."""
    file_format = sniff_format(content)
    try:
        raw = READERS[file_format](content)
    except SheetRejected:
        raise
    except Exception as exc:  # a damaged archive or XML: say so rather than fail with a 500
        raise SheetRejected(_("Le fichier n'a pas pu être lu : est-ce bien un tableur %(format)s ?",
                              format=file_format.upper())) from exc
    return file_format, _shape(raw)


def _shape(raw: list[list]) -> dict:
    rows = [[_text(cell) for cell in row] for row in raw]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SheetRejected(_("Le tableur est vide."))
    width = max(i + 1 for i, cell in enumerate(rows[0]) if cell) if any(rows[0]) else 0
    headers = _unique_headers(rows[0][:width])
    if not headers:
        raise SheetRejected(_("La première ligne doit donner le nom des colonnes."))
    if len(headers) > MAX_COLUMNS:
        raise SheetRejected(_("Trop de colonnes (%(max)s au plus).", max=MAX_COLUMNS))
    data = [(row + [""] * width)[:width] for row in rows[1:]]
    if len(data) > MAX_ROWS:
        raise SheetRejected(_("Trop de lignes (%(max)s au plus) : découpez le tableur.", max=MAX_ROWS))
    return {"headers": headers, "rows": data}


def _unique_headers(cells: list[str]) -> list[str]:
    """Header names, made unique and never empty (« Colonne 3 »), since the mapping is keyed by them."""
    seen: dict[str, int] = {}
    headers = []
    for position, cell in enumerate(cells, start=1):
        name = cell or _("Colonne %(number)s", number=position)
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return headers


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split()) if "\n" not in str(cell) else str(cell).strip()


def _read_csv(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)][: MAX_ROWS + 2]
    finally:
        workbook.close()


READERS = {"csv": _read_csv, "xlsx": _read_xlsx}


def _register_ods() -> None:
    from commons.imports.ods import read_ods

    READERS["ods"] = read_ods


_register_ods()
