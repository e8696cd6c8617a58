"""Spreadsheet import pages, for editors of the target partner and platform admins (see commons.imports).

Upload → columns → taxonomy → dry run → import job with its progress. Each page loads the import (404 when the
user may not manage it), checks the step makes sense (an import already running only shows its progress),
validates its form with a schema, calls commons.imports.service, commits once.
"""

from __future__ import annotations

import io

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.db import db
from app.http import deny, load_form, me
from app.templating import add_account_link
from commons import service as commons
from commons.imports import service, tasks
from commons.imports.demo import demo_workbook
from commons.imports.fields import FIELDS
from commons.imports.matching import term_choices
from commons.imports.models import ImportStatus, ResourceImport
from commons.imports.readers import SheetRejected
from commons.imports.schemas import DecisionsSchema, MappingSchema, UploadSchema
from commons.models import Kind, Licence
from commons.views import bp

bp.record_once(lambda state: add_account_link(state.app, _l("Importer un tableur"), "commons.imports", 15,
                                              lambda user: user.is_contributor))

PREVIEW_ROWS = 5
VOCABULARY_LABELS = {"kinds": _l("Types"), "themes": _l("Thèmes"), "phases": _l("Phases du projet"),
                     "licences": _l("Licences")}
#: steps an editor may revisit; past them the import only shows its progress or outcome
EDITABLE = {ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.FAILED}


def _partners():
    user = me()
    if not user.is_authenticated:
        deny()
    partners = commons.editable_partners(user)
    if not partners:
        abort(403)
    return partners


def _import_or_404(import_id: int) -> ResourceImport:
    user = me()
    if not user.is_authenticated:
        deny()
    imported = db.session.get(ResourceImport, import_id)
    if imported is None or not imported.can_manage(user):
        abort(404)
    return imported


def _editable_or_status(import_id: int):
    """The import while its steps may change, else a redirect to its progress page."""
    imported = _import_or_404(import_id)
    if imported.status not in EDITABLE:
        return imported, redirect(url_for("commons.import_status", import_id=imported.id))
    return imported, None


# Upload -------------------------------------------------------------------------------------------------------

