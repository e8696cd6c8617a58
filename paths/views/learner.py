"""The learner's pages: sessions open for enrolment, my sessions, a session's outline, the step page, resume,
marking a step done, invitations and the attestation with its public verification page."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm import joinedload

from app.db import db, utcnow
from app.i18n import N_
from courses.models import Step
from courses.service import ordered_step_ids
from paths import service
from paths.models import CourseSession, Enrolment, EnrolmentStatus, StepProgress
from paths.progress import REFUSALS, record_batch, resume_step
from paths.service import EnrolmentRefused
from paths.views import bp, me, session_or_404

ENROLMENT_REFUSALS = {
    "before": N_("Les inscriptions ne sont pas encore ouvertes."),
    "after": N_("Les inscriptions sont closes."),
    "full": N_("La session est complète."),
    "archived": N_("La session est terminée."),
}


def _progress_by_step(enrolment: Enrolment | None) -> dict[int, StepProgress]:
    if enrolment is None:
        return {}
    return {p.step_id: p for p in db.session.scalars(sa.select(StepProgress).where(
        StepProgress.enrolment_id == enrolment.id))}


@bp.get("/sessions/")
def sessions():
    """Sessions whose course the visitor may see, the ones open for enrolment first."""
    from courses.models import Course

    now = utcnow()
    rows = list(db.session.scalars(sa.select(CourseSession).join(Course).where(Course.visible_to(me()))
                                   .order_by(CourseSession.opens_at.desc())))
    open_now = [s for s in rows if s.is_enrolment_open(now)]
    others = [s for s in rows if not s.is_enrolment_open(now)]
    return render_template("paths/sessions.html", open_now=open_now, others=others, now=now)


@bp.get("/mes-sessions")
@login_required
def my_sessions():
    rows = db.session.execute(
        sa.select(Enrolment, CourseSession).join(CourseSession, CourseSession.id == Enrolment.session_id)
        .where(Enrolment.user_id == me().id, Enrolment.status == EnrolmentStatus.ACTIVE)
        .order_by(CourseSession.closes_at.desc())).all()
    from courses.service import step_count

    items = [(enrolment, session, step_count(session.course_id)) for enrolment, session in rows]
    return render_template("paths/my_sessions.html", items=items, now=utcnow())


@bp.get("/sessions/<int:session_id>")
def session_page(session_id: int):
    session = session_or_404(session_id)
    user = me()
    enrolment = service.enrolment_of(session, user)
    enrolled = enrolment is not None and enrolment.is_active
    return render_template("paths/session.html", session=session, enrolment=enrolment if enrolled else None,
                           progress=_progress_by_step(enrolment if enrolled else None), now=utcnow(),
                           announcements=service.announcements(session) if enrolled else [],
                           can_facilitate=session.can_facilitate(user), can_manage=session.can_manage(user),
                           total=len(session.course.steps))


@bp.post("/sessions/<int:session_id>/inscription")
@login_required
def enrol(session_id: int):
    session = session_or_404(session_id)
    try:
        service.enrol(session, me())
    except EnrolmentRefused as refused:
        flash(_(ENROLMENT_REFUSALS[refused.reason]), "error")
        return redirect(url_for("paths.session_page", session_id=session.id)), 303
    db.session.commit()
    flash(_("Vous êtes inscrit·e. Bonne route !"), "success")
    return redirect(url_for("paths.session_page", session_id=session.id))


@bp.post("/sessions/<int:session_id>/desinscription")
@login_required
def unenrol(session_id: int):
    session = session_or_404(session_id)
    enrolment = service.enrolment_of(session, me())
    if enrolment is None or not enrolment.is_active:
        abort(404)
    service.unenrol(enrolment)
    db.session.commit()
    flash(_("Vous n'êtes plus inscrit·e à cette session ; votre progression est gardée si vous revenez."), "success")
    return redirect(url_for("paths.session_page", session_id=session.id))


def _active_enrolment(session: CourseSession) -> Enrolment:
    enrolment = service.enrolment_of(session, me())
    if enrolment is None or not enrolment.is_active:
        flash(_("Inscrivez-vous pour suivre cette session."), "warning")
        abort(redirect(url_for("paths.session_page", session_id=session.id)))
    return enrolment


@bp.get("/sessions/<int:session_id>/reprendre")
@login_required
def resume(session_id: int):
    """Back to the last opened step that still exists and is released."""
    session = session_or_404(session_id)
    step = resume_step(session, _active_enrolment(session))
    if step is None:
        flash(_("Aucune séquence n'est encore ouverte."), "warning")
        return redirect(url_for("paths.session_page", session_id=session.id))
    return redirect(url_for("paths.step_page", session_id=session.id, step_id=step.id))


def _session_step(session: CourseSession, step_id: int) -> Step:
    step = db.session.get(Step, step_id)
    if step is None or step.sequence.course_id != session.course_id:
        abort(404)
    return step


def _record(session: CourseSession, step: Step, kind: str):
    return record_batch(me(), [{"client_id": f"srv-{uuid.uuid4()}", "session_id": session.id,
                                "step_id": step.id, "kind": kind}])


@bp.get("/sessions/<int:session_id>/etapes/<int:step_id>")
@login_required
def step_page(session_id: int, step_id: int):
    session = session_or_404(session_id)
    enrolment = _active_enrolment(session)
    step = _session_step(session, step_id)
    now = utcnow()
    if not session.is_released(step.sequence, now):
        flash(_("Cette séquence ouvre le %(date)s.", date=_format(session.release_date(step.sequence))), "warning")
        return redirect(url_for("paths.session_page", session_id=session.id)), 303
    if not session.is_archived(now) and now >= session.opens_at:
        _record(session, step, "opened")
        db.session.commit()
    ids = ordered_step_ids(session.course_id)
    index = ids.index(step.id)
    previous, following = _neighbours(ids, index)
    progress = db.session.scalar(sa.select(StepProgress).where(StepProgress.enrolment_id == enrolment.id,
                                                               StepProgress.step_id == step.id))
    return render_template(
        "paths/step.html", session=session, step=step, resource=step.resource_for(me()), enrolment=enrolment,
        progress=progress, index=index, total=len(ids), previous=previous,
        next=following, next_locked=following is not None and not session.is_released(following.sequence, now),
        archived=session.is_archived(now), total_done=enrolment.steps_done)


def _neighbours(ids: list[int], index: int) -> tuple[Step | None, Step | None]:
    """The steps before and after the one at `index` of the course's `ids` (None at either end), with their
    sequences, in one query."""
    wanted = {"previous": ids[index - 1] if index else None,
              "next": ids[index + 1] if index + 1 < len(ids) else None}
    found = {s.id: s for s in db.session.scalars(sa.select(Step).options(joinedload(Step.sequence)).where(
        Step.id.in_([i for i in wanted.values() if i is not None])))}
    return found.get(wanted["previous"]), found.get(wanted["next"])


def _format(value) -> str:
    from flask_babel import format_datetime

    return format_datetime(value, "d MMMM yyyy HH:mm")


@bp.post("/sessions/<int:session_id>/etapes/<int:step_id>/terminee")
@login_required
def mark_done(session_id: int, step_id: int):
    session = session_or_404(session_id)
    _active_enrolment(session)
    step = _session_step(session, step_id)
    result = _record(session, step, "done")
    if result.refused:
        db.session.rollback()
        flash(_(REFUSALS[result.refused[0]["reason"]]), "error")
        return redirect(url_for("paths.step_page", session_id=session.id, step_id=step.id)), 303
    db.session.commit()
    if not result.completed_steps:
        flash(_("Cette étape se termine en regardant la vidéo jusqu'au bout."), "warning")
    return redirect(url_for("paths.step_page", session_id=session.id, step_id=step.id))


@bp.get("/sessions/<int:session_id>/attestation")
@login_required
def my_attestation(session_id: int):
    session = session_or_404(session_id)
    enrolment = _active_enrolment(session)
    if enrolment.attestation_code is None:
        flash(_("L'attestation est délivrée quand toutes les étapes sont terminées."), "warning")
        return redirect(url_for("paths.session_page", session_id=session.id))
    return redirect(url_for("paths.attestation", code=enrolment.attestation_code))


@bp.get("/attestations/<code>")
def attestation(code: str):
    """Public: anyone holding the address can check the attestation is genuine."""
    enrolment = db.session.scalar(sa.select(Enrolment).where(Enrolment.attestation_code == code))
    if enrolment is None or len(code) > 40:
        abort(404)
    return render_template("paths/attestation.html", enrolment=enrolment, session=enrolment.session,
                           url=request.url)


def _render_invitation(invitation, session, mode: str, status: int = 200, **context):
    """The invitation page: accept (signed in as the invitee), sign in (their account exists), or create the
    account (none yet). Never cached: the page holds a personal link."""
    from flask import make_response

    response = make_response(render_template("paths/invitation.html", session=session, invitation=invitation,
                                             mode=mode, form=context.pop("form", {}),
                                             errors=context.pop("errors", {}), **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sessions/invitation/<token>", methods=["GET", "POST"])
def invitation(token: str):
    """The link of a session invitation: enrol when signed in with the invited address; otherwise sign in, or
    create the account from the link (the address is the invited one) and land enrolled."""
    from app.accounts import service as accounts

    invitation = service.invitation_from_token(token)
    if invitation is None:
        abort(404)
    session = db.session.get(CourseSession, invitation.session_id)
    user = me()
    if user.is_authenticated:
        if invitation.email != user.email.lower():
            abort(403, _("Cette invitation a été envoyée à une autre adresse e-mail : connectez-vous avec le "
                         "compte de cette adresse."))
        if request.method == "GET":
            return _render_invitation(invitation, session, "accept")
        return _accept(invitation, session, user)
    if accounts.find_user_by_email(invitation.email) is not None:
        return _render_invitation(invitation, session, "login", 409 if request.method == "POST" else 200)
    if request.method == "GET":
        return _render_invitation(invitation, session, "register")
    return _register_and_enrol(invitation, session)


def _accept(invitation, session: CourseSession, user):
    try:
        service.accept_invitation(invitation, user)
    except EnrolmentRefused as refused:
        db.session.rollback()
        flash(_(ENROLMENT_REFUSALS[refused.reason]), "error")
        return redirect(url_for("paths.session_page", session_id=session.id)), 303
    db.session.commit()
    flash(_("Vous êtes inscrit·e. Bonne route !"), "success")
    return redirect(url_for("paths.session_page", session_id=session.id))


def _register_and_enrol(invitation, session: CourseSession):
    """Create the invitee's account with the invited address, enrol it and sign it in, in one transaction."""
    from flask_babel import get_locale
    from flask_login import login_user

    from app.accounts import service as accounts
    from app.accounts.schemas import LOCALES, InvitedAccountSchema
    from app.http import load_form

    data, errors = load_form(InvitedAccountSchema())
    if errors:
        return _render_invitation(invitation, session, "register", 422, form=request.form, errors=errors)
    locale = str(get_locale() or "fr")
    user = accounts.create_user(invitation.email, data["name"], data["password"],
                                locale=locale if locale in LOCALES else "fr")
    try:
        service.accept_invitation(invitation, user)
    except EnrolmentRefused as refused:  # the session closed or filled up: no account half made
        db.session.rollback()
        return _render_invitation(invitation, session, "register", 409, form=request.form,
                                  problem=_(ENROLMENT_REFUSALS[refused.reason]))
    db.session.commit()
    login_user(user)
    flash(_("Bienvenue ! Votre compte est créé et vous êtes inscrit·e à la session."), "success")
    return redirect(url_for("paths.session_page", session_id=session.id))
