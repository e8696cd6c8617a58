"""HTML pages of discussions: the session's forum, threads, the step panel, moderation and notifications."""

from __future__ import annotations

from flask import Blueprint, abort

from app.db import db
from app.http import deny, me
from paths.discussions import service
from paths.discussions.models import Post, Thread
from paths.discussions.service import REFUSALS  # noqa: F401 - the views import it from here
from paths.models import CourseSession
from paths.views import session_or_404

bp = Blueprint("discussions", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/static/discussions")


def readable_session(session_id: int) -> CourseSession:
    """The session, for its active learners and those who moderate it (others: login page or 403)."""
    session = session_or_404(session_id)
    if not service.can_read(session, me()):
        deny()
    return session


def moderated_session(session_id: int) -> CourseSession:
    session = readable_session(session_id)
    if not service.can_moderate(session, me()):
        deny()
    return session


def thread_of(session: CourseSession, thread_id: int) -> Thread:
    """A thread of this session; a hidden one only for those who moderate."""
    thread = db.session.get(Thread, thread_id)
    if thread is None or thread.session_id != session.id:
        abort(404)
    if thread.is_hidden and not service.can_moderate(session, me()):
        abort(404)
    return thread


def post_of(session: CourseSession, post_id: int) -> Post:
    """A post of this session; a hidden one only for those who moderate."""
    post = db.session.get(Post, post_id)
    if post is None or post.thread.session_id != session.id:
        abort(404)
    if (post.is_hidden or post.thread.is_hidden) and not service.can_moderate(session, me()):
        abort(404)
    return post


from paths.discussions.views import forum, moderation, notices  # noqa: E402,F401 - routes attach to bp
