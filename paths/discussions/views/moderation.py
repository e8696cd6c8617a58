"""What facilitators do in a forum: accept an answer (the asker may too), pin, close, hide and restore posts
(audited), the report queue, and the unanswered questions. Readers report posts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.db import db
from app.http import load_form
from paths.discussions import service
from paths.discussions.models import Report
from paths.discussions.schemas import ReasonSchema
from paths.discussions.service import PostingRefused
from paths.discussions.views import REFUSALS, bp, me, moderated_session, post_of, readable_session, thread_of


def _back_to(post, status=None):
    target = url_for("discussions.thread", session_id=post.thread.session_id, thread_id=post.thread_id,
                     _anchor=f"message-{post.id}")
    return redirect(target, 303) if status else redirect(target)


def _reason(post):
    """The reason of the form, or a flash and the way back when it is missing."""
    data, errors = load_form(ReasonSchema())
    if errors:
        flash(errors["reason"][0], "error")
        abort(_back_to(post, 303))
    return data["reason"]


@bp.post("/sessions/<int:session_id>/forum/messages/<int:post_id>/accepter")
def accept(session_id: int, post_id: int):
    """The asker or a facilitator marks a reply as the answer of the question."""
    session = readable_session(session_id)
    post = post_of(session, post_id)
    if not service.can_accept(post.thread, me()):
        abort(403)
    try:
        service.accept(post, me())
    except PostingRefused as refused:
        db.session.rollback()
        flash(_(REFUSALS[refused.reason][0]), "error")
        return _back_to(post, 303)
    db.session.commit()
    flash(_("Réponse acceptée."), "success")
    return _back_to(post)


@bp.post("/sessions/<int:session_id>/forum/messages/<int:post_id>/signaler")
def report(session_id: int, post_id: int):
    session = readable_session(session_id)
    post = post_of(session, post_id)
    if session.is_archived():
        flash(_(REFUSALS["archived"][0]), "error")
        return _back_to(post, 303)
    service.report(post, me(), _reason(post))
    db.session.commit()
    flash(_("Merci : l'équipe d'animation va examiner ce message."), "success")
    return _back_to(post)


@bp.post("/sessions/<int:session_id>/forum/messages/<int:post_id>/masquer")
def hide(session_id: int, post_id: int):
    return _set_hidden(session_id, post_id, True, _("Message masqué : les apprenant·es ne le voient plus."))


@bp.post("/sessions/<int:session_id>/forum/messages/<int:post_id>/retablir")
def restore(session_id: int, post_id: int):
    return _set_hidden(session_id, post_id, False, _("Message rétabli."))


def _set_hidden(session_id: int, post_id: int, hidden: bool, done: str):
    """Hide or restore a post (audited with the facilitator's reason), then go back where the form was."""
    session = moderated_session(session_id)
    post = post_of(session, post_id)
    service.set_hidden(post, me(), hidden, _reason(post))
    db.session.commit()
    flash(done, "success")
    return _back_to(post)


@bp.post("/sessions/<int:session_id>/forum/<int:thread_id>/epingle")
def pin(session_id: int, thread_id: int):
    """Pin (value=1) or unpin a thread."""
    return _flag(session_id, thread_id, "is_pinned", _("Fil épinglé."), _("Fil désépinglé."))


@bp.post("/sessions/<int:session_id>/forum/<int:thread_id>/fermeture")
def close(session_id: int, thread_id: int):
    """Close (value=1) or reopen a thread."""
    return _flag(session_id, thread_id, "is_closed", _("Fil fermé."), _("Fil rouvert."))


def _flag(session_id, thread_id, name, on_message, off_message):
    session = moderated_session(session_id)
    thread = thread_of(session, thread_id)
    value = request.form.get("value") == "1"
    service.set_flag(thread, name, value)
    db.session.commit()
    flash(on_message if value else off_message, "success")
    return redirect(url_for("discussions.thread", session_id=session.id, thread_id=thread.id))


@bp.get("/sessions/<int:session_id>/forum/signalements")
def reports(session_id: int):
    """The report queue, oldest first, and the audit of hidden and restored posts."""
    session = moderated_session(session_id)
    return render_template("discussions/reports.html", session=session, reports=service.open_reports(session),
                           audit=service.audit(session))


@bp.post("/sessions/<int:session_id>/forum/signalements/<int:report_id>/traite")
def resolve(session_id: int, report_id: int):
    session = moderated_session(session_id)
    made = db.session.get(Report, report_id)
    if made is None or made.post.thread.session_id != session.id:
        abort(404)
    service.resolve_report(made, me())
    db.session.commit()
    flash(_("Signalement traité."), "success")
    return redirect(url_for("discussions.reports", session_id=session.id))


@bp.get("/sessions/<int:session_id>/forum/sans-reponse")
def unanswered(session_id: int):
    """Questions waiting for an answer, oldest first."""
    session = moderated_session(session_id)
    return render_template("discussions/unanswered.html", session=session, threads=service.unanswered(session))
