"""HTML pages of partners: portals, design and integration settings, embeds and oEmbed, onboarding, governance."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, url_for
from markupsafe import Markup

from app.accounts.models import Partner
from app.db import db
from app.http import me  # noqa: F401 - the package's views import them from here
from partners.design import css_variables, font_faces, typeface

bp = Blueprint("partners", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/static/partners")


def partner_or_404(slug: str) -> Partner:
    """The partner behind a URL; an inactive one exists only for those who manage it."""
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug))
    if partner is None or (not partner.is_active and not partner.can_manage(me())):
        abort(404)
    return partner


def design_style(design) -> Markup:
    """The <style> body of a design: its @font-face rules and CSS variables (validated values only)."""
    chosen = typeface(design.typeface)
    faces = font_faces(chosen, lambda path: url_for("static", filename=path))
    return Markup(f"{faces}\n:root{{{css_variables(design.colours, chosen)}}}")  # noqa: S704 - validated values
