"""Learners in time: sessions of a course, enrolments with their progress summary, progress events, exports,
announcements and the e-mail outbox.

Dashboards read summaries (`Enrolment` for each learner, `SequenceProgress` for each learner and sequence),
which the progress service keeps up to date in the same transaction as the event; raw events are only read to
export them (xAPI).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Role, User
from app.db import TimestampMixin, UTCDateTime, db, utcnow
from courses.models import Course, Sequence, Step


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


session_facilitators = sa.Table(
    "session_facilitators", db.metadata,
    sa.Column("session_id", sa.ForeignKey("course_sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class CourseSession(TimestampMixin, db.Model):
    """A run of a course (a MOOC opening): enrolment window, opening and closing, release schedule."""

    __tablename__ = "course_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    enrol_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    enrol_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: after this date the session is an archive: readable, accepting no progress
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: most learners enrolled at once; none means no limit
    capacity: Mapped[int | None]

    course: Mapped[Course] = relationship(lazy="joined")
    facilitators: Mapped[list[User]] = relationship(secondary=session_facilitators, order_by=User.name)
    releases: Mapped[list[SequenceRelease]] = relationship(back_populates="session", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<CourseSession {self.id} {self.title!r}>"

    def is_archived(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) >= self.closes_at

    def is_enrolment_open(self, now: datetime | None = None) -> bool:
        return self.enrol_opens_at <= (now or utcnow()) < self.enrol_closes_at

    def release_date(self, sequence: Sequence) -> datetime:
        """When `sequence` opens in this session: its release (absolute, or days after opening), else opening."""
        for release in self.releases:
            if release.sequence_id == sequence.id:
                if release.opens_at is not None:
                    return release.opens_at
                return self.opens_at + timedelta(days=release.offset_days or 0)
        return self.opens_at

    def is_released(self, sequence: Sequence, now: datetime | None = None) -> bool:
        return self.release_date(sequence) <= (now or utcnow())

    def can_facilitate(self, user) -> bool:
        """Its facilitators, admins of the course's partner, platform admins."""
        if user is None or not user.is_authenticated:
            return False
        if user.is_platform_admin or user.has_role(self.course.owner_partner_id, {Role.ADMIN}):
            return True
        return any(f.id == user.id for f in self.facilitators)

    def can_manage(self, user) -> bool:
        """Editors and admins of the course's partner set sessions up."""
        return self.course.can_edit(user)

    def can_view(self, user) -> bool:
        """Whoever sees the course, its facilitators, and its learners: a course put back in draft (it cannot be
        deleted while it has learners) leaves its sessions open to the people enrolled."""
        if self.course.can_view(user) or self.can_facilitate(user):
            return True
        return user is not None and user.is_authenticated and db.session.scalar(
            sa.select(sa.func.count()).where(Enrolment.session_id == self.id, Enrolment.user_id == user.id,
                                             Enrolment.status == EnrolmentStatus.ACTIVE)) > 0


class SequenceRelease(db.Model):
    """When one sequence opens in one session: an absolute date, or a number of days after opening."""

    __tablename__ = "sequence_releases"
    __table_args__ = (sa.UniqueConstraint("session_id", "sequence_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"))
    sequence_id: Mapped[int] = mapped_column(sa.ForeignKey("sequences.id", ondelete="CASCADE"), index=True)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    offset_days: Mapped[int | None]

    session: Mapped[CourseSession] = relationship(back_populates="releases")


class EnrolmentStatus(enum.StrEnum):
    ACTIVE = "active"
    UNENROLLED = "unenrolled"


class Enrolment(TimestampMixin, db.Model):
    """A learner in a session, with the summary of their progress (kept up to date at each event)."""

    __tablename__ = "enrolments"
    __table_args__ = (
        sa.UniqueConstraint("session_id", "user_id"),
        sa.Index("ix_enrolments_session_activity", "session_id", "last_activity_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[EnrolmentStatus] = mapped_column(_enum(EnrolmentStatus), default=EnrolmentStatus.ACTIVE,
                                                    server_default=EnrolmentStatus.ACTIVE.value)
    #: how they came: self, invitation, csv
    source: Mapped[str] = mapped_column(sa.String(20), default="self", server_default="self")
    steps_done: Mapped[int] = mapped_column(default=0, server_default="0")
    #: the last step the learner opened
    last_step_id: Mapped[int | None] = mapped_column(sa.ForeignKey("steps.id", ondelete="SET NULL"))
    last_activity_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: random code of the attestation's public verification address
    attestation_code: Mapped[str | None] = mapped_column(sa.String(40), unique=True)

    session: Mapped[CourseSession] = relationship()
    user: Mapped[User] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.status == EnrolmentStatus.ACTIVE


class StepProgress(db.Model):
    """One learner on one step: when opened, the video segments played, when done."""

    __tablename__ = "step_progress"
    __table_args__ = (sa.UniqueConstraint("enrolment_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(sa.ForeignKey("enrolments.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(sa.ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    first_opened_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_opened_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: merged [start, end] intervals of the video actually played, in seconds
    segments: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: video length reported by the player (or known for the step)
    video_seconds: Mapped[float | None]
    completed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    step: Mapped[Step] = relationship()


class SequenceProgress(db.Model):
    """How many steps of one sequence a learner has done: the dashboard's chart counts these rows."""

    __tablename__ = "sequence_progress"
    __table_args__ = (
        sa.UniqueConstraint("enrolment_id", "sequence_id"),
        sa.Index("ix_sequence_progress_session", "session_id", "sequence_id", "completed_dt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(sa.ForeignKey("enrolments.id", ondelete="CASCADE"))
    sequence_id: Mapped[int] = mapped_column(sa.ForeignKey("sequences.id", ondelete="CASCADE"), index=True)
    steps_done: Mapped[int] = mapped_column(default=0)
    completed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)


class EventKind(enum.StrEnum):
    OPENED = "opened"
    VIDEO = "video"
    DONE = "done"


class ProgressEvent(db.Model):
    """One event sent by a learner's client, kept once per client id (a retried batch counts once)."""

    __tablename__ = "progress_events"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "client_id"),
        sa.Index("ix_progress_events_session", "session_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: the id the client generated (a UUID), unique per learner
    client_id: Mapped[str] = mapped_column(sa.String(64))
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(sa.ForeignKey("steps.id", ondelete="SET NULL"))
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind))
    #: video segments and duration, for video events
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    occurred_dt: Mapped[datetime] = mapped_column(UTCDateTime)
    received_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: set once pushed to the configured LRS
    lrs_sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Announcement(db.Model):
    """A message from the facilitators to a session's learners, shown on their pages and e-mailed."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()


class OutboxEmail(db.Model):
    """An e-mail waiting to be delivered by `flask paths send-outbox` (see README)."""

    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_email: Mapped[str] = mapped_column(sa.String(320))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")


class SessionInvitation(db.Model):
    """An invitation to enrol, sent by e-mail; the signed link carries its id."""

    __tablename__ = "session_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(320))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExportJob(db.Model):
    """A CSV export of a session's learners, produced by a background job."""

    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: pending, done, failed
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rows: Mapped[int | None]
    #: file name under <instance>/exports, generated
    filename: Mapped[str | None] = mapped_column(sa.String(120))
