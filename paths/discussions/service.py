"""Operations on discussions: who reads and writes, threads and replies, edits with history, accepted answers,
pinning and closing, hiding and restoring (audited), reports, and the unanswered questions.

They flush; the request commits once. Notifications go through `paths.discussions.notifications`.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from app.db import db, utcnow
from app.i18n import N_
from paths.discussions import notifications
from paths.discussions.models import Follower, ModerationAction, Post, PostRevision, Report, Thread
from paths.models import CourseSession
from paths.service import enrolment_of

#: why a write was refused, in French (translated where shown), and the HTTP status of the answer
REFUSALS = {
    "archived": (N_("La session est terminée : son forum se consulte mais n'accepte plus rien."), 409),
    "closed": (N_("Ce fil est fermé : il n'accepte plus de réponse."), 409),
    "too_fast": (N_("Vous publiez trop vite : attendez un peu avant de publier à nouveau."), 429),
    "not_acceptable": (N_("Ce message ne peut pas être la réponse acceptée."), 409),
}


class PostingRefused(Exception):
    """The action is not possible now; `reason` is a key of REFUSALS (the views word it in French)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# Who may do what --------------------------------------------------------------------------------------------

def can_moderate(session: CourseSession, user) -> bool:
    """Facilitators of the session, admins of the course's partner, platform admins."""
    return session.can_facilitate(user)


def can_read(session: CourseSession, user) -> bool:
    """The session's active learners and those who moderate it."""
    if user is None or not user.is_authenticated:
        return False
    if can_moderate(session, user):
        return True
    enrolment = enrolment_of(session, user)
    return enrolment is not None and enrolment.is_active


def can_write(session: CourseSession, user) -> bool:
    """Readers, while the session is not archived (an archive stays readable and accepts nothing new)."""
    return can_read(session, user) and not session.is_archived()


def can_edit(post: Post, user) -> bool:
    return user.is_authenticated and post.author_id == user.id and not post.is_hidden


def can_accept(thread: Thread, user) -> bool:
    """The asker, or a facilitator, picks the answer of a question."""
    return thread.is_question and (thread.author_id == user.id or can_moderate(thread.session, user))


# Reading ----------------------------------------------------------------------------------------------------

def _opening_hidden():
    return sa.exists().where(Post.thread_id == Thread.id, Post.is_opening.is_(True), Post.is_hidden.is_(True))


def threads(session: CourseSession, user, step_id: int | None = None, whole_session: bool = False) -> list[Thread]:
    """The session's threads the user may see, pinned first, then the most recently active."""
    query = sa.select(Thread).where(Thread.session_id == session.id)
    if step_id is not None:
        query = query.where(Thread.step_id == step_id)
    elif whole_session:
        query = query.where(Thread.step_id.is_(None))
    if not can_moderate(session, user):
        query = query.where(~_opening_hidden())
    # the list shows each thread's author, reply count and answered state: load them in two more queries
    query = query.options(selectinload(Thread.author), selectinload(Thread.step), selectinload(Thread.posts))
    return list(db.session.scalars(query.order_by(Thread.is_pinned.desc(), Thread.last_post_dt.desc())))


def visible_posts(thread: Thread, user) -> list[Post]:
    """The thread's posts in order, the accepted answer right after the question; hidden ones only for those
    who moderate."""
    posts = list(thread.posts)
    if not can_moderate(thread.session, user):
        posts = [post for post in posts if not post.is_hidden]
    accepted = thread.accepted
    if accepted is not None and accepted in posts:
        posts.remove(accepted)
        posts.insert(1, accepted)
    return posts


def reply_count(thread: Thread, user) -> int:
    return len(visible_posts(thread, user)) - 1


def unanswered(session: CourseSession) -> list[Thread]:
    """Visible questions with neither an accepted answer nor a visible reply from someone else, oldest first."""
    answered = sa.exists().where(Post.thread_id == Thread.id, Post.is_opening.is_(False),
                                 Post.is_hidden.is_(False),
                                 sa.or_(Post.is_accepted.is_(True), Thread.author_id.is_(None),
                                        Post.author_id != Thread.author_id))
    return list(db.session.scalars(sa.select(Thread).where(
        Thread.session_id == session.id, Thread.is_question.is_(True), ~answered, ~_opening_hidden())
        .order_by(Thread.created_dt, Thread.id)))


# Posting ----------------------------------------------------------------------------------------------------

def _check_rate(user) -> None:
    """At most DISCUSSION_POST_LIMIT posts (count/seconds) per user: counted in the database, shared by
    every web process."""
    count, seconds = current_app.config["DISCUSSION_POST_LIMIT"]
    since = utcnow() - timedelta(seconds=seconds)
    recent = db.session.scalar(sa.select(sa.func.count()).where(Post.author_id == user.id,
                                                                Post.created_dt >= since)) or 0
    if recent >= count:
        raise PostingRefused("too_fast")