def _render_index(partners, error=None, status=200):
    user = me()
    query = sa.select(ResourceImport).order_by(ResourceImport.created_dt.desc()).limit(20)
    if not user.is_platform_admin:
        query = query.where(ResourceImport.partner_id.in_([p.id for p in partners]))
    return render_template("commons/imports/index.html", partners=partners, imports=db.session.scalars(query),
                           error=error, max_mb=service.MAX_FILE_BYTES // (1024 * 1024)), status


@bp.get("/ressources/imports")
def imports():
    return _render_index(_partners())


@bp.post("/ressources/imports")
def import_upload():
    partners = _partners()
    data, errors = load_form(UploadSchema())
    partner = next((p for p in partners if data and p.id == data["partner_id"]), None)
    if partner is None:
        return _render_index(partners, _("Choisissez un partenaire au nom duquel vous pouvez publier."), 422)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _render_index(partners, _("Choisissez un fichier CSV, ODS ou XLSX."), 422)
    content = upload.stream.read(service.MAX_FILE_BYTES + 1)
    if len(content) > service.MAX_FILE_BYTES:
        return _render_index(partners, _("Fichier trop volumineux (maximum %(size)s Mo).",
                                         size=service.MAX_FILE_BYTES // (1024 * 1024)), 413)
    try:
        imported = service.create_import(partner, upload.filename, content, me())
    except SheetRejected as exc:
        db.session.rollback()
        return _render_index(partners, str(exc), 422)
    db.session.commit()
    return redirect(url_for("commons.import_mapping", import_id=imported.id))


@bp.get("/ressources/imports/tableur-de-demonstration.xlsx")
def import_demo_sheet():
    """The demo sheet of 200 resources, to try the import."""
    _partners()
    return send_file(io.BytesIO(demo_workbook()), as_attachment=True, download_name="ressources-demo.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# Columns ------------------------------------------------------------------------------------------------------

def _term_options(model):
    query = sa.select(model).where(model.is_retired.is_(False)).order_by(model.position)
    return [(term.id, term.label) for term in db.session.scalars(query)]


def _render_mapping(imported, mapping, options, errors=None, status=200):
    return render_template("commons/imports/mapping.html", imported=imported, mapping=mapping, options=options,
                           errors=errors or {}, fields=FIELDS, preview=imported.rows[:PREVIEW_ROWS],
                           kinds=_term_options(Kind), licences=_term_options(Licence)), status


@bp.route("/ressources/imports/<int:import_id>/colonnes", methods=["GET", "POST"])
def import_mapping(import_id: int):
    imported, elsewhere = _editable_or_status(import_id)
    if elsewhere:
        return elsewhere
    if request.method == "GET":
        return _render_mapping(imported, imported.mapping, imported.options)
    columns = {header: request.form.get(f"col-{i}", "") for i, header in enumerate(imported.headers)}
    form = {key: value for key, value in request.form.items() if not key.startswith("col-") and value}
    try:
        data = MappingSchema().load({**form, "columns": columns})
        options = {key: data[key] for key in ("kind_id", "licence_id", "status")}
        service.save_mapping(imported, data["columns"], options)
    except ValidationError as exc:
        db.session.rollback()
        return _render_mapping(imported, columns, {**imported.options, **form}, exc.messages, 422)
    db.session.commit()
    return redirect(url_for("commons.import_taxonomy", import_id=imported.id))


# Taxonomy -----------------------------------------------------------------------------------------------------

@bp.route("/ressources/imports/<int:import_id>/taxonomie", methods=["GET", "POST"])
def import_taxonomy(import_id: int):
    imported, elsewhere = _editable_or_status(import_id)
    if elsewhere:
        return elsewhere
    if imported.status == ImportStatus.UPLOADED:
        return redirect(url_for("commons.import_mapping", import_id=imported.id))
    unknowns = service.unknown_values(imported)
    if not unknowns:
        return redirect(url_for("commons.import_check", import_id=imported.id))
    if request.method == "GET":
        return _render_taxonomy(imported, unknowns, imported.decisions)
    chosen = {key: value for key, value in request.form.items() if ":" in key}
    try:
        loaded = DecisionsSchema().load({"decisions": chosen})["decisions"]
        service.save_decisions(imported, _decisions_from(loaded))
    except ValidationError as exc:
        db.session.rollback()
        return _render_taxonomy(imported, unknowns, _decisions_from(chosen), exc.messages, 422)
    db.session.commit()
    return redirect(url_for("commons.import_check", import_id=imported.id))


def _decisions_from(form: dict) -> dict:
    decisions: dict = {}
    for key, value in form.items():
        vocabulary, _sep, words = key.partition(":")
        if value == "ignore":
            decisions.setdefault(vocabulary, {})[words] = None
        elif value.isdigit():
            decisions.setdefault(vocabulary, {})[words] = int(value)
    return decisions


def _render_taxonomy(imported, unknowns, decisions, errors=None, status=200):
    choices = {vocabulary: term_choices(vocabulary) for vocabulary in unknowns}
    return render_template("commons/imports/taxonomy.html", imported=imported, unknowns=unknowns,
                           decisions=decisions, choices=choices, labels=VOCABULARY_LABELS,
                           errors=errors or {}), status


# Dry run and import -------------------------------------------------------------------------------------------

@bp.get("/ressources/imports/<int:import_id>/verification")
def import_check(import_id: int):
    """The dry run: nothing is written, every problem is listed with its row and column."""
    imported, elsewhere = _editable_or_status(import_id)
    if elsewhere:
        return elsewhere
    if imported.status == ImportStatus.UPLOADED:
        return redirect(url_for("commons.import_mapping", import_id=imported.id))
    report = service.dry_run(imported, me())
    db.session.rollback()  # a dry run: whatever the checks loaded stays unwritten
    return render_template("commons/imports/check.html", imported=imported, report=report)


@bp.post("/ressources/imports/<int:import_id>/lancer")
def import_start(import_id: int):
    imported, elsewhere = _editable_or_status(import_id)
    if elsewhere:
        return elsewhere
    if imported.status == ImportStatus.UPLOADED:
        return redirect(url_for("commons.import_mapping", import_id=imported.id))
    imported.status = ImportStatus.QUEUED.value
    imported.problems = []
    db.session.commit()
    tasks.queue_import(imported, me())
    return redirect(url_for("commons.import_status", import_id=import_id))


def _progress(imported) -> dict:
    running = tasks.read_progress(imported.id) if not imported.is_finished else None
    total = len(imported.rows)
    done = (running or {}).get("done", total if imported.status == ImportStatus.DONE else 0)
    return {"done": done, "total": total, "percent": round(100 * done / total) if total else 100}


@bp.get("/ressources/imports/<int:import_id>")
def import_status(import_id: int):
    """Progress while the job runs (refreshed without JavaScript, polled with it), then the outcome."""
    imported = _import_or_404(import_id)
    return render_template("commons/imports/status.html", imported=imported, progress=_progress(imported))


@bp.get("/ressources/imports/<int:import_id>/progression")
def import_progress(import_id: int):
    """The progress block alone, for the page's polling."""
    imported = _import_or_404(import_id)
    return render_template("commons/imports/_progress.html", imported=imported, progress=_progress(imported))
