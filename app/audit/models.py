"""One row per administrative action; labels are copied so the journal still reads after deletions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UTCDateTime, db, utcnow


class AuditEvent(db.Model):
    """Something an administrator did: never edited, never deleted with what it is about."""

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_partner_created", "partner_id", "created_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: when it happened
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False, index=True)
    #: who did it (None once their account is deleted, or for commands and jobs)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: who did it, as shown at the time ("Alex Admin <alex@hls.org>"), kept when the account goes
    actor_label: Mapped[str] = mapped_column(sa.String(600))
    #: what was done, a dotted name such as `membership.role_changed`
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    #: kind of object acted on (`membership`, `partner_design`, `sync_source`, `resource`, …)
    target_type: Mapped[str] = mapped_column(sa.String(40))
    target_id: Mapped[int | None]
    #: the object as named at the time, kept when it is deleted
    target_label: Mapped[str] = mapped_column(sa.String(300), default="")
    #: partner the object belongs to, so its admins see the event (None: platform-wide)
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="SET NULL"))
    #: what changed: {"role": {"before": "learner", "after": "editor"}} and other facts
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: address the request came from (through ProxyFix behind a proxy)
    ip: Mapped[str | None] = mapped_column(sa.String(45))

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.target_type}:{self.target_id}>"