def _check_open(session: CourseSession, user) -> None:
    if session.is_archived():
        raise PostingRefused("archived")
    _check_rate(user)


def follow(thread: Thread, user) -> None:
    if db.session.get(Follower, (thread.id, user.id)) is None:
        db.session.add(Follower(thread_id=thread.id, user_id=user.id))
        db.session.flush()


def unfollow(thread: Thread, user) -> None:
    follower = db.session.get(Follower, (thread.id, user.id))
    if follower is not None:
        db.session.delete(follower)
        db.session.flush()


def is_following(thread: Thread, user) -> bool:
    return db.session.get(Follower, (thread.id, user.id)) is not None


def create_thread(session: CourseSession, author, data: dict) -> Thread:
    """A new thread with its opening post; the author follows it, mentioned facilitators are notified."""
    _check_open(session, author)
    thread = Thread(session_id=session.id, step_id=data.get("step_id"), author_id=author.id, title=data["title"],
                    is_question=data.get("is_question", False))
    post = Post(author_id=author.id, body=data["body"], is_opening=True)
    thread.posts.append(post)
    db.session.add(thread)
    db.session.flush()
    follow(thread, author)
    notifications.post_added(thread, post, author)
    return thread


def reply(thread: Thread, author, body: str) -> Post:
    """A reply: the followers are notified, then the author follows the thread too."""
    if thread.is_closed:
        raise PostingRefused("closed")
    _check_open(thread.session, author)
    post = Post(thread=thread, author_id=author.id, body=body)
    db.session.add(post)
    thread.last_post_dt = utcnow()
    db.session.flush()
    notifications.post_added(thread, post, author)
    follow(thread, author)
    return post


def edit(post: Post, editor, body: str, title: str | None = None) -> Post:
    """Replace a post's text; the former text is kept as a revision."""
    if post.thread.session.is_archived():
        raise PostingRefused("archived")
    if body != post.body:
        post.revisions.append(PostRevision(body=post.body, editor_id=editor.id))
        post.body = body
        post.edited_dt = utcnow()
    if title and post.is_opening:
        post.thread.title = title
    db.session.flush()
    return post


def accept(post: Post, user) -> Post:
    """Mark `post` as the accepted answer of its question (only one per thread)."""
    thread = post.thread
    if post.is_opening or post.is_hidden or thread.session.is_archived():
        raise PostingRefused("not_acceptable")
    for other in thread.posts:
        other.is_accepted = other.id == post.id
    db.session.flush()
    notifications.answer_accepted(post, user)
    return post


# Moderation -------------------------------------------------------------------------------------------------

def set_hidden(post: Post, actor, hidden: bool, reason: str) -> ModerationAction:
    """Hide or restore a post, recorded in the audit with who, when and why."""
    post.is_hidden = hidden
    if hidden:
        post.is_accepted = False
    action = ModerationAction(post_id=post.id, actor_id=actor.id, action="hide" if hidden else "restore",
                              reason=reason)
    db.session.add(action)
    db.session.flush()
    return action


def set_flag(thread: Thread, name: str, value: bool) -> Thread:
    """Pin or close a thread (name: is_pinned or is_closed)."""
    if name not in ("is_pinned", "is_closed"):
        raise ValueError(name)
    setattr(thread, name, value)
    db.session.flush()
    return thread


def report(post: Post, reporter, reason: str) -> Report:
    made = Report(post_id=post.id, reporter_id=reporter.id, reason=reason)
    db.session.add(made)
    db.session.flush()
    return made


def open_reports(session: CourseSession) -> list[Report]:
    """Reports of the session's posts that nobody has dealt with yet, oldest first."""
    return list(db.session.scalars(sa.select(Report).join(Post, Post.id == Report.post_id)
                                   .join(Thread, Thread.id == Post.thread_id)
                                   .where(Thread.session_id == session.id, Report.resolved_dt.is_(None))
                                   .order_by(Report.created_dt, Report.id)))


def resolve_report(made: Report, user) -> None:
    """Mark the report dealt with; one already resolved keeps who resolved it first, and when."""
    if made.resolved_dt is not None:
        return
    made.resolved_dt = utcnow()
    made.resolved_by_id = user.id
    db.session.flush()


def audit(session: CourseSession, limit: int = 50) -> list[ModerationAction]:
    return list(db.session.scalars(sa.select(ModerationAction).join(Post, Post.id == ModerationAction.post_id)
                                   .join(Thread, Thread.id == Post.thread_id)
                                   .where(Thread.session_id == session.id)
                                   .order_by(ModerationAction.id.desc()).limit(limit)))
