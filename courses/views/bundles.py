"""Course bundles from the browser: download a course as a zip, import a zip as a new draft course."""

from __future__ import annotations

import re

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.db import db
from courses.bundles import MAX_BUNDLE_BYTES, BundleInvalid, export_bundle, import_bundle
from courses.views import bp, editable_course, me
from courses.views.authoring import _authoring_partners


@bp.get("/parcours/<int:course_id>/paquet.zip")
def export(course_id: int):
    course = editable_course(course_id)
    name = re.sub(r"[^a-z0-9]+", "-", course.title.lower()).strip("-")[:60] or "parcours"
    return Response(export_bundle(course, current_app.config["PUBLIC_URL"]), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}.zip"'})


@bp.route("/parcours/importer", methods=["GET", "POST"])
def import_page():
    partners = _authoring_partners()
    if request.method == "GET":
        return render_template("courses/import.html", partners=partners, errors=[])
    upload = request.files.get("bundle")
    partner_id = request.form.get("partner_id", type=int)
    errors = []
    if partner_id not in {p.id for p in partners}:
        errors.append(_("Choisissez un partenaire pour lequel vous éditez."))
    if upload is None or not upload.filename:
        errors.append(_("Choisissez le fichier zip du paquet."))
    if errors:
        return render_template("courses/import.html", partners=partners, errors=errors), 422
    data = upload.stream.read(MAX_BUNDLE_BYTES + 1)
    try:
        course = import_bundle(data, partner_id, me())
    except BundleInvalid as invalid:
        db.session.rollback()
        return render_template("courses/import.html", partners=partners, errors=invalid.errors), 422
    db.session.commit()
    flash(_("Paquet importé : le parcours est un brouillon."), "success")
    return redirect(url_for("courses.edit", course_id=course.id))
