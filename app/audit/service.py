"""Recording administrative actions and reading them back, filtered by what the reader may see."""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.models import Partner, Role
from app.audit.models import AuditEvent
from app.db import db

#: every action the journal knows, with how the journal names it
ACTION_LABELS = {
    "membership.role_changed": _l("Rôle d'un membre changé"),
    "membership.removed": _l("Membre retiré"),
    "invitation.created": _l("Invitation envoyée"),
    "invitation.revoked": _l("Invitation annulée"),
    "invitation.accepted": _l("Invitation acceptée"),
    "user.platform_admin_granted": _l("Administration de la plateforme accordée"),
    "partner.onboarded": _l("Partenaire accueilli"),
    "partner_design.changed": _l("Apparence modifiée"),
    "partner_design.logo_changed": _l("Logo changé"),
    "partner_design.integrations_changed": _l("Intégrations modifiées (sites autorisés, portail)"),
    "sync_source.created": _l("Source de synchronisation créée"),
    "sync_source.changed": _l("Source de synchronisation modifiée"),
    "resource.trashed": _l("Ressource mise à la corbeille"),
    "resource.restored": _l("Ressource restaurée"),
    "taxonomy.term_created": _l("Terme de taxonomie créé"),
    "taxonomy.term_changed": _l("Terme de taxonomie modifié"),
    "taxonomy.term_retired": _l("Terme de taxonomie retiré"),
    "taxonomy.term_reactivated": _l("Terme de taxonomie réactivé"),
    "course.deleted": _l("Parcours supprimé"),
    "course.restored": _l("Parcours restauré"),
    "session.deleted": _l("Session supprimée"),
}

SYSTEM_ACTOR = "système"
_LABEL_ATTRIBUTES = ("title", "name", "label_fr", "label", "email", "slug")


def _plain(value):
    """A value the JSON column can keep: enums by value, dates in ISO, sets and tuples as sorted lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        value = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def changes(before: dict, after: dict) -> dict:
    """{field: {"before": …, "after": …}} for the fields whose value differs."""
    return {key: {"before": _plain(before.get(key)), "after": _plain(after.get(key))}
            for key in after if _plain(before.get(key)) != _plain(after.get(key))}


def _target_type(target) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(target).__name__).lower()


def _label_of(target) -> str:
    for attribute in _LABEL_ATTRIBUTES:
        value = getattr(target, attribute, None)
        if isinstance(value, str) and value:
            return value
    return f"{_target_type(target)} {getattr(target, 'id', '')}".strip()


def user_label(user) -> str:
    return f"{user.name} <{user.email}>"


def _actor(actor) -> tuple[int | None, str, str | None]:
    """Who acts (the given user, else the signed-in one, else the system) and from which address."""
    ip = request.remote_addr if has_request_context() else None
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user
    if actor is None:
        return None, SYSTEM_ACTOR, ip
    return actor.id, user_label(actor), ip


def record(action: str, target, partner=None, target_label: str | None = None, actor=None,
           **details) -> AuditEvent:
    """Journal `action` done by `actor` (by default the signed-in user) on `target` (a model, flushed so it has an
    id), named `target_label` (by default its title, name or label); `partner` (object or id) says whose admins
    see it, by default the target's `partner_id`. Joins the request's transaction: kept exactly when the change
    is."""
    partner_id = partner.id if isinstance(partner, Partner) else partner
    if partner_id is None:
        partner_id = getattr(target, "partner_id", None)
    actor_id, actor_label, ip = _actor(actor)
    event = AuditEvent(actor_id=actor_id, actor_label=actor_label[:600], action=action,
                       target_type=_target_type(target), target_id=getattr(target, "id", None),
                       target_label=(target_label or _label_of(target))[:300], partner_id=partner_id,
                       details=_plain(details), ip=ip)
    db.session.add(event)
    db.session.flush()
    return event


# Reading the journal ------------------------------------------------------------------------------------------

def visible_to(user):
    """The events `user` may read: all for platform admins, their partners' for partner admins, none else."""
    if user.is_platform_admin:
        return sa.true()
    partner_ids = user.partner_ids({Role.ADMIN})
    return AuditEvent.partner_id.in_(partner_ids) if partner_ids else sa.false()


def may_read_journal(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_platform_admin or user.partner_ids({Role.ADMIN})))


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def journal_query(user, filters: dict) -> sa.Select:
    """Events visible to `user`, newest first, narrowed by the validated filters (JournalFilterSchema)."""
    query = sa.select(AuditEvent).where(visible_to(user))
    if filters.get("action"):
        query = query.where(AuditEvent.action == filters["action"])
    if filters.get("partner") is not None:
        query = query.where(AuditEvent.partner_id == filters["partner"])
    if filters.get("actor"):
        query = query.where(AuditEvent.actor_label.icontains(filters["actor"], autoescape=True))
    if filters.get("since"):
        query = query.where(AuditEvent.created_dt >= _day_start(filters["since"]))
    if filters.get("until"):
        query = query.where(AuditEvent.created_dt < _day_start(filters["until"] + timedelta(days=1)))
    return query.order_by(AuditEvent.created_dt.desc(), AuditEvent.id.desc())


def readable_partners(user) -> list[Partner]:
    """Partners whose events `user` may filter on."""
    query = sa.select(Partner).order_by(Partner.name)
    if not user.is_platform_admin:
        query = query.where(Partner.id.in_(user.partner_ids({Role.ADMIN})))
    return list(db.session.scalars(query))
