"""Discussions of a session: threads (on the session as a whole or on one of its steps), posts with their edit
history, followers, in-app notifications, reports and the audit of what facilitators hide and restore.

A thread's first post (`is_opening`) carries its text: hiding it hides the thread. A question thread is
answered once it has a visible reply or an accepted answer.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.db import UTCDateTime, db, utcnow
from courses.models import Step
from paths.models import CourseSession


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class Thread(db.Model):
    """A conversation of one session, on the session as a whole (`step_id` empty) or on one of its steps."""

    __tablename__ = "discussion_threads"
    __table_args__ = (sa.Index("ix_discussion_threads_session_step", "session_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("course_sessions.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(sa.ForeignKey("steps.id", ondelete="SET NULL"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    #: a question may get an accepted answer, and waits in the unanswered list until answered
    is_question: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: pinned threads come first
    is_pinned: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: a closed thread accepts no new reply
    is_closed: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the latest post, for ordering the lists
    last_post_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[CourseSession] = relationship()
    step: Mapped[Step | None] = relationship()
    author: Mapped[User | None] = relationship()
    posts: Mapped[list[Post]] = relationship(back_populates="thread", order_by="Post.id",
                                             cascade="all, delete-orphan")

    @property
    def opening(self) -> Post:
        return self.posts[0]

    @property
    def is_hidden(self) -> bool:
        return bool(self.posts) and self.opening.is_hidden

    @property
    def accepted(self) -> Post | None:
        return next((p for p in self.posts if p.is_accepted and not p.is_hidden), None)


class Post(db.Model):
    """A message of a thread (Markdown, rendered sanitised); its earlier versions are kept in `PostRevision`."""

    __tablename__ = "discussion_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_threads.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    #: the thread's first message
    is_opening: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_accepted: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    #: hidden by a facilitator: learners no longer see it
    is_hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    edited_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)

    thread: Mapped[Thread] = relationship(back_populates="posts")
    author: Mapped[User | None] = relationship(lazy="joined")
    revisions: Mapped[list[PostRevision]] = relationship(order_by="PostRevision.id.desc()",
                                                         cascade="all, delete-orphan")


class PostRevision(db.Model):
    """The text a post had before an edit."""

    __tablename__ = "discussion_post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_posts.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    #: when this text was replaced
    replaced_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class Follower(db.Model):
    """Someone notified of a thread's new posts: its author, those who replied, those who chose to follow."""

    __tablename__ = "discussion_followers"

    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_threads.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)


class NotificationKind(enum.StrEnum):
    REPLY = "reply"
    MENTION = "mention"
    ACCEPTED = "accepted"


class Notification(db.Model):
    """An in-app notification (the bell of the header); e-mailed in a digest to those who chose so."""

    __tablename__ = "discussion_notifications"
    __table_args__ = (sa.Index("ix_discussion_notifications_user_read", "user_id", "read_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(_enum(NotificationKind))
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_posts.id", ondelete="CASCADE"), index=True)
    #: who did it, shown in the text
    actor_name: Mapped[str] = mapped_column(sa.String(200))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: set once put in an e-mail digest
    emailed_dt: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    post: Mapped[Post] = relationship()


class Preference(db.Model):
    """A user's choice about discussion e-mails (no row: no e-mail, notifications in the app only)."""

    __tablename__ = "discussion_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email_digest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


class Report(db.Model):
    """A post reported by a reader, waiting in the facilitators' queue until one of them deals with it."""

    __tablename__ = "discussion_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_posts.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(500))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[Post] = relationship()
    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id])


class ModerationAction(db.Model):
    """The audit of moderation: who hid or restored which post, when and why."""

    __tablename__ = "discussion_moderation"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("discussion_posts.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: hide or restore
    action: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.String(500))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship()
