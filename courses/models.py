"""Courses assembled from the commons: Course → ordered Sequences → ordered Steps, each step showing a resource.

Who may see or edit a course is decided here, once for an object (`can_view`, `can_edit`) and once as a SQL
filter for lists (`visible_to`), as commons does for resources.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import EDITING_ROLES, Partner
from app.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db
from commons.models import Licence, Resource, Status, Visibility


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class CourseStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Level(enum.StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class CompletionRule(enum.StrEnum):
    """When a step counts as done for a learner."""

    VIEWED = "viewed"  #: opening the step is enough
    VIDEO = "video"  #: 95 % of the video actually played (union of played segments)
    DONE = "done"  #: the learner marks it done


#: share of a video that must have been played for a VIDEO step to be complete
VIDEO_SHARE_REQUIRED = 0.95


class Course(TimestampMixin, SoftDeleteMixin, db.Model):
    """A partner's pedagogical path ("parcours pédagogique")."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: storage key of the uploaded cover image (generated name, sniffed type), None without cover
    cover_key: Mapped[str | None] = mapped_column(sa.String(255))
    cover_mime: Mapped[str | None] = mapped_column(sa.String(40))
    level: Mapped[Level] = mapped_column(_enum(Level), default=Level.BEGINNER, server_default=Level.BEGINNER.value)
    #: estimated time to follow the whole course, in minutes
    estimated_minutes: Mapped[int | None]
    licence_id: Mapped[int | None] = mapped_column(sa.ForeignKey("licences.id"))
    status: Mapped[CourseStatus] = mapped_column(_enum(CourseStatus), default=CourseStatus.DRAFT,
                                                 server_default=CourseStatus.DRAFT.value)
    published_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: the course this one was copied from, when a partner adapted another partner's course
    copied_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("courses.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    owner_partner: Mapped[Partner] = relationship(lazy="joined")
    licence: Mapped[Licence | None] = relationship(lazy="joined")
    sequences: Mapped[list[Sequence]] = relationship(back_populates="course", order_by="Sequence.position",
                                                     cascade="all, delete-orphan")
    copied_from: Mapped[Course | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Course {self.id} {self.title!r}>"

    @property
    def cover_version(self) -> str | None:
        """Changes with the cover, so its address can be cached for long: the generated file name."""
        return self.cover_key.rsplit("/", 1)[-1].split(".")[0][:12] if self.cover_key else None

    @property
    def is_published(self) -> bool:
        return self.status == CourseStatus.PUBLISHED

    @property
    def steps(self) -> list[Step]:
        return [step for sequence in self.sequences for step in sequence.steps]

    def can_edit(self, user) -> bool:
        """Platform admins, and admins and editors of the owner partner."""
        if user is None or not user.is_authenticated or self.is_deleted and not user.is_platform_admin:
            return False
        return user.has_role(self.owner_partner_id, EDITING_ROLES)

    def can_restore(self, user) -> bool:
        """Who may take the course out of the trash: platform admins, and admins and editors of the owner partner
        (`can_edit` refuses a trashed course to all but platform admins)."""
        return user is not None and user.is_authenticated and user.has_role(self.owner_partner_id, EDITING_ROLES)

    def can_view(self, user) -> bool:
        """Published courses are public (their steps still respect each resource's visibility)."""
        return self.can_edit(user) or (self.is_published and not self.is_deleted)

    @classmethod
    def visible_to(cls, user) -> sa.ColumnElement[bool]:
        """SQL filter matching `can_view`."""
        visible = sa.and_(cls.is_deleted.is_(False), cls.status == CourseStatus.PUBLISHED)
        if user is None or not user.is_authenticated:
            return visible
        if user.is_platform_admin:
            return cls.is_deleted.is_(False)
        editable = cls.owner_partner_id.in_(user.partner_ids(EDITING_ROLES) or {-1})
        return sa.and_(cls.is_deleted.is_(False), sa.or_(visible, editable))

    @classmethod
    def restorable_by(cls, user) -> sa.ColumnElement[bool]:
        """SQL filter matching `can_restore` (trashed or not: combine it with `is_deleted`)."""
        if user is None or not user.is_authenticated:
            return sa.false()
        if user.is_platform_admin:
            return sa.true()
        return cls.owner_partner_id.in_(user.partner_ids(EDITING_ROLES) or {-1})


class Sequence(TimestampMixin, db.Model):
    """A chapter of a course; a session can release it on its own date."""

    __tablename__ = "sequences"
    __table_args__ = (sa.Index("ix_sequences_course_position", "course_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(sa.ForeignKey("courses.id", ondelete="CASCADE"))
    #: order inside the course, from 1
    position: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    course: Mapped[Course] = relationship(back_populates="sequences")
    steps: Mapped[list[Step]] = relationship(back_populates="sequence", order_by="Step.position",
                                             cascade="all, delete-orphan")


class Step(TimestampMixin, db.Model):
    """One thing to read, watch or do: a commons resource with the course's own introduction."""

    __tablename__ = "steps"
    __table_args__ = (sa.Index("ix_steps_sequence_position", "sequence_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence_id: Mapped[int] = mapped_column(sa.ForeignKey("sequences.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(sa.String(300))
    #: the course's own words before the resource (Markdown, sanitised on display)
    intro: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    resource_id: Mapped[int | None] = mapped_column(sa.ForeignKey("resources.id", ondelete="SET NULL"), index=True)
    completion_rule: Mapped[CompletionRule] = mapped_column(_enum(CompletionRule), default=CompletionRule.VIEWED,
                                                            server_default=CompletionRule.VIEWED.value)
    #: length of the step's video in seconds, when known (filled from media once it can probe it)
    video_seconds: Mapped[float | None]

    sequence: Mapped[Sequence] = relationship(back_populates="steps")
    resource: Mapped[Resource | None] = relationship()

    def resource_for(self, user) -> Resource | None:
        """The resource as a learner of this course may see it: published and not trashed, and a partner-only
        resource only for that partner's members (a course never widens a resource's audience)."""
        resource = self.resource
        if resource is None:
            return None
        if resource.can_view(user):
            return resource
        if resource.is_deleted or resource.status != Status.PUBLISHED:
            return None
        if resource.visibility == Visibility.PARTNER:
            return None
        return resource if user is not None and user.is_authenticated else None
