"""JSON API of discussions: a session's threads, a thread with its posts, posting, editing, accepting, and
moderation (pinning and closing threads, hiding and restoring posts, reports and their queue).

The same rules as the pages: the session's active learners and those who moderate it read, write and report;
only those who moderate pin, close, hide, restore and deal with reports; an archived session is read-only; hidden
posts only for moderators; posting is rate-limited (429)."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from app.api import deny, make_api_blueprint, problem_responses, refuse_problem
from app.db import db
from paths.discussions import service
from paths.discussions.models import Post, Report, Thread
from paths.discussions.schemas import (
    PostFormSchema,
    PostOutSchema,
    ReasonSchema,
    ReportListSchema,
    ReportOutSchema,
    ThreadArgsSchema,
    ThreadDetailSchema,
    ThreadInSchema,
    ThreadListSchema,
    ThreadModerationSchema,
)
from paths.discussions.service import REFUSALS, PostingRefused
from paths.models import CourseSession

blp = make_api_blueprint("discussions_api", __name__, "", "Forums des sessions : fils (sur la session ou une "
                         "étape), messages, réponses acceptées. Réservés aux inscrit·es actif·ves et à l'animation.")

SECURITY = [{"bearer": []}]


def _session(session_id: int) -> CourseSession:
    session = db.session.get(CourseSession, session_id)
    if session is None or session.course.is_deleted or not session.can_view(current_user):
        abort(404)
    if not service.can_read(session, current_user):
        deny()
    return session


def _thread(thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        abort(404)
    _session(thread.session_id)
    if thread.is_hidden and not service.can_moderate(thread.session, current_user):
        abort(404)
    return thread


def _post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    _thread(post.thread_id)
    if post.is_hidden and not service.can_moderate(post.thread.session, current_user):
        abort(404)
    return post


def _refused(refused: PostingRefused):
    message, status = REFUSALS[refused.reason]
    return refuse_problem(status, _(message))


@blp.route("/sessions/<int:session_id>/threads", methods=["GET"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.arguments(ThreadArgsSchema, location="query")
@blp.response(200, ThreadListSchema)
def list_threads(args, session_id):
    """The session's threads (or one step's), pinned first, then the most recently active."""
    session = _session(session_id)
    return {"items": service.threads(session, current_user, args.get("step_id"))}


@blp.route("/sessions/<int:session_id>/threads", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422, 429)
@blp.arguments(ThreadInSchema)
@blp.response(201, ThreadDetailSchema)
def create_thread(data, session_id):
    """Open a thread on the session, or on one of its steps (`step_id`)."""
    session = _session(session_id)
    steps = {step.id for sequence in session.course.sequences for step in sequence.steps}
    if data.get("step_id") is not None and data["step_id"] not in steps:
        return refuse_problem(422, errors={"step_id": ["Cette étape n'appartient pas à la session."]})
    try:
        thread = service.create_thread(session, current_user, data)
    except PostingRefused as refused:
        return _refused(refused)
    db.session.commit()
    return _detail(thread)


def _detail(thread: Thread) -> Thread:
    """The thread with the posts the caller may see, for ThreadDetailSchema."""
    thread.visible_posts = service.visible_posts(thread, current_user)
    return thread


@blp.route("/threads/<int:thread_id>", methods=["GET"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, ThreadDetailSchema)
def get_thread(thread_id):
    """A thread and its posts (hidden ones for moderators only)."""
    return _detail(_thread(thread_id))


@blp.route("/threads/<int:thread_id>/posts", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422, 429)
@blp.arguments(PostFormSchema)
@blp.response(201, PostOutSchema)
def create_post(data, thread_id):
    """Reply to a thread; its followers are notified."""
    thread = _thread(thread_id)
    try:
        post = service.reply(thread, current_user, data["body"])
    except PostingRefused as refused:
        return _refused(refused)
    db.session.commit()
    return post


@blp.route("/posts/<int:post_id>", methods=["PATCH"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
@blp.arguments(PostFormSchema)
@blp.response(200, PostOutSchema)
def edit_post(data, post_id):
    """Edit one's own post; the former text is kept in its history."""
    post = _post(post_id)
    if not service.can_edit(post, current_user):
        abort(403, "Seul·e l'auteur·rice modifie son message.")
    try:
        service.edit(post, current_user, data["body"])
    except PostingRefused as refused:
        return _refused(refused)
    db.session.commit()
    return post


