"""The steps of an import: upload, mapping, taxonomy decisions, dry run, and the all-or-nothing import itself.

They flush; the request (or the job) commits. The dry run and the import read rows the same way (`RowReader`,
the resource form's schema), so a dry run without problems announces an import that will go through.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.config import instance_path
from app.db import db, utcnow
from app.http import french_errors
from commons import service as commons
from commons.imports.fields import FIELDS_BY_NAME, REQUIRED, guess_mapping
from commons.imports.matching import find_unknowns
from commons.imports.models import ImportKey, ImportStatus, ResourceImport
from commons.imports.readers import read_sheet
from commons.imports.rows import ParsedRow, Problem, RowReader
from commons.models import Licence, Resource, Status
from commons.seed import DEFAULT_LICENCE

MAX_FILE_BYTES = 10 * 1024 * 1024


class ImportAborted(Exception):
    """The import found problems: nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problème(s)")
        self.problems = problems


@dataclass
class Report:
    """What a dry run found, or what an import did."""

    total: int = 0
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: parsed rows, in sheet order (only when there are no problems)
    rows: list[ParsedRow] = field(default_factory=list)


def imports_folder() -> Path:
    folder = instance_path() / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def create_import(partner: Partner, filename: str, content: bytes, user) -> ResourceImport:
    """Read the sheet (SheetRejected when unreadable), keep the file under a generated name, guess the mapping."""
    file_format, sheet = read_sheet(content)
    storage_key = f"{secrets.token_hex(16)}.{file_format}"
    (imports_folder() / storage_key).write_bytes(content)
    imported = ResourceImport(partner_id=partner.id, created_by_id=user.id if user else None,
                              filename=(Path(filename or "").name or f"tableur.{file_format}")[:255],
                              storage_key=storage_key, file_format=file_format, sheet=sheet,
                              mapping=guess_mapping(sheet["headers"]), options=_default_options(),
                              decisions={}, problems=[])
    db.session.add(imported)
    db.session.flush()
    return imported


def _default_options() -> dict:
    licence = db.session.scalar(sa.select(Licence.id).where(Licence.slug == DEFAULT_LICENCE))
    return {"kind_id": None, "licence_id": licence, "status": Status.DRAFT.value}


def save_mapping(imported: ResourceImport, mapping: dict[str, str], options: dict) -> None:
    """Columns mapped to fields ("" ignores a column); two columns may not feed the same field."""
    chosen = {header: name for header, name in mapping.items() if name and header in imported.headers}
    errors = {}
    seen: dict[str, str] = {}
    for header, name in chosen.items():
        if name not in FIELDS_BY_NAME:
            errors[header] = [_("Champ inconnu.")]
        elif name in seen:
            errors[header] = [_("Ce champ est déjà donné par la colonne « %(other)s ».", other=seen[name])]
        seen.setdefault(name, header)
    for name in REQUIRED:
        if name not in seen:
            errors["_mapping"] = [_("Choisissez la colonne du titre.")]
    if "kind" not in seen and not options.get("kind_id"):
        errors["_kind"] = [_("Choisissez la colonne du type, ou un type pour toutes les lignes.")]
    if errors:
        raise ValidationError(errors)
    imported.mapping = chosen
    imported.options = {**imported.options, **options}
    imported.decisions = {}
    imported.status = ImportStatus.MAPPED.value
    db.session.flush()


def unknown_values(imported: ResourceImport) -> dict:
    """Taxonomy values of the sheet no term matches: vocabulary -> {normalised: Unknown}."""
    return find_unknowns(imported.headers, imported.rows, imported.mapping)


def save_decisions(imported: ResourceImport, decisions: dict[str, dict]) -> None:
    """vocabulary -> {normalised value: term id or None (ignore)}; kinds may not be ignored."""
    unknowns = unknown_values(imported)
    errors = {}
    for vocabulary, values in unknowns.items():
        for words, unknown in values.items():
            chosen = decisions.get(vocabulary, {}).get(words, "missing")
            if chosen == "missing" or (vocabulary == "kinds" and chosen is None):
                errors[f"{vocabulary}:{words}"] = [_("Choisissez un terme pour « %(value)s ».", value=unknown.value)]
    if errors:
        raise ValidationError(errors)
    imported.decisions = {vocabulary: {words: decisions[vocabulary][words] for words in values}
                          for vocabulary, values in unknowns.items()}
    db.session.flush()


