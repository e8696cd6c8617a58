"""Spreadsheet import of resources into the commons (CSV, ODS, XLSX).

The steps, each a page and a function of `service`: upload (the sheet is read once and kept as rows) → column
mapping → taxonomy decisions for the values no term matches → dry run listing every problem by row and
column → import as a background job, all or nothing, with its progress. A key column makes a re-import update
the resources it made before (`ImportKey`), keeping a revision as hand edits do.
"""

from flask import Flask


def register(app: Flask) -> None:
    """The `flask commons import` command; the pages live in commons.views.imports."""
    from commons.imports.cli import commons_cli

    app.cli.add_command(commons_cli)
