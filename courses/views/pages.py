"""Pages everyone reads: the list of courses, a course's outline, and the preview of a course as a learner."""

from __future__ import annotations

from flask import abort, make_response, render_template, request

from app.db import db
from courses import covers, service
from courses.models import Step
from courses.views import bp, course_or_404, editable_course, me, page_panels


@bp.get("/parcours/")
def index():
    user = me()
    courses = list(db.session.scalars(service.course_query(user, request.args.get("q", "").strip()[:100])))
    can_author = user.is_authenticated and bool(service.editable_partners(user))
    return render_template("courses/index.html", courses=courses, can_author=can_author,
                           q=request.args.get("q", ""))


@bp.get("/parcours/<int:course_id>")
def course(course_id: int):
    course = course_or_404(course_id)
    user = me()
    return render_template("courses/course.html", course=course, can_edit=course.can_edit(user),
                           panels=page_panels(course, user))


@bp.get("/parcours/<int:course_id>/couverture")
def cover(course_id: int):
    """The course's cover image, typed as sniffed at upload; cached for long when asked by its versioned address."""
    course = course_or_404(course_id)
    data = covers.cover_bytes(course)
    if data is None:
        abort(404)
    response = make_response(data)
    response.headers["Content-Type"] = course.cover_mime
    scope = "public" if course.is_published else "private"
    fresh = request.args.get("v") == course.cover_version
    response.headers["Cache-Control"] = f"{scope}, max-age=31536000, immutable" if fresh else f"{scope}, no-cache"
    return response


@bp.get("/parcours/<int:course_id>/apercu")
@bp.get("/parcours/<int:course_id>/apercu/<int:step_id>")
def preview(course_id: int, step_id: int | None = None):
    """The course as a learner sees it, every sequence open, nothing recorded."""
    course = editable_course(course_id)
    steps = course.steps
    if not steps:
        return render_template("courses/preview_empty.html", course=course)
    step = steps[0] if step_id is None else db.session.get(Step, step_id)
    if step is None or step not in steps:
        abort(404)
    index = steps.index(step)
    return render_template("courses/preview.html", course=course, step=step,
                           resource=step.resource_for(me()), index=index, total=len(steps),
                           previous=steps[index - 1] if index else None,
                           next=steps[index + 1] if index + 1 < len(steps) else None)
