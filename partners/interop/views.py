"""Sync pages (French first): sources of a partner, their mapping with a preview, the sync log, pending changes.

Partner admins register and map sources of their partner (platform admins, any); editors decide on the
pending changes of resources they may edit.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from marshmallow import EXCLUDE

from app.accounts.models import Partner, Role
from app.db import db
from app.http import load_form, paginate
from app.templating import add_account_link
from commons.models import Visibility
from partners.interop import service, tasks
from partners.interop.connectors import REGISTRY, RemoteError, get_connector
from partners.interop.connectors.http import check_url
from partners.interop.mapping import VOCABULARIES, Resolver, active_terms
from partners.interop.models import PendingChange, PendingStatus, SyncRecord, SyncRun, SyncSource
from partners.interop.schemas import MappingInputSchema, SourceInputSchema

bp = Blueprint("interop", __name__, template_folder="templates", static_folder="static",
               url_prefix="/partenaires/synchronisation")

VISIBILITY_LABELS = {Visibility.PUBLIC.value: _l("Publique"), Visibility.COMMONS.value: _l("Commun des réseaux"),
                     Visibility.PARTNER.value: _l("Réservée au partenaire")}
RUN_LABELS = {"running": _l("en cours"), "succeeded": _l("réussie"), "failed": _l("échouée")}
TRIGGER_LABELS = {"ui": _l("à la main"), "cli": _l("en ligne de commande"), "schedule": _l("planifiée")}


def _me():
    return current_user._get_current_object()


def _admin_partners(user) -> list[Partner]:
    query = sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)
    if not user.is_platform_admin:
        query = query.where(Partner.id.in_(user.partner_ids({Role.ADMIN}) or {-1}))
    return list(db.session.scalars(query))


def _may_manage_sources(user) -> bool:
    return user.is_authenticated and (user.is_platform_admin or bool(user.partner_ids({Role.ADMIN})))


def _require_manager() -> None:
    if not _may_manage_sources(current_user):
        abort(403)


def _source_or_404(source_id: int) -> SyncSource:
    source = db.session.get(SyncSource, source_id)
    if source is None or not source.can_manage(_me()):
        abort(404)
    return source


@bp.record_once
def _links(state):
    add_account_link(state.app, _l("Synchronisation YesWiki et SemApps"), "interop.sources", 60,
                     show=_may_manage_sources)
    add_account_link(state.app, _l("Modifications distantes à examiner"), "interop.pending", 61,
                     show=lambda user: user.is_contributor)


# Sources -------------------------------------------------------------------------------------------------------

@bp.get("/")
@login_required
def sources():
    _require_manager()
    listed = list(db.session.scalars(sa.select(SyncSource).where(SyncSource.managed_by(_me()))
                                     .order_by(SyncSource.name)))
    last_runs = {}
    for source in listed:
        last_runs[source.id] = db.session.scalar(sa.select(SyncRun).where(SyncRun.source_id == source.id)
                                                 .order_by(SyncRun.started_dt.desc(), SyncRun.id.desc()).limit(1))
    counts = dict(db.session.execute(sa.select(SyncRecord.source_id, sa.func.count()).where(
        SyncRecord.source_id.in_([s.id for s in listed] or [-1]), SyncRecord.is_removed.is_(False))
        .group_by(SyncRecord.source_id)).all())
    return render_template("interop/sources.html", sources=listed, last_runs=last_runs, counts=counts,
                           connectors=REGISTRY, run_labels=RUN_LABELS)


def _render_source_form(form=None, errors=None, status: int = 200):
    partners = _admin_partners(_me())
    return render_template("interop/source_form.html", form=form or {"connector": "yeswiki", "form_id": "1"},
                           errors=errors or {}, partner_options=[(p.id, p.name) for p in partners],
                           connector_options=[(key, c.label) for key, c in REGISTRY.items()]), status


@bp.route("/nouvelle", methods=["GET", "POST"])
@login_required
def new_source():
    _require_manager()
    if request.method == "GET":
        return _render_source_form()
    data, errors = load_form(SourceInputSchema())
    if data is not None and data["partner_id"] not in {p.id for p in _admin_partners(_me())}:
        errors = {"partner_id": [_("Vous n'administrez pas ce partenaire.")]}
    elif data is not None:
        try:
            check_url(data["url"])
        except RemoteError as error:
            errors = {"url": [str(error)]}
    if errors:
        return _render_source_form(request.form, errors, 422)
    source = service.create_source(data, _me())
    db.session.commit()
    flash(_("Source « %(name)s » enregistrée : vérifiez la correspondance des champs.", name=source.name), "success")
    return redirect(url_for("interop.mapping", source_id=source.id))


@bp.get("/<int:source_id>")
@login_required
def source(source_id: int):
    """The source and its sync log, newest run first."""
    found = _source_or_404(source_id)
    runs = paginate(sa.select(SyncRun).where(SyncRun.source_id == found.id)
                    .order_by(SyncRun.started_dt.desc(), SyncRun.id.desc()), request.args.get("page", 1, type=int), 20)
    records = db.session.scalar(sa.select(sa.func.count()).where(SyncRecord.source_id == found.id,
                                                                  SyncRecord.is_removed.is_(False)))
    pending = db.session.scalar(sa.select(sa.func.count()).select_from(PendingChange).join(SyncRecord).where(
        SyncRecord.source_id == found.id, PendingChange.status == PendingStatus.PENDING))
    return render_template("interop/source.html", source=found, runs=runs, records=records, pending=pending,
                           connector=get_connector(found.connector), run_labels=RUN_LABELS,
                           trigger_labels=TRIGGER_LABELS,
                           page_url=lambda n: url_for("interop.source", source_id=found.id, page=n))


@bp.post("/<int:source_id>/lancer")
@login_required
def run_now(source_id: int):
    found = _source_or_404(source_id)
    tasks.interop_run_sync(found.id, "ui")
    db.session.commit()
    flash(_("Synchronisation lancée : le journal ci-dessous montre son résultat dès qu'elle est terminée."), "success")
    return redirect(url_for("interop.source", source_id=found.id))


# Mapping -------------------------------------------------------------------------------------------------------

def _mapping_from_form(data: dict) -> dict:
    mapping = {key: value for key, value in data.items() if key != "interval_minutes"}
    for _field_key, map_key, _model in VOCABULARIES.values():
        prefix = map_key + "."
        mapping[map_key] = {key[len(prefix):]: value for key, value in request.form.items()
                            if key.startswith(prefix) and value}
    return mapping


@bp.route("/<int:source_id>/correspondances", methods=["GET", "POST"])
@login_required
def mapping(source_id: int):
    """Remote fields → resource fields and taxonomy, with the first entries read through the mapping."""
    found = _source_or_404(source_id)
    errors, remote_error, fields, preview = {}, None, [], []
    try:
        fields = service.refresh_mapping(found)
    except RemoteError as error:
        remote_error = str(error)
    if request.method == "POST" and remote_error is None:
        data, errors = load_form(MappingInputSchema(), unknown=EXCLUDE)
        if data is not None:
            service.save_mapping(found, _mapping_from_form(data), fields, data["interval_minutes"])
            db.session.commit()
            flash(_("Correspondance enregistrée."), "success")
            return redirect(url_for("interop.mapping", source_id=found.id))
    if remote_error is None:
        try:
            resolver = Resolver(found)
            preview = [(item, resolver.preview(item)) for item in get_connector(found.connector).preview(found)]
        except RemoteError as error:
            remote_error = str(error)
    db.session.commit()  # the completed automatic matches are kept
    terms = {name: active_terms(model) for name, (_f, _m, model) in VOCABULARIES.items()}
    return render_template("interop/mapping.html", source=found, fields=fields, preview=preview, errors=errors,
                           remote_error=remote_error, terms=terms, mapping=found.mapping or {},
                           visibility_labels=VISIBILITY_LABELS, connector=get_connector(found.connector),
                           vocabularies=VOCABULARIES), (422 if errors else 200)


# Pending changes -----------------------------------------------------------------------------------------------

@bp.get("/modifications")
@login_required
def pending():
    """Remote changes held back because the resource was edited here, for editors of those resources."""
    if not current_user.is_contributor:
        abort(403)
    changes = paginate(service.pending_changes(_me()), request.args.get("page", 1, type=int), 20)
    return render_template("interop/pending.html", changes=changes,
                           page_url=lambda n: url_for("interop.pending", page=n))


def _change_or_404(change_id: int) -> PendingChange:
    change = db.session.get(PendingChange, change_id)
    if change is None or change.status != PendingStatus.PENDING or not change.record.resource.can_edit(_me()) \
            or change.record.resource.is_deleted:
        abort(404)
    return change


@bp.post("/modifications/<int:change_id>/accepter")
@login_required
def accept(change_id: int):
    change = _change_or_404(change_id)
    resource = service.accept_change(change, _me())
    db.session.commit()
    flash(_("Modification acceptée : « %(title)s » a une nouvelle révision.", title=resource.title), "success")
    return redirect(url_for("interop.pending"))


@bp.post("/modifications/<int:change_id>/refuser")
@login_required
def refuse(change_id: int):
    change = _change_or_404(change_id)
    service.refuse_change(change, _me())
    db.session.commit()
    flash(_("Modification refusée : la version locale est conservée."), "success")
    return redirect(url_for("interop.pending"))
