"""Production plans: every partner's plan for a year in one shared view, overlaps flagged."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import EDITING_ROLES, Partner
from app.db import db, utcnow
from app.http import french_errors, load_form
from commons.models import Kind, Resource, Theme
from observatory.models import PLAN_STATUS_LABELS, PlannedResource, PlanStatus
from observatory.schemas import PlannedResourceInputSchema, PlanUpdateInputSchema
from observatory.service import plans as service
from observatory.views import bp, me, require


def _year() -> int:
    year = request.args.get("annee", type=int)
    return year if year and 2020 <= year <= 2100 else utcnow().year


def _editable_partners(user) -> list[Partner]:
    query = sa.select(Partner).order_by(Partner.name)
    if not user.is_platform_admin:
        query = query.where(Partner.id.in_(user.partner_ids(EDITING_ROLES) or {0}))
    return list(db.session.scalars(query))


def _render(year: int, errors=None, form=None, status=200):
    user = me()
    items = service.plans_for_year(year)
    by_partner: dict[str, list[PlannedResource]] = {}
    for item in items:
        by_partner.setdefault(item.partner.name, []).append(item)
    years = sorted(set(service.plan_years()) | {year, utcnow().year})
    return render_template(
        "observatory/plans.html", year=year, years=years, by_partner=by_partner, overlaps=service.overlaps(items),
        partners=_editable_partners(user), kinds=list(db.session.scalars(sa.select(Kind).order_by(Kind.position))),
        themes=list(db.session.scalars(sa.select(Theme).order_by(Theme.position))), labels=PLAN_STATUS_LABELS,
        statuses=list(PlanStatus), errors=errors or {}, form=form or {}), status


@bp.get("/observatoire/plans/")
def plans():
    require(PlannedResource.can_view_plans(me()))
    return _render(_year())


@bp.post("/observatoire/plans/")
def add_planned():
    user = me()
    require(PlannedResource.can_view_plans(user) and bool(_editable_partners(user)))
    data, errors = load_form(PlannedResourceInputSchema())
    if not errors and not user.has_role(data["partner_id"], EDITING_ROLES):
        errors = {"partner_id": [_("Vous ne modifiez pas le plan de ce partenaire.")]}
    if not errors:
        try:
            service.add_planned(data)
        except ValidationError as exc:
            errors = french_errors(exc.messages)
    if errors:
        db.session.rollback()
        year = data["year"] if data else _year()
        return _render(year, errors, request.form, 422)
    db.session.commit()
    return redirect(url_for("observatory.plans", annee=data["year"]), 303)


@bp.post("/observatoire/plans/<int:item_id>")
def update_planned(item_id: int):
    user = me()
    require(PlannedResource.can_view_plans(user))
    item = db.session.get(PlannedResource, item_id)
    if item is None:
        abort(404)
    require(item.can_edit(user))
    data, errors = load_form(PlanUpdateInputSchema())
    resource = None
    if not errors and data["resource_id"]:
        resource = db.session.get(Resource, data["resource_id"])
        if resource is None or not resource.can_view(user):
            errors = {"resource_id": [_("Ressource introuvable.")]}
    if errors:
        return _render(item.year, errors, None, 422)
    service.update_planned(item, data["status"], resource)
    db.session.commit()
    return redirect(url_for("observatory.plans", annee=item.year) + f"#plan-{item.id}", 303)
