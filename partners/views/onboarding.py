"""Onboarding a new partner (platform admins): identity, design, and the invitation of its first admin, in one
guided form; the result page gives the signed invitation link to send."""

from __future__ import annotations

from flask import abort, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from app.db import db
from app.http import load_form
from app.templating import add_account_link
from partners import service
from partners.design import COLOUR_DEFAULTS, TYPEFACES
from partners.permissions import can_onboard
from partners.schemas import OnboardingSchema
from partners.views import bp, me
from partners.views.design import contrast_report


def _render(form: dict, errors: dict, status: int = 200):
    colours = {name: form.get(name) or COLOUR_DEFAULTS[name] for name in COLOUR_DEFAULTS}
    return render_template("partners/onboarding.html", form=form, errors=errors, typefaces=TYPEFACES,
                           report=contrast_report(colours), colours=colours), status


def _require_onboarder() -> None:
    if not can_onboard(me()):
        abort(403)


@bp.get("/admin/partenaires/nouveau")
@login_required
def onboard():
    """The guided form: 1. identity, 2. design, 3. first admin."""
    _require_onboarder()
    return _render({**COLOUR_DEFAULTS, "typeface": "systeme"}, {})


@bp.post("/admin/partenaires/nouveau")
@login_required
def create_partner():
    """Create the partner with its design and invite its first admin; show the invitation link once."""
    _require_onboarder()
    data, errors = load_form(OnboardingSchema())
    if data and service.slug_taken(data["slug"]):
        errors = {"slug": [_("Cet identifiant est déjà pris par un autre partenaire.")]}
    if errors:
        return _render(request.form, errors, 422)
    partner, invitation, token = service.onboard_partner(data, me())
    db.session.commit()
    link = url_for("accounts.accept_invitation", token=token, _external=True)
    response = make_response(render_template("partners/onboarded.html", partner=partner, invitation=invitation,
                                              link=link), 201)
    response.headers["Cache-Control"] = "no-store"
    return response

bp.record_once(lambda state: add_account_link(state.app, _l("Accueillir un nouveau partenaire"), "partners.onboard",
                                              80, show=can_onboard))
