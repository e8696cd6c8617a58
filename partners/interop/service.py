"""Sync operations: registering sources, running a sync, deciding on pending changes. They flush; callers commit.

A run reads everything it needs from the remote first; only then does it write, through commons.service, so
every change is a normal revision. Any error — remote (timeout, HTML page, malformed or partial JSON) or local
(the importing account lost its rights) — rolls the whole run back and leaves a failed run in the log instead.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from marshmallow import ValidationError

from app import audit
from app.accounts.models import EDITING_ROLES
from app.db import db, utcnow
from commons import service as commons
from commons.models import Resource, Status, Visibility
from partners.interop.connectors import RemoteError, get_connector
from partners.interop.mapping import Resolver, complete_mapping, digest
from partners.interop.models import PendingChange, PendingStatus, RunStatus, SyncRecord, SyncRun, SyncSource


class SyncError(Exception):
    """A run cannot proceed for a local reason; the message is for the sync log."""


# Sources -------------------------------------------------------------------------------------------------------

def unique_slug(name: str) -> str:
    """`Wiki des Oasis` → `wiki-des-oasis` (then `-2`, `-3`… when taken), for `flask sync run <slug>`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50] or "source"
    slug, n = base, 1
    while db.session.scalar(sa.select(SyncSource.id).where(SyncSource.slug == slug)):
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_source(data: dict, user) -> SyncSource:
    source = SyncSource(slug=unique_slug(data["name"]), name=data["name"].strip(), connector=data["connector"],
                        url=data["url"].strip(), form_id=(data.get("form_id") or "").strip(),
                        partner_id=data["partner_id"], interval_minutes=data.get("interval_minutes", 0),
                        created_by_id=user.id, mapping={})
    db.session.add(source)
    db.session.flush()
    audit.record("sync_source.created", source, actor=user, connector=source.connector, url=source.url,
                 form_id=source.form_id, interval_minutes=source.interval_minutes)
    return source


def refresh_mapping(source: SyncSource) -> list:
    """Ask the remote for its fields and complete the mapping with automatic matches; returns the fields."""
    connector = get_connector(source.connector)
    fields = connector.fields(source)
    mapping = source.mapping or connector.default_mapping(fields)
    source.mapping = complete_mapping(mapping, fields)
    db.session.flush()
    return fields


def _settings(source: SyncSource) -> dict:
    """What an admin sets on a source, one entry per mapped field, so the journal shows only what moved."""
    settings = {f"mapping.{key}": value for key, value in (source.mapping or {}).items()}
    return {**settings, "interval_minutes": source.interval_minutes}


def save_mapping(source: SyncSource, mapping: dict, fields: list, interval_minutes: int | None = None) -> None:
    """Keep the mapping an admin checked (and how often the source syncs); what changed goes to the journal."""
    before = _settings(source)
    source.mapping = complete_mapping(mapping, fields)
    if interval_minutes is not None:
        source.interval_minutes = interval_minutes
    db.session.flush()
    changed = audit.changes(before, _settings(source))
    if changed:
        audit.record("sync_source.changed", source, **changed)


# Runs ----------------------------------------------------------------------------------------------------------

def run_source(source: SyncSource, trigger: str = "ui") -> SyncRun:
    """Synchronise one source; returns its run, succeeded or failed (nothing written but the run when failed)."""
    source_id, started = source.id, utcnow()
    try:
        return _run(source, started, trigger)
    except (RemoteError, SyncError, ValidationError, commons.NotAllowed, commons.Conflict,
            sa.exc.IntegrityError) as error:
        db.session.rollback()
        message = _failure_message(error)
        source = db.session.get(SyncSource, source_id)
        run = SyncRun(source_id=source_id, started_dt=started, finished_dt=utcnow(), status=RunStatus.FAILED,
                      trigger=trigger, message=f"Import annulé, rien n'a été modifié. {message}")
        source.last_run_dt = utcnow()
        db.session.add(run)
        db.session.flush()
        return run


def _failure_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return f"Données refusées : {error.messages}"
    if isinstance(error, sa.exc.IntegrityError):  # two runs of one source raced to create the same entry
        return "Une autre synchronisation de cette source écrivait en même temps ; relancez-la."
    return str(error)


def _acting_user(source: SyncSource):
    user = source.created_by
    if user is None or not user.is_active or not user.has_role(source.partner_id, EDITING_ROLES):
        raise SyncError("Le compte qui a créé cette source ne peut plus publier pour ce partenaire ; "
                        "un·e administrateur·rice du partenaire doit reprendre la source.")
    return user


