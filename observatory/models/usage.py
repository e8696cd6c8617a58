"""Usage events (views, downloads, embed loads, completions…) and learners' ratings and comments.

Events are append-only rows, one per thing that happened, with the month precomputed so that statistics group
by a plain column on SQLite and PostgreSQL alike. A `dedupe_key` makes a producer's retries idempotent.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import TimestampMixin, UTCDateTime, db
from app.i18n import N_
from commons.models import Resource
from observatory.models.collectives import enum_column


class UsageKind(enum.StrEnum):
    VIEW = "view"
    DOWNLOAD = "download"
    EMBED_LOAD = "embed_load"
    COMPLETION = "completion"
    ENROLMENT = "enrolment"


USAGE_LABELS = {UsageKind.VIEW: N_("Consultations"), UsageKind.DOWNLOAD: N_("Téléchargements"),
                UsageKind.EMBED_LOAD: N_("Chargements intégrés"), UsageKind.COMPLETION: N_("Complétions"),
                UsageKind.ENROLMENT: N_("Inscriptions")}


class UsageEvent(db.Model):
    __tablename__ = "usage_events"
    #: covering indexes for the three groupings of the statistics: by month, by partner, by resource
    __table_args__ = (sa.Index("ix_usage_events_month_kind", "month", "kind"),
                      sa.Index("ix_usage_events_partner_kind", "partner_id", "kind", "month"),
                      sa.Index("ix_usage_events_resource_kind", "resource_id", "kind", "month"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[UsageKind] = mapped_column(enum_column(UsageKind))
    occurred_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    #: "YYYY-MM" of occurred_dt (UTC)
    month: Mapped[str] = mapped_column(sa.String(7))
    resource_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resources.id", ondelete="SET NULL"))
    #: the partner whose content was used (owner of the resource, of the course, of the embed)
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="SET NULL"))
    #: what else was used, as "type:id", e.g. "course:4", "session:2", "step:31"
    subject: Mapped[str] = mapped_column(sa.String(60), default="", server_default="")
    #: which package recorded it: commons, courses, paths, partners
    source: Mapped[str] = mapped_column(sa.String(20))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: a producer's own identifier of the event; the same key is recorded once
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(120), unique=True)


class CommentStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ResourceFeedback(TimestampMixin, db.Model):
    """A signed-in reader's rating (1–5) of a resource, with a comment moderated by the owner's editors."""

    __tablename__ = "resource_feedback"
    __table_args__ = (sa.UniqueConstraint("resource_id", "user_id"),
                      sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(sa.ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    rating: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    comment_status: Mapped[CommentStatus] = mapped_column(enum_column(CommentStatus),
                                                          default=CommentStatus.PENDING,
                                                          server_default=CommentStatus.PENDING.value, index=True)
    moderated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    resource: Mapped[Resource] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
