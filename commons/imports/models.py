"""An import of a spreadsheet (its rows, mapping, decisions and outcome) and the keys that make re-imports update."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Partner, User
from app.db import TimestampMixin, UTCDateTime, db


class ImportStatus(enum.StrEnum):
    """Where an import stands: the steps an editor goes through, then the job."""

    UPLOADED = "uploaded"  #: read, waiting for its column mapping
    MAPPED = "mapped"  #: mapping (and taxonomy decisions) given, ready for a dry run
    QUEUED = "queued"  #: the job is waiting for a worker
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  #: aborted on a problem: nothing was written


class ResourceImport(TimestampMixin, db.Model):
    """One spreadsheet being imported under a partner."""

    __tablename__ = "resource_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: cleaned name of the uploaded file, for display only
    filename: Mapped[str] = mapped_column(sa.String(255))
    #: generated path of the stored file, relative to the instance's imports folder
    storage_key: Mapped[str] = mapped_column(sa.String(100))
    #: csv, ods or xlsx, found by sniffing the content
    file_format: Mapped[str] = mapped_column(sa.String(10))
    #: the header row and the data rows as text, read once at upload
    sheet: Mapped[dict] = mapped_column(sa.JSON)
    #: column header -> resource field
    mapping: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: default kind, status of the new resources
    options: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: vocabulary -> {normalised unknown value: term id, or None to ignore it}
    decisions: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[str] = mapped_column(sa.String(20), default=ImportStatus.UPLOADED.value)
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    #: what stopped the import: [{"row": 12, "column": "Type", "message": "..."}]
    problems: Mapped[list] = mapped_column(sa.JSON, default=list)
    finished_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def headers(self) -> list[str]:
        return self.sheet["headers"]

    @property
    def rows(self) -> list[list[str]]:
        return self.sheet["rows"]

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    def can_manage(self, user) -> bool:
        """Platform admins, and editors and admins of the partner the sheet is imported under."""
        if user is None or not user.is_authenticated:
            return False
        from app.accounts.models import EDITING_ROLES

        return user.is_platform_admin or user.has_role(self.partner_id, EDITING_ROLES)


class ImportKey(db.Model):
    """The resource made from a key of a partner's sheets: importing the key again updates that resource."""

    __tablename__ = "resource_import_keys"
    __table_args__ = (sa.UniqueConstraint("partner_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"))
    #: the value of the key column, trimmed
    key: Mapped[str] = mapped_column(sa.String(200))
    resource_id: Mapped[int] = mapped_column(sa.ForeignKey("resources.id", ondelete="CASCADE"), index=True)
