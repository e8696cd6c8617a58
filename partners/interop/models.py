"""Sync sources registered by partner admins, what each run did, the records it keeps, and pending changes.

A `SyncSource` is a remote catalogue (a YesWiki Bazar form, a SemApps LDP container) read by a connector.
Each remote item becomes one resource through a `SyncRecord` that keeps the external id, so a re-run never
duplicates. When a resource was edited locally after the last sync and the remote item changed too, the remote
version waits as a `PendingChange` until an editor accepts or refuses it.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Partner, Role, User
from app.db import TimestampMixin, UTCDateTime, db, utcnow
from commons.models import Resource


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class RunStatus(enum.StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class PendingStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class SyncSource(TimestampMixin, db.Model):
    """A remote catalogue imported into one partner's resources."""

    __tablename__ = "interop_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: short identifier used by `flask sync run <slug>`
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    #: key of the connector registry: "yeswiki" or "semapps"
    connector: Mapped[str] = mapped_column(sa.String(20))
    #: YesWiki: the wiki's base URL; SemApps: the LDP container URL
    url: Mapped[str] = mapped_column(sa.String(500))
    #: YesWiki Bazar form id (empty for SemApps)
    form_id: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    #: partner owning the imported resources
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    #: field and taxonomy mapping (see connectors), edited on the mapping page
    mapping: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: minutes between scheduled runs; 0 = only by hand
    interval_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: whose rights the imports use (a partner admin or editor); the run fails if they lost them
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    last_run_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<SyncSource {self.slug}>"

    def can_manage(self, user) -> bool:
        """Partner admins of the owning partner, and platform admins."""
        return bool(user and user.is_authenticated and user.has_role(self.partner_id, {Role.ADMIN}))

    @classmethod
    def managed_by(cls, user) -> sa.ColumnElement[bool]:
        if user is None or not user.is_authenticated:
            return sa.false()
        if user.is_platform_admin:
            return sa.true()
        return cls.partner_id.in_(user.partner_ids({Role.ADMIN}) or {-1})

    def is_due(self, now: datetime | None = None) -> bool:
        if not self.is_active or self.interval_minutes <= 0:
            return False
        if self.last_run_dt is None:
            return True
        return (now or utcnow()) >= self.last_run_dt + timedelta(minutes=self.interval_minutes)


class SyncRun(db.Model):
    """One run of a source: when, how it ended, what it did, and why it failed if it did."""

    __tablename__ = "interop_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("interop_sources.id", ondelete="CASCADE"), index=True)
    started_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.RUNNING)
    #: "cli", "schedule", "ui"
    trigger: Mapped[str] = mapped_column(sa.String(20), default="ui")
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    archived: Mapped[int] = mapped_column(default=0)
    pending: Mapped[int] = mapped_column(default=0)
    #: for people: the error that aborted the run, or a one-line summary
    message: Mapped[str] = mapped_column(sa.Text, default="")

    source: Mapped[SyncSource] = relationship()


class SyncRecord(db.Model):
    """The link between a remote item and the resource made from it."""

    __tablename__ = "interop_records"
    __table_args__ = (sa.UniqueConstraint("source_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("interop_sources.id", ondelete="CASCADE"), index=True)
    #: YesWiki id_fiche, or the item's IRI
    external_id: Mapped[str] = mapped_column(sa.String(500))
    resource_id: Mapped[int] = mapped_column(sa.ForeignKey("resources.id", ondelete="CASCADE"), index=True)
    #: the remote modification stamp as the remote wrote it (date_maj_fiche, dc:modified)
    remote_updated: Mapped[str] = mapped_column(sa.String(40), default="")
    #: hash of the mapped remote content last applied or proposed, to see real changes
    content_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    #: the resource's version right after the sync wrote it; a higher version means a local edit
    synced_version: Mapped[int] = mapped_column(default=1)
    #: the remote item disappeared; the resource was archived
    is_removed: Mapped[bool] = mapped_column(default=False)

    source: Mapped[SyncSource] = relationship()
    resource: Mapped[Resource] = relationship()


class PendingChange(db.Model):
    """A remote change held back because the resource was edited locally; an editor decides."""

    __tablename__ = "interop_pending_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(sa.ForeignKey("interop_records.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interop_runs.id", ondelete="SET NULL"))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the update as commons.service.update_resource takes it (ids), applied on acceptance
    data: Mapped[dict] = mapped_column(sa.JSON)
    #: readable remote values (slugs), shown beside the local ones
    preview: Mapped[dict] = mapped_column(sa.JSON)
    remote_updated: Mapped[str] = mapped_column(sa.String(40), default="")
    content_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    status: Mapped[PendingStatus] = mapped_column(_enum(PendingStatus), default=PendingStatus.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    record: Mapped[SyncRecord] = relationship()
