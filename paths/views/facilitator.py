"""The facilitator's dashboard: headline counts, completion per sequence (an SVG chart drawn here, with its
data table), the learners table, announcements, invitations, CSV enrolment and the CSV export job."""

from __future__ import annotations

from pathlib import Path

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.db import db
from app.http import load_form
from paths import dashboard, service
from paths.discussions import service as discussions
from paths.models import ExportJob
from paths.schemas import AnnouncementSchema, InvitationSchema
from paths.tasks import export_learners_csv, exports_folder
from paths.views import bp, facilitated_session, me

PER_PAGE = 25
MAX_CSV_BYTES = 2 * 1024 * 1024


def _dashboard(session, status=200, **extra):
    q = request.args.get("q", "").strip()[:100]
    sort = request.args.get("sort", "name")
    sort = sort if sort in dashboard.SORTS else "name"
    inactive = request.args.get("inactifs") == "1"
    page = dashboard.learners_page(session, q, sort, max(1, request.args.get("page", 1, type=int)), PER_PAGE,
                                   inactive)
    exports = list(db.session.scalars(db.select(ExportJob).where(ExportJob.session_id == session.id)
                                      .order_by(ExportJob.id.desc()).limit(5)))

    def page_url(number=None, **changes):
        args = {"q": q or None, "sort": sort, "inactifs": "1" if inactive else None, "page": number}
        args.update(changes)
        return url_for("paths.dashboard", session_id=session.id, **{k: v for k, v in args.items() if v})

    return render_template("paths/dashboard.html", session=session, overview=dashboard.overview(session),
                           page=page, q=q, sort=sort, inactive=inactive, page_url=page_url, exports=exports,
                           announcements=service.announcements(session),
                           unanswered=discussions.unanswered(session), **extra), status


@bp.get("/sessions/<int:session_id>/tableau-de-bord", endpoint="dashboard")
def dashboard_page(session_id: int):
    return _dashboard(facilitated_session(session_id))



@bp.post("/sessions/<int:session_id>/exports")
def request_export(session_id: int):
    """Queue the CSV export; the page lists it and offers the file once the worker has written it."""
    session = facilitated_session(session_id)
    export = ExportJob(session_id=session.id, requested_by_id=me().id)
    db.session.add(export)
    db.session.commit()
    export_learners_csv(export.id)
    flash(_("Export demandé : le fichier apparaît ci-dessous dès qu'il est prêt."), "success")
    return redirect(url_for("paths.dashboard", session_id=session.id, _anchor="exports"))


@bp.get("/sessions/<int:session_id>/exports/<int:export_id>")
def download_export(session_id: int, export_id: int):
    session = facilitated_session(session_id)
    export = db.session.get(ExportJob, export_id)
    if export is None or export.session_id != session.id or export.status != "done" or not export.filename:
        abort(404)
    path = exports_folder() / Path(export.filename).name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="text/csv", as_attachment=True,
                     download_name=f"session-{session.id}-apprenants.csv")


@bp.post("/sessions/<int:session_id>/annonces")
def announce(session_id: int):
    session = facilitated_session(session_id)
    data, errors = load_form(AnnouncementSchema())
    if errors:
        flash(_("Une annonce a besoin d'un titre et d'un texte."), "error")
        return _dashboard(session, 422, announcement_form=request.form)
    service.announce(session, data["title"], data["body"], me())
    db.session.commit()
    flash(_("Annonce publiée et envoyée aux apprenant·es."), "success")
    return redirect(url_for("paths.dashboard", session_id=session.id, _anchor="annonces"))


@bp.post("/sessions/<int:session_id>/invitations")
def invite(session_id: int):
    session = facilitated_session(session_id)
    try:
        data = InvitationSchema().load({"email": request.form.get("email", "").strip()})
    except ValidationError:
        flash(_("Cette adresse e-mail n'est pas valide."), "error")
        return _dashboard(session, 422)
    service.invite(session, data["email"], me())
    db.session.commit()
    flash(_("Invitation envoyée à %(email)s.", email=data["email"]), "success")
    return redirect(url_for("paths.dashboard", session_id=session.id, _anchor="inscrire"))


@bp.post("/sessions/<int:session_id>/inscriptions")
def bulk_enrol(session_id: int):
    """Enrol from a CSV of e-mails (first column); unknown addresses are invited; a report says what was done."""
    session = facilitated_session(session_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choisissez un fichier CSV."), "error")
        return _dashboard(session, 422)
    raw = upload.stream.read(MAX_CSV_BYTES + 1)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = None
    if content is None or len(raw) > MAX_CSV_BYTES:
        flash(_("Le fichier doit être un CSV en UTF-8 de 2 Mo au plus."), "error")
        return _dashboard(session, 422)
    report = service.bulk_enrol(session, content, me())
    db.session.commit()
    return render_template("paths/bulk_report.html", session=session, report=report)
