"""Usage statistics (charts, tables, CSV) and readers' feedback on resources, with its moderation."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.accounts.models import Partner
from app.db import db
from app.http import load_form
from commons.models import Resource
from observatory import chartdata
from observatory.models import USAGE_LABELS, ResourceFeedback, UsageKind
from observatory.schemas import FeedbackInputSchema, ModerationInputSchema, StatisticsArgsSchema
from observatory.service import feedback as feedback_service
from observatory.service import usage as service
from observatory.views import bp, deny, me, require


def _filters() -> tuple[dict, Partner | None]:
    try:
        args = StatisticsArgsSchema().load({k: v for k, v in request.args.items() if v})
    except ValidationError:
        abort(400)
    partner = None
    if args["partner"]:
        partner = db.session.scalar(sa.select(Partner).where(Partner.slug == args["partner"]))
        if partner is None:
            abort(400)
    return args, partner


@bp.get("/observatoire/statistiques")
def statistics():
    user = me()
    require(service.can_see_statistics(user))
    args, partner = _filters()
    partner_id = partner.id if partner else None
    months = service.by_month(partner_id, args["since"], args["until"])
    kinds = [kind for kind in UsageKind if any(kind.value in counts for counts in months.values())]
    month_chart = chartdata.columns(
        _("Usages par mois"), list(months),
        [(_(USAGE_LABELS[kind]), [months[m].get(kind.value, 0) for m in months]) for kind in kinds]
    ) if months else None
    partners_table = service.by_partner(args["since"], args["until"])
    partner_chart = chartdata.columns(
        _("Usages par partenaire"), [name for name, _counts in partners_table],
        [(_(USAGE_LABELS[kind]), [counts.get(kind.value, 0) for _name, counts in partners_table]) for kind in kinds],
        stacked=True, horizontal=True) if partners_table else None
    top = service.top_resources(user, partner_id, args["since"], args["until"])
    top_chart = chartdata.bar(_("Ressources les plus utilisées"),
                              [(row["title"], row["total"]) for row in top]) if top else None
    partners = list(db.session.scalars(sa.select(Partner).order_by(Partner.name)))
    return render_template("observatory/statistics.html", months=months, kinds=kinds, month_chart=month_chart,
                           partners_table=partners_table, partner_chart=partner_chart, top=top,
                           top_chart=top_chart, partners=partners, partner=partner, args=args,
                           labels=USAGE_LABELS, all_kinds=list(UsageKind))


@bp.get("/observatoire/statistiques.csv")
def statistics_csv():
    user = me()
    require(service.can_see_statistics(user))
    args, partner = _filters()
    body = service.usage_csv(user, partner.id if partner else None, args["since"], args["until"])
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=usages.csv"})


def _resource_or_404(resource_id: int) -> Resource:
    resource = db.session.get(Resource, resource_id)
    if resource is None or resource.is_deleted or not resource.can_view(me()):
        abort(404)
    return resource


def _render_feedback(resource: Resource, errors=None, form=None, status=200):
    user = me()
    average, count = feedback_service.rating_summary(resource.id)
    mine = None
    if user.is_authenticated:
        mine = db.session.scalar(sa.select(ResourceFeedback).where(
            ResourceFeedback.resource_id == resource.id, ResourceFeedback.user_id == user.id))
    return render_template("observatory/feedback.html", resource=resource, average=average, count=count,
                           comments=feedback_service.approved_comments(resource.id), mine=mine,
                           errors=errors or {}, form=form or {}), status


@bp.get("/observatoire/ressources/<int:resource_id>/avis")
def feedback(resource_id: int):
    return _render_feedback(_resource_or_404(resource_id))


@bp.post("/observatoire/ressources/<int:resource_id>/avis")
def give_feedback(resource_id: int):
    resource = _resource_or_404(resource_id)
    user = me()
    if not user.is_authenticated:
        deny()
    data, errors = load_form(FeedbackInputSchema())
    if errors:
        return _render_feedback(resource, errors, request.form, 422)
    feedback_service.give_feedback(resource, user, data["rating"], data["comment"])
    db.session.commit()
    flash(_("Merci pour votre avis. Votre commentaire paraîtra après relecture par l'équipe éditoriale.")
          if data["comment"] else _("Merci pour votre avis."), "success")
    return redirect(url_for("observatory.feedback", resource_id=resource.id), 303)


@bp.get("/observatoire/avis/moderation")
def moderation():
    user = me()
    require(user.is_authenticated and user.is_contributor)
    return render_template("observatory/moderation.html", pending=feedback_service.pending_for(user))


@bp.post("/observatoire/avis/<int:feedback_id>/moderer")
def moderate(feedback_id: int):
    user = me()
    require(user.is_authenticated)
    item = db.session.get(ResourceFeedback, feedback_id)
    if item is None or not item.resource.can_view(user):
        abort(404)
    require(item.resource.can_edit(user))
    data, errors = load_form(ModerationInputSchema())
    if errors:
        abort(422)
    feedback_service.moderate(item, data["decision"] == "approved", user)
    db.session.commit()
    return redirect(url_for("observatory.moderation"), 303)
