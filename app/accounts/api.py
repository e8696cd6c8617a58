"""JSON API for partners and the current account (bearer token or session cookie)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.accounts.models import Membership, Partner, User
from app.accounts.schemas import MemberSchema, MeSchema, PartnerSchema
from app.api import make_api_blueprint, problem_responses
from app.db import db

blp = make_api_blueprint("partners_api", __name__, "/partners", "Partenaires du commun")
me_blp = make_api_blueprint("me_api", __name__, "/me", "Le compte qui appelle l'API")

#: every blueprint of this module, for `create_app` to register
blueprints = [blp, me_blp]


def _active_partner_or_404(slug: str) -> Partner:
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug, Partner.is_active))
    if partner is None:
        abort(404, _("Aucun partenaire actif ne porte ce nom court."))
    return partner


def _require_login() -> None:
    if not current_user.is_authenticated:
        abort(401, _("Envoyez un jeton (Authorization: Bearer …) ou connectez-vous."))


@blp.get("/")
@problem_responses(blp, 400)
@blp.response(200, PartnerSchema(many=True))
def list_partners():
    """Active partners, by name."""
    return db.session.scalars(sa.select(Partner).where(Partner.is_active).order_by(Partner.name)).all()


@blp.get("/<slug>")
@problem_responses(blp, 400, 404)
@blp.response(200, PartnerSchema)
def get_partner(slug: str):
    """One active partner."""
    return _active_partner_or_404(slug)


@blp.get("/<slug>/members")
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, MemberSchema(many=True))
def list_members(slug: str):
    """A partner's members and their roles, for its admins and platform admins."""
    _require_login()
    partner = _active_partner_or_404(slug)
    if not partner.can_manage(current_user):
        abort(403, _("Seul·es les administrateur·rices du partenaire voient ses membres."))
    return db.session.scalars(
        sa.select(Membership).join(Membership.user).options(joinedload(Membership.user))
        .where(Membership.partner_id == partner.id).order_by(User.name, User.email)
    ).all()


@me_blp.get("")
@problem_responses(me_blp, 400, 401)
@me_blp.response(200, MeSchema)
def me():
    """The account behind the token or session, with its memberships."""
    _require_login()
    return current_user._get_current_object()
