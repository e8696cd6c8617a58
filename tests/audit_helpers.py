"""Reading the audit journal back in tests: the events of one action, as the journal stored them."""

from __future__ import annotations

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.db import db


def events(action: str) -> list[AuditEvent]:
    """The journal's events of `action`, oldest first, read fresh from the database."""
    db.session.expire_all()
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)))


def only_event(action: str) -> AuditEvent:
    """The single event of `action`; fails when there is none or several."""
    found = events(action)
    assert len(found) == 1, f"{len(found)} events {action}"
    return found[0]
