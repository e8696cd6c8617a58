"""HTML pages of paths: sessions and enrolment, the learner's pages, the facilitator's dashboard."""

from __future__ import annotations

from flask import Blueprint, abort

from app.db import db
from app.http import deny, me  # noqa: F401 - the package's views import them from here
from paths.models import CourseSession

bp = Blueprint("paths", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/static/paths")


def session_or_404(session_id: int) -> CourseSession:
    """The session, when its course is visible to the user (or the user facilitates it)."""
    session = db.session.get(CourseSession, session_id)
    if session is None or session.course.is_deleted or not session.can_view(me()):
        abort(404)
    return session


def facilitated_session(session_id: int) -> CourseSession:
    session = session_or_404(session_id)
    if not session.can_facilitate(me()):
        deny()
    return session


from paths.views import facilitator, learner, manage  # noqa: E402,F401 - routes attach to bp
