"""The trash of courses ("Parcours supprimés"): deleted courses that their editors may bring back as they were.

Listing and restoring are for platform admins and the owner partner's admins and editors: others get 403, and
anonymous visitors the login page, as on every editor page.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.db import db
from app.http import Page, paginate
from app.templating import add_account_link
from courses import service
from courses.models import Course
from courses.views import bp, deny, me

bp.record_once(lambda state: add_account_link(state.app, _l("Parcours supprimés"), "courses.trash", 21,
                                              lambda user: user.is_contributor))

TRASH_PAGE_SIZE = 20


def _render_trash(status: int = 200):
    user = me()
    if not (user.is_authenticated and user.is_contributor):
        deny()
    page: Page = paginate(service.trash_query(user), max(1, request.args.get("page", 1, type=int)), TRASH_PAGE_SIZE)
    return render_template("courses/trash.html", page=page,
                           page_url=lambda number: url_for("courses.trash", page=number)), status


@bp.get("/parcours/corbeille")
def trash():
    """Deleted courses the user may restore, most recently deleted first."""
    return _render_trash()


@bp.post("/parcours/<int:course_id>/restaurer")
def restore(course_id: int):
    """Take a course out of the trash, then to its edit page; 409 when it is not in the trash."""
    course = db.session.get(Course, course_id)
    allowed = course is not None and course.can_restore(me())
    if course is None or course.is_deleted and not allowed:
        abort(404)  # a course in the trash is gone for all but those who may bring it back, as resources are
    if not allowed:
        deny()
    if not course.is_deleted:
        flash(_("Le parcours « %(title)s » n'est pas dans la corbeille.", title=course.title), "error")
        return _render_trash(409)
    service.restore_course(course)
    db.session.commit()
    flash(_("Le parcours « %(title)s » est restauré, avec ses séquences, ses étapes et ses sessions.",
            title=course.title), "success")
    return redirect(url_for("courses.edit", course_id=course.id))
