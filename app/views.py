"""Core pages: language choice, health check and the site icon at its conventional address."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_login import current_user

from app.db import db
from app.http import safe_next_url

bp = Blueprint("core", __name__, template_folder="templates")


@bp.get("/langue/<code>")
def choose_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return redirect(safe_next_url(request.args.get("next"), "/"))


@bp.get("/sante")
def health():
    """Liveness and database check for load balancers and process managers."""
    db.session.execute(sa.text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/favicon.ico")
def favicon():
    """Browsers and feed readers ask for /favicon.ico where no page names an icon (a JSON-LD document, an RSS
    feed): the site's icon, instead of a 404 in every log."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