def _run(source: SyncSource, started, trigger: str) -> SyncRun:
    user = _acting_user(source)
    if not source.mapping:  # never mapped on the pages (a CLI or scheduled first run): the automatic mapping
        refresh_mapping(source)
    records = {r.external_id: r for r in db.session.scalars(sa.select(SyncRecord)
                                                               .where(SyncRecord.source_id == source.id))}
    known = {ext: r.remote_updated for ext, r in records.items() if not r.is_removed}
    listing = get_connector(source.connector).listing(source, known)  # every remote read happens here
    resolver = Resolver(source)
    prepared = {ext: resolver.preview(item) for ext, item in listing.items.items() if item.is_published}
    present = {ext for ext in listing.stamps if ext not in listing.items or listing.items[ext].is_published}

    run = SyncRun(source_id=source.id, started_dt=started, status=RunStatus.RUNNING, trigger=trigger)
    db.session.add(run)
    db.session.flush()
    for ext in sorted(present):
        if ext not in prepared:
            run.unchanged += 1
            continue
        stamp = listing.stamps[ext]
        if ext not in records:
            _create(source, ext, stamp, prepared[ext], resolver, user, run)
        else:
            _update(records[ext], stamp, prepared[ext], resolver, user, run)
    for ext, record in records.items():
        if ext not in present and not record.is_removed:
            _archive(record, user, run)
    run.status = RunStatus.SUCCEEDED
    run.finished_dt = source.last_run_dt = utcnow()
    run.message = (f"{run.created} créée(s), {run.updated} mise(s) à jour, {run.archived} archivée(s), "
                   f"{run.pending} en attente de décision, {run.unchanged} inchangée(s).")
    db.session.flush()
    return run


def _write_data(resolver: Resolver, preview: dict, comment: str) -> dict:
    data = resolver.data(preview)
    return {**data, "visibility": Visibility(data["visibility"]), "comment": comment}


def _create(source, ext, stamp, preview, resolver, user, run) -> None:
    resource = commons.create_resource(_write_data(resolver, preview, f"Import depuis {source.name}"), user)
    commons.change_status(resource, Status.PUBLISHED, user, f"Publiée par l'import depuis {source.name}")
    db.session.add(SyncRecord(source_id=source.id, external_id=ext, resource_id=resource.id, remote_updated=stamp,
                              content_hash=digest(preview), synced_version=resource.version))
    run.created += 1


def _update(record: SyncRecord, stamp, preview, resolver, user, run) -> None:
    resource, source = record.resource, record.source
    in_sync = resource.version == record.synced_version
    if record.is_removed:  # the entry came back
        record.is_removed = False
        if resource.status == Status.ARCHIVED and not resource.is_deleted:
            commons.change_status(resource, Status.PUBLISHED, user, f"De retour dans {source.name}")
            if in_sync:
                record.synced_version = resource.version
    record.remote_updated = stamp
    new_hash = digest(preview)
    if new_hash == record.content_hash or resource.is_deleted:
        run.unchanged += 1
        return
    if resource.version != record.synced_version:
        _hold_back(record, stamp, preview, resolver, run)
        return
    commons.update_resource(resource, _write_data(resolver, preview, f"Mise à jour depuis {source.name}"), user)
    record.synced_version, record.content_hash = resource.version, new_hash
    run.updated += 1


def _hold_back(record: SyncRecord, stamp, preview, resolver, run) -> None:
    """The resource was edited here since the last sync: keep the remote version for an editor to decide."""
    new_hash = digest(preview)
    change = db.session.scalar(sa.select(PendingChange).where(PendingChange.record_id == record.id,
                                                              PendingChange.status == PendingStatus.PENDING))
    if change is not None and change.content_hash == new_hash:
        run.unchanged += 1
        return
    if change is None:
        change = PendingChange(record_id=record.id)
        db.session.add(change)
    change.run_id, change.created_dt = run.id, utcnow()
    change.data, change.preview = resolver.data(preview), preview
    change.remote_updated, change.content_hash = stamp, new_hash
    run.pending += 1


def _archive(record: SyncRecord, user, run) -> None:
    resource = record.resource
    record.is_removed = True
    run.archived += 1
    if resource.is_deleted or resource.status != Status.PUBLISHED:
        return
    in_sync = resource.version == record.synced_version
    commons.change_status(resource, Status.ARCHIVED, user, f"Retirée de {record.source.name}")
    if in_sync:
        record.synced_version = resource.version


# Pending changes -----------------------------------------------------------------------------------------------

def pending_changes(user) -> sa.Select:
    """Pending changes on resources `user` may edit, oldest first."""
    return (sa.select(PendingChange).join(SyncRecord).join(Resource, Resource.id == SyncRecord.resource_id)
            .where(PendingChange.status == PendingStatus.PENDING, Resource.editable_by(user),
                   Resource.is_deleted.is_(False))
            .order_by(PendingChange.created_dt, PendingChange.id))


def accept_change(change: PendingChange, user) -> Resource:
    """Apply the remote version through commons.service: a normal revision, authored by the deciding editor."""
    record = change.record
    resource = record.resource
    data = {**change.data, "visibility": Visibility(change.data["visibility"]),
            "comment": f"Modification de {record.source.name} acceptée"}
    commons.update_resource(resource, data, user)
    record.synced_version, record.content_hash = resource.version, change.content_hash
    _decide(change, PendingStatus.ACCEPTED, user)
    return resource


def refuse_change(change: PendingChange, user) -> None:
    """Keep the local version; the same remote content will not be proposed again."""
    change.record.content_hash = change.content_hash
    _decide(change, PendingStatus.REFUSED, user)


def _decide(change: PendingChange, status: PendingStatus, user) -> None:
    change.status, change.decided_by_id, change.decided_dt = status, user.id, utcnow()
    db.session.flush()
