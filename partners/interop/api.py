"""JSON API of the sync (/api/v1/interop): a partner admin's sources, their log, and starting a run."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from marshmallow import Schema, fields

from app.accounts.models import Role
from app.api import make_api_blueprint, problem_responses, requires
from app.db import db
from partners.interop import tasks
from partners.interop.models import SyncRun, SyncSource

blp = make_api_blueprint("interop_api", __name__, "/interop",
                         "Synchronisation avec YesWiki et SemApps : sources d'un partenaire, journal, lancement. "
                         "Réservé aux administrateur·rices du partenaire.")
SECURITY = [{"bearer": []}]


class RunOutputSchema(Schema):
    id = fields.Integer()
    status = fields.Function(lambda run: run.status.value)
    trigger = fields.String()
    started_dt = fields.DateTime()
    finished_dt = fields.DateTime(allow_none=True)
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    archived = fields.Integer()
    pending = fields.Integer()
    message = fields.String()


class SourceOutputSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    connector = fields.String()
    url = fields.String()
    form_id = fields.String()
    partner = fields.Function(lambda source: source.partner.slug)
    interval_minutes = fields.Integer()
    is_active = fields.Boolean()
    last_run_dt = fields.DateTime(allow_none=True)


class QueuedSchema(Schema):
    source = fields.Integer()
    queued = fields.Boolean()


def may_manage_sources(user) -> bool:
    return user.is_authenticated and (user.is_platform_admin or bool(user.partner_ids({Role.ADMIN})))


def _source_or_404(source_id: int) -> SyncSource:
    source = db.session.get(SyncSource, source_id)
    if source is None or not source.can_manage(current_user):
        abort(404)
    return source


@blp.route("/sources", methods=["GET"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403)
@blp.response(200, SourceOutputSchema(many=True))
@requires(may_manage_sources)
def list_sources():
    """The sources of the partners you administer (all of them for platform admins)."""
    return list(db.session.scalars(sa.select(SyncSource).where(SyncSource.managed_by(current_user))
                                   .order_by(SyncSource.slug)))


@blp.route("/sources/<int:source_id>/runs", methods=["GET"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, RunOutputSchema(many=True))
@requires(may_manage_sources)
def list_runs(source_id: int):
    """The source's sync log: its last 50 runs, newest first."""
    source = _source_or_404(source_id)
    return list(db.session.scalars(sa.select(SyncRun).where(SyncRun.source_id == source.id)
                                   .order_by(SyncRun.started_dt.desc(), SyncRun.id.desc()).limit(50)))


@blp.route("/sources/<int:source_id>/run", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(202, QueuedSchema)
@requires(may_manage_sources)
def start_run(source_id: int):
    """Queue a run of the source; its result appears in the log."""
    source = _source_or_404(source_id)
    source_id = source.id
    db.session.commit()
    tasks.interop_run_sync(source_id, "ui")
    return {"source": source_id, "queued": True}
