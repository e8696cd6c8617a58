"""Setting sessions up (the course's editors): dates, capacity, release schedule, facilitators; deleting one."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import EXCLUDE

from app.accounts.models import FACILITATING_ROLES, Membership, User
from app.db import db
from app.http import load_form
from courses.models import Course
from paths import service
from paths.schemas import DeleteSessionSchema, SessionFormSchema
from paths.views import bp, deny, me, session_or_404

DATE_FIELDS = ("enrol_opens_at", "enrol_closes_at", "opens_at", "closes_at")


def _candidates(course: Course) -> list[User]:
    """People who may facilitate: the partner's facilitators and admins."""
    return list(db.session.scalars(sa.select(User).join(Membership).where(
        Membership.partner_id == course.owner_partner_id, Membership.role.in_(FACILITATING_ROLES))
        .order_by(User.name)))


def _as_utc(data: dict) -> dict:
    for name in DATE_FIELDS:
        if name in data:
            data[name] = data[name].replace(tzinfo=UTC)
    return data


def _releases(course: Course) -> tuple[dict, dict]:
    """Per sequence: an absolute date (release_<id>) or a number of days after opening (offset_<id>)."""
    releases, errors = {}, {}
    for sequence in course.sequences:
        when = request.form.get(f"release_{sequence.id}", "").strip()
        offset = request.form.get(f"offset_{sequence.id}", "").strip()
        value = {}
        try:
            if when:
                value["opens_at"] = datetime.strptime(when, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)
            elif offset:
                value["offset_days"] = int(offset)
                if not 0 <= value["offset_days"] <= 3650:
                    raise ValueError
        except ValueError:
            errors[f"release_{sequence.id}"] = [_("Date ou nombre de jours invalide.")]
        releases[sequence.id] = value
    return releases, errors


def _form_of(session) -> dict:
    form = {name: getattr(session, name).strftime("%Y-%m-%dT%H:%M") for name in DATE_FIELDS}
    form.update(title=session.title, capacity=session.capacity or "")
    for release in session.releases:
        if release.opens_at:
            form[f"release_{release.sequence_id}"] = release.opens_at.strftime("%Y-%m-%dT%H:%M")
        elif release.offset_days is not None:
            form[f"offset_{release.sequence_id}"] = release.offset_days
    return form


def _render(course, session, form, errors=None, status=200, facilitator_ids=()):
    return render_template("paths/session_form.html", course=course, session=session, form=form,
                           errors=errors or {}, candidates=_candidates(course),
                           facilitator_ids={int(i) for i in facilitator_ids}), status


def _save(course, session):
    data, errors = load_form(SessionFormSchema(), unknown=EXCLUDE)
    releases, release_errors = _releases(course)
    errors.update(release_errors)
    allowed = {u.id for u in _candidates(course)}
    chosen = [int(i) for i in request.form.getlist("facilitator_ids") if i.isdigit()]
    if any(i not in allowed for i in chosen):
        errors["facilitator_ids"] = [_("Choisissez parmi les animateur·rices du partenaire.")]
    if errors:
        return None, _render(course, session, request.form, errors, 422, chosen)
    data = _as_utc(data)
    data.setdefault("capacity", None)
    data.update(releases=releases, facilitator_ids=chosen)
    saved = service.create_session(course, data) if session is None else service.update_session(session, data)
    db.session.commit()
    return saved, None


@bp.route("/parcours/<int:course_id>/sessions/nouvelle", methods=["GET", "POST"])
def create_session(course_id: int):
    course = db.session.get(Course, course_id)
    if course is None or not course.can_view(me()):
        abort(404)
    if not course.can_edit(me()):
        deny()
    if request.method == "GET":
        return _render(course, None, {"title": course.title})
    saved, refused = _save(course, None)
    if refused:
        return refused
    flash(_("Session créée."), "success")
    return redirect(url_for("paths.session_page", session_id=saved.id))


@bp.route("/sessions/<int:session_id>/modifier", methods=["GET", "POST"])
def edit_session(session_id: int):
    session = session_or_404(session_id)
    if not session.can_manage(me()):
        deny()
    if request.method == "GET":
        return _render(session.course, session, _form_of(session), facilitator_ids=[f.id for f in session.facilitators])
    saved, refused = _save(session.course, session)
    if refused:
        return refused
    flash(_("Session enregistrée."), "success")
    return redirect(url_for("paths.session_page", session_id=saved.id))


@bp.route("/sessions/<int:session_id>/supprimer", methods=["GET", "POST"])
def delete_session(session_id: int):
    """Confirm, then delete a session nobody enrolled in. A session with learners is refused (409): deleting it
    would take their progress and make their attestations unverifiable; closing it (its closing date) archives
    it instead, readable and accepting no progress."""
    session = session_or_404(session_id)
    if not session.can_manage(me()):
        deny()
    learners = service.learner_count([session.id])
    if request.method == "GET":
        return render_template("paths/session_delete.html", session=session, learners=learners)
    _data, errors = load_form(DeleteSessionSchema())
    if errors:
        abort(400)
    if learners:
        return render_template("paths/session_delete.html", session=session, learners=learners), 409
    course_id = session.course_id
    service.delete_session(session)
    db.session.commit()
    flash(_("La session « %(title)s » a été supprimée.", title=session.title), "success")
    return redirect(url_for("courses.course", course_id=course_id))
