"""The forum of a session (all its threads, or one step's), a thread with its replies, posting, following,
editing one's own posts (with history)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.db import db
from app.http import load_form, safe_next_url
from paths.discussions import notifications, service
from paths.discussions.schemas import EditFormSchema, PostFormSchema, ThreadFormSchema
from paths.discussions.service import PostingRefused
from paths.discussions.views import REFUSALS, bp, me, post_of, readable_session, thread_of


def session_steps(session) -> list:
    return [step for sequence in session.course.sequences for step in sequence.steps]


def _refused(refused: PostingRefused) -> tuple[str, int]:
    db.session.rollback()
    message, status = REFUSALS[refused.reason]
    return _(message), status


def _forum_page(session, status=200, form=None, errors=None, refusal=None):
    step_id = request.args.get("etape", type=int)
    steps = session_steps(session)
    step = next((s for s in steps if s.id == step_id), None)
    user = me()
    return render_template(
        "discussions/forum.html", session=session, step=step, steps=steps, form=form or {}, errors=errors or {},
        threads=service.threads(session, user, step.id if step else None), refusal=refusal,
        can_write=service.can_write(session, user), can_moderate=service.can_moderate(session, user)), status


@bp.get("/sessions/<int:session_id>/forum")
def forum(session_id: int):
    """The session's threads, pinned first; `?etape=` narrows to one step's."""
    return _forum_page(readable_session(session_id))


@bp.post("/sessions/<int:session_id>/forum")
def new_thread(session_id: int):
    session = readable_session(session_id)
    data, errors = load_form(ThreadFormSchema())
    if not errors and data.get("step_id") not in (None, *[s.id for s in session_steps(session)]):
        errors = {"step_id": [_("Cette étape n'appartient pas à la session.")]}
    if errors:
        return _forum_page(session, 422, request.form, errors)
    try:
        thread = service.create_thread(session, me(), data)
    except PostingRefused as refused:
        message, status = _refused(refused)
        return _forum_page(session, status, request.form, refusal=message)
    db.session.commit()
    flash(_("Votre message est publié."), "success")
    target = url_for("discussions.thread", session_id=session.id, thread_id=thread.id)
    return redirect(safe_next_url(data.get("next"), target) if data.get("next") else target)


def thread_page(session, thread, status=200, form=None, errors=None, refusal=None):
    user = me()
    return render_template(
        "discussions/thread.html", session=session, thread=thread, posts=service.visible_posts(thread, user),
        form=form or {}, errors=errors or {}, refusal=refusal, render_post=notifications.render_post,
        can_write=service.can_write(session, user) and not thread.is_closed,
        can_moderate=service.can_moderate(session, user), can_accept=service.can_accept(thread, user)
        and not session.is_archived(), following=service.is_following(thread, user),
        handles=[notifications.handle(f) for f in session.facilitators], can_edit=service.can_edit), status


@bp.get("/sessions/<int:session_id>/forum/<int:thread_id>")
def thread(session_id: int, thread_id: int):
    session = readable_session(session_id)
    return thread_page(session, thread_of(session, thread_id))


@bp.post("/sessions/<int:session_id>/forum/<int:thread_id>/reponses")
def reply(session_id: int, thread_id: int):
    session = readable_session(session_id)
    thread = thread_of(session, thread_id)
    data, errors = load_form(PostFormSchema())
    if errors:
        return thread_page(session, thread, 422, request.form, errors)
    try:
        post = service.reply(thread, me(), data["body"])
    except PostingRefused as refused:
        message, status = _refused(refused)
        return thread_page(session, thread, status, request.form, refusal=message)
    db.session.commit()
    flash(_("Votre réponse est publiée."), "success")
    return redirect(url_for("discussions.thread", session_id=session.id, thread_id=thread.id,
                            _anchor=f"message-{post.id}"))


@bp.post("/sessions/<int:session_id>/forum/<int:thread_id>/suivi")
def follow(session_id: int, thread_id: int):
    """Follow (follow=1) or stop following a thread."""
    session = readable_session(session_id)
    thread = thread_of(session, thread_id)
    if request.form.get("follow") == "1":
        service.follow(thread, me())
        flash(_("Vous suivez ce fil : ses nouvelles réponses vous seront signalées."), "success")
    else:
        service.unfollow(thread, me())
        flash(_("Vous ne suivez plus ce fil."), "success")
    db.session.commit()
    return redirect(url_for("discussions.thread", session_id=session.id, thread_id=thread.id))


@bp.route("/sessions/<int:session_id>/forum/messages/<int:post_id>/modifier", methods=["GET", "POST"])
def edit_post(session_id: int, post_id: int):
    """Authors edit their own posts while the session runs; the former text is kept."""
    session = readable_session(session_id)
    post = post_of(session, post_id)
    if not service.can_edit(post, me()) or session.is_archived():
        abort(403)
    if request.method == "GET":
        return render_template("discussions/edit.html", session=session, post=post, errors={},
                               form={"body": post.body, "title": post.thread.title})
    data, errors = load_form(EditFormSchema())
    if errors:
        return render_template("discussions/edit.html", session=session, post=post, errors=errors,
                               form=request.form), 422
    service.edit(post, me(), data["body"], data.get("title"))
    db.session.commit()
    flash(_("Message modifié ; la version précédente est gardée dans l'historique."), "success")
    return redirect(url_for("discussions.thread", session_id=session.id, thread_id=post.thread_id,
                            _anchor=f"message-{post.id}"))


@bp.get("/sessions/<int:session_id>/forum/messages/<int:post_id>/historique")
def history(session_id: int, post_id: int):
    """The earlier versions of a post, for readers of the session."""
    session = readable_session(session_id)
    post = post_of(session, post_id)
    return render_template("discussions/history.html", session=session, post=post,
                           render_post=notifications.render_post)