def dry_run(imported: ResourceImport, user) -> Report:
    """Every problem of the sheet, by row and column, and how many resources would be created or updated."""
    report = Report(total=len(imported.rows))
    reader = RowReader(imported.headers, imported.mapping, imported.options, imported.decisions,
                       imported.partner_id)
    keys = _existing_keys(imported.partner_id)
    seen: dict[str, int] = {}
    for number, row in enumerate(imported.rows, start=2):
        parsed, problems = reader.read(number, row)
        report.problems.extend(problems)
        if parsed is None:
            continue
        report.problems.extend(_key_problems(parsed, seen, keys, reader, user))
        report.rows.append(parsed)
        if parsed.key and parsed.key in keys:
            report.updated += 1
        else:
            report.created += 1
    if report.problems:
        report.rows = []
    return report


def _existing_keys(partner_id: int) -> dict[str, Resource]:
    query = (sa.select(ImportKey.key, Resource).join(Resource, Resource.id == ImportKey.resource_id)
             .where(ImportKey.partner_id == partner_id))
    return dict(db.session.execute(query).all())


def _key_problems(parsed: ParsedRow, seen: dict, keys: dict, reader: RowReader, user) -> list[Problem]:
    if not parsed.key:
        return []
    column = reader.column_name("key")
    if parsed.key in seen:
        return [Problem(parsed.number, column, _("La clé « %(key)s » est déjà celle de la ligne %(row)s.",
                                                 key=parsed.key, row=seen[parsed.key]))]
    seen[parsed.key] = parsed.number
    resource = keys.get(parsed.key)
    if resource is not None and resource.is_deleted:
        return [Problem(parsed.number, column, _("La ressource de cette clé est à la corbeille : restaurez-la ou "
                                                 "retirez la ligne."))]
    if resource is not None and not resource.can_edit(user):
        return [Problem(parsed.number, column, _("Vous ne pouvez pas modifier la ressource de cette clé."))]
    return []


def run_import(imported: ResourceImport, user, progress: Callable[[int, int], None] | None = None) -> Report:
    """Create or update every row, or nothing: the first problem raises ImportAborted (the caller rolls back)."""
    report = dry_run(imported, user)
    if report.problems:
        raise ImportAborted(report.problems)
    keys = _existing_keys(imported.partner_id)
    reader = RowReader(imported.headers, imported.mapping, imported.options, imported.decisions,
                       imported.partner_id)
    report.created = report.updated = 0
    for done, parsed in enumerate(report.rows, start=1):
        try:
            _write_row(imported, parsed, keys.get(parsed.key) if parsed.key else None, user, report)
        except ValidationError as exc:
            raise ImportAborted([Problem(parsed.number, reader.column_name(name) or name, message)
                                 for name, messages in french_errors(exc.messages).items()
                                 for message in (messages if isinstance(messages, list) else [messages])]) from exc
        if progress is not None:
            progress(done, report.total)
    return report


def _write_row(imported: ResourceImport, parsed: ParsedRow, existing: Resource | None, user, report: Report):
    comment = _("Import du tableur « %(name)s », ligne %(row)s", name=imported.filename, row=parsed.number)
    if existing is not None:
        data = {name: value for name, value in parsed.data.items() if name in parsed.given}
        commons.update_resource(existing, {**data, "comment": comment}, user)
        report.updated += 1
        return
    resource = commons.create_resource({**parsed.data, "comment": comment}, user)
    if imported.options.get("status") == Status.PUBLISHED.value:
        commons.change_status(resource, Status.PUBLISHED, user)
    if parsed.key:
        db.session.add(ImportKey(partner_id=imported.partner_id, key=parsed.key, resource_id=resource.id))
    report.created += 1


def finish(imported: ResourceImport, report: Report | None, problems: list[Problem] | None = None) -> None:
    """Record the outcome on the import (after its rows were written, or after the rollback)."""
    imported.status = (ImportStatus.FAILED if problems else ImportStatus.DONE).value
    imported.problems = [problem.as_dict() for problem in problems or []]
    imported.created_count = report.created if report and not problems else 0
    imported.updated_count = report.updated if report and not problems else 0
    imported.finished_dt = utcnow()
    db.session.flush()
