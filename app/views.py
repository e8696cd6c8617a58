"""Core pages (language choice, health check) and what every template shares: navigation, filters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, Flask, abort, current_app, redirect, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from app.db import db
from app.text import render_markdown

bp = Blueprint("core", __name__, template_folder="templates")


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    order: int
    needs_login: bool = False


def add_nav_item(app: Flask, label, endpoint: str, order: int, needs_login: bool = False) -> None:
    """Let a domain package put a link in the main navigation without the core knowing about it."""
    app.extensions.setdefault("terreau_nav", []).append(NavItem(label, endpoint, order, needs_login))


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only redirect to paths on this site (no open redirect)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


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


def init_templates(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""

    @app.context_processor
    def navigation():
        items = sorted(app.extensions.get("terreau_nav", []), key=lambda item: item.order)
        return {
            "nav_items": [item for item in items if not item.needs_login or current_user.is_authenticated],
            "current_locale": str(get_locale() or "fr"),
        }
