"""Usage events and feedback: recording, statistics by month, partner and resource, CSV, ratings.

How other packages feed the statistics (they sit above or below observatory in the layers):
- Packages *below* observatory in design.md's order (partners) call `record_usage(...)` directly.
- Packages *above* it (commons, courses, paths) must not import observatory, so they send the named blinker
  signal `terreau.usage` (`blinker.signal(USAGE_SIGNAL).send(sender, kind=..., ...)`) with the keyword
  arguments of `record_usage`; observatory connects `record_usage` to it at start-up. A package may also expose
  its own signal, which observatory then connects to in `register()`.
- The commons' resource pages and attachment downloads are recorded by an `after_request` hook that reads the
  endpoint the request was served by, so commons needs no change.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import sqlalchemy as sa
from blinker import signal
from flask import Flask, request
from flask_login import current_user

from app.accounts.models import Partner
from app.db import db, utcnow
from commons.models import Attachment, Resource
from observatory.models import UsageEvent, UsageKind

#: the named signal any package may send to record a usage event (see the module docstring)
USAGE_SIGNAL = "terreau.usage"
usage_signal = signal(USAGE_SIGNAL)


def record_usage(kind: UsageKind | str, *, source: str, resource_id: int | None = None,
                 partner_id: int | None = None, subject: str = "", user_id: int | None = None,
                 occurred_dt: datetime | None = None, dedupe_key: str | None = None) -> UsageEvent | None:
    """Add one usage event (flushed, not committed). With `dedupe_key`, a key already recorded adds nothing.

    The partner defaults to the resource's owner, so events from any source group by partner.
    """
    kind = UsageKind(kind)
    occurred_dt = occurred_dt or utcnow()
    if dedupe_key is not None and db.session.scalar(
            sa.select(UsageEvent.id).where(UsageEvent.dedupe_key == dedupe_key)) is not None:
        return None
    if partner_id is None and resource_id is not None:
        partner_id = db.session.scalar(sa.select(Resource.owner_partner_id).where(Resource.id == resource_id))
    event = UsageEvent(kind=kind, source=source, resource_id=resource_id, partner_id=partner_id,
                       subject=subject[:60], user_id=user_id, occurred_dt=occurred_dt,
                       month=occurred_dt.strftime("%Y-%m"), dedupe_key=dedupe_key)
    db.session.add(event)
    db.session.flush()
    return event


def _from_signal(sender, **kwargs):
    kwargs.setdefault("source", str(sender)[:20])
    record_usage(kwargs.pop("kind"), **kwargs)


#: commons endpoints whose successful GET is a usage event
COMMONS_ENDPOINTS = {"commons.resource": UsageKind.VIEW, "commons.download_attachment": UsageKind.DOWNLOAD}


def _record_commons_usage(response):
    kind = COMMONS_ENDPOINTS.get(request.endpoint or "")
    if kind is None or request.method != "GET" or response.status_code != 200:
        return response
    args = request.view_args or {}
    resource_id = args.get("resource_id")
    if kind == UsageKind.DOWNLOAD:
        resource_id = db.session.scalar(sa.select(Attachment.resource_id)
                                        .where(Attachment.id == args.get("attachment_id")))
    user_id = current_user.id if current_user.is_authenticated else None
    try:
        record_usage(kind, source="commons", resource_id=resource_id, user_id=user_id)
        db.session.commit()
    except sa.exc.SQLAlchemyError:  # statistics never break a page
        db.session.rollback()
    return response


def init_usage(app: Flask) -> None:
    usage_signal.connect(_from_signal, weak=False)
    app.after_request(_record_commons_usage)


# Statistics ---------------------------------------------------------------------------------------------------

def _filters(partner_id: int | None, since: str | None, until: str | None) -> list:
    conditions = []
    if partner_id:
        conditions.append(UsageEvent.partner_id == partner_id)
    if since:
        conditions.append(UsageEvent.month >= since)
    if until:
        conditions.append(UsageEvent.month <= until)
    return conditions


def by_month(partner_id=None, since=None, until=None) -> dict[str, dict[str, int]]:
    """{month: {kind: count}} for the months that had events, oldest first."""
    rows = db.session.execute(
        sa.select(UsageEvent.month, UsageEvent.kind, sa.func.count())
        .where(*_filters(partner_id, since, until)).group_by(UsageEvent.month, UsageEvent.kind)
        .order_by(UsageEvent.month))
    table: dict[str, dict[str, int]] = {}
    for month, kind, count in rows:
        table.setdefault(month, {})[UsageKind(kind).value] = count
    return table


def by_partner(since=None, until=None) -> list[tuple[str, dict[str, int]]]:
    """[(partner short name, {kind: count})], by name; events are grouped first, names joined after."""
    counts = (sa.select(UsageEvent.partner_id, UsageEvent.kind, sa.func.count().label("n"))
              .where(UsageEvent.partner_id.is_not(None), *_filters(None, since, until))
              .group_by(UsageEvent.partner_id, UsageEvent.kind).subquery())
    rows = db.session.execute(sa.select(Partner.short_name, counts.c.kind, counts.c.n)
                              .join(counts, counts.c.partner_id == Partner.id).order_by(Partner.short_name))
    table: dict[str, dict[str, int]] = {}
    for name, kind, count in rows:
        table.setdefault(name, {})[UsageKind(kind).value] = count
    return list(table.items())


def top_resources(user, partner_id=None, since=None, until=None, limit=10) -> list[dict]:
    """The most used resources the user may see, with their count per kind."""
    counts = (sa.select(UsageEvent.resource_id, sa.func.count().label("total"),
                        *[sa.func.sum(sa.case((UsageEvent.kind == kind, 1), else_=0)).label(kind.value)
                          for kind in UsageKind])
              .where(UsageEvent.resource_id.is_not(None), *_filters(partner_id, since, until))
              .group_by(UsageEvent.resource_id).subquery())
    rows = db.session.execute(
        sa.select(Resource.id, Resource.title, counts.c.total, *[counts.c[kind.value] for kind in UsageKind])
        .join(counts, counts.c.resource_id == Resource.id).where(Resource.visible_to(user))
        .order_by(counts.c.total.desc(), Resource.title).limit(limit))
    return [dict(row._mapping) for row in rows]


def uses_per_resource(kinds, since_dt: datetime) -> sa.Select:
    """A query of (resource_id, uses): each resource's events of these kinds since `since_dt`, for a higher package
    to join with its own list (a partner portal's "most used" resources)."""
    return (sa.select(UsageEvent.resource_id.label("resource_id"), sa.func.count().label("uses"))
            .where(UsageEvent.resource_id.is_not(None), UsageEvent.kind.in_([UsageKind(kind) for kind in kinds]),
                   UsageEvent.occurred_dt >= since_dt)
            .group_by(UsageEvent.resource_id))


def usage_csv(user, partner_id=None, since=None, until=None) -> str:
    """Counts per month, partner, resource and kind (resources the user may not see are not named)."""
    rows = db.session.execute(
        sa.select(UsageEvent.month, UsageEvent.partner_id, UsageEvent.resource_id, UsageEvent.kind, sa.func.count())
        .where(*_filters(partner_id, since, until))
        .group_by(UsageEvent.month, UsageEvent.partner_id, UsageEvent.resource_id, UsageEvent.kind)
        .order_by(UsageEvent.month, UsageEvent.partner_id, UsageEvent.resource_id, UsageEvent.kind))
    partners = dict(db.session.execute(sa.select(Partner.id, Partner.short_name)).all())
    titles = dict(db.session.execute(sa.select(Resource.id, Resource.title).where(Resource.visible_to(user))).all())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["mois", "partenaire", "ressource_id", "ressource", "type", "nombre"])
    for month, partner, resource_id, kind, count in rows:
        title = titles.get(resource_id)  # resources the user may not see stay unnamed
        writer.writerow([month, partners.get(partner, ""), resource_id if title is not None else "", title or "",
                         UsageKind(kind).value, count])
    return out.getvalue()


def can_see_statistics(user) -> bool:
    """Usage statistics are shared between partners: their editors and admins, and researchers."""
    return bool(user and user.is_authenticated and (user.is_contributor or user.is_researcher))