@blp.route("/posts/<int:post_id>/accept", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409)
@blp.response(200, PostOutSchema)
def accept_post(post_id):
    """Mark a reply as the accepted answer of its question (the asker or a facilitator)."""
    post = _post(post_id)
    if not service.can_accept(post.thread, current_user):
        abort(403, "Seul·es l'auteur·rice de la question et l'animation acceptent une réponse.")
    try:
        service.accept(post, current_user)
    except PostingRefused as refused:
        return _refused(refused)
    db.session.commit()
    return post


# Moderation ---------------------------------------------------------------------------------------------------
# As on the pages, who may act is checked before the body is read: the session first (404 if invisible, 401 or
# 403 if not a reader), then moderation (403), then the object itself.

def _moderated(session_id: int) -> CourseSession:
    session = _session(session_id)
    if not service.can_moderate(session, current_user):
        deny()
    return session


def _moderated_thread(thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        abort(404)
    _moderated(thread.session_id)
    return thread


def _moderated_post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    _moderated(post.thread.session_id)
    return post


def _moderated_report(report_id: int) -> Report:
    made = db.session.get(Report, report_id)
    if made is None:
        abort(404)
    _moderated(made.post.thread.session_id)
    return made


def loading(param: str, loader):
    """Pass the view `loader(<param from the URL>)` under the param's name without `_id`, loaded (and access
    checked) before flask-smorest parses the body."""
    name = param.removesuffix("_id")

    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            kwargs[name] = loader(kwargs.pop(param))
            return func(*args, **kwargs)

        return wrapper

    return decorator


@blp.route("/threads/<int:thread_id>", methods=["PATCH"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 413, 422)
@blp.response(200, ThreadDetailSchema)
@loading("thread_id", _moderated_thread)
@blp.arguments(ThreadModerationSchema)
def moderate_thread(data, thread):
    """Pin or unpin, close or reopen a thread (those who moderate the session); a closed thread takes no reply."""
    for name, value in data.items():
        service.set_flag(thread, name, value)
    db.session.commit()
    return _detail(thread)


@blp.route("/posts/<int:post_id>/hide", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 413, 422)
@blp.response(200, PostOutSchema)
@loading("post_id", _moderated_post)
@blp.arguments(ReasonSchema)
def hide_post(data, post):
    """Hide a post from learners (hiding the opening post hides the thread); the audit keeps who, when and why."""
    service.set_hidden(post, current_user, True, data["reason"])
    db.session.commit()
    return post


@blp.route("/posts/<int:post_id>/restore", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 413, 422)
@blp.response(200, PostOutSchema)
@loading("post_id", _moderated_post)
@blp.arguments(ReasonSchema)
def restore_post(data, post):
    """Show a hidden post again; the audit keeps who, when and why."""
    service.set_hidden(post, current_user, False, data["reason"])
    db.session.commit()
    return post


@blp.route("/posts/<int:post_id>/reports", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404, 409, 413, 422)
@blp.response(201, ReportOutSchema)
@loading("post_id", _post)
@blp.arguments(ReasonSchema)
def report_post(data, post):
    """Report a post to those who moderate the session (any reader, while the session runs)."""
    if post.thread.session.is_archived():
        return _refused(PostingRefused("archived"))
    made = service.report(post, current_user, data["reason"])
    db.session.commit()
    return made


@blp.route("/sessions/<int:session_id>/reports", methods=["GET"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, ReportListSchema)
def list_reports(session_id):
    """The session's reports nobody has dealt with yet, oldest first (those who moderate the session)."""
    return {"items": service.open_reports(_moderated(session_id))}


@blp.route("/reports/<int:report_id>/resolve", methods=["POST"])
@blp.doc(security=SECURITY)
@problem_responses(blp, 400, 401, 403, 404)
@blp.response(200, ReportOutSchema)
@loading("report_id", _moderated_report)
def resolve_report(report):
    """Mark a report as dealt with; it leaves the queue. Resolving it again changes nothing."""
    service.resolve_report(report, current_user)
    db.session.commit()
    return report


blueprints = [blp]
