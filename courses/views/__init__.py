"""HTML pages of courses: the list of courses, a course's outline, authoring, preview, bundles, trash."""

from __future__ import annotations

from flask import Blueprint, abort

from app.db import db
from app.http import deny, me  # noqa: F401 - the package's views import them from here
from courses.models import Course

bp = Blueprint("courses", __name__, template_folder="../templates", static_folder="../static",
               static_url_path="/static/courses")


def course_or_404(course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None or not course.can_view(me()):
        abort(404)
    return course


def editable_course(course_id: int) -> Course:
    """The course, for its editors: 404 when invisible, the login page or 403 when not allowed to edit."""
    course = course_or_404(course_id)
    if not course.can_edit(me()):
        deny()
    return course


def page_panels(course: Course, user) -> list:
    """Panels that higher packages (paths: sessions of this course) add to the course page."""
    from flask import current_app

    return [panel for render in current_app.extensions.get("course_page_panels", [])
            if (panel := render(course, user))]


from courses.views import authoring, bundles, pages, trash  # noqa: E402,F401 - routes attach to bp
