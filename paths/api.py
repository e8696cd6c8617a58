"""JSON API of paths: progress batches from learners' clients and the xAPI export of a session."""

from __future__ import annotations

from flask import abort, url_for
from flask_login import current_user

from app.api import make_api_blueprint, problem_responses, requires
from app.db import db
from paths import xapi
from paths.models import CourseSession
from paths.progress import record_batch
from paths.schemas import ProgressBatchSchema, ProgressResultSchema, XapiArgsSchema, XapiPageSchema

blp = make_api_blueprint(
    "paths_api", __name__, "", "Progression des apprenant·es (lots d'événements idempotents) et export xAPI "
    "des sessions pour leurs animateur·rices.")


def _signed_in(user) -> bool:
    return user.is_authenticated


@blp.route("/progress", methods=["POST"])
@blp.doc(security=[{"bearer": []}])
@problem_responses(blp, 400, 401, 413, 422)
@blp.response(200, ProgressResultSchema)
@requires(_signed_in)
@blp.arguments(ProgressBatchSchema)
def post_progress(data):
    """Record a batch of events; each counts once per client id. Refused events are listed, not stored."""
    result = record_batch(current_user._get_current_object(), data["events"])
    db.session.commit()
    if result.accepted:
        from paths.tasks import lrs_configured, request_lrs_push

        if lrs_configured():
            request_lrs_push()  # one job drains every learner's statements: the learner never waits for it
    return result


@blp.route("/sessions/<int:session_id>/xapi", methods=["GET"])
@blp.doc(security=[{"bearer": []}])
@problem_responses(blp, 400, 401, 403, 404)
@blp.arguments(XapiArgsSchema, location="query")
@blp.response(200, XapiPageSchema)
def session_xapi(args, session_id):
    """The session's progress as xAPI statements, oldest first, for its facilitators."""
    session = db.session.get(CourseSession, session_id)
    if session is None:
        abort(404)
    if not session.can_facilitate(current_user):
        if not current_user.is_authenticated:
            abort(401)
        abort(403)
    statements, cursor = xapi.statements(session, args["after"], args["limit"])
    more = url_for("paths_api.session_xapi", session_id=session.id, after=cursor, limit=args["limit"]) \
        if cursor else None
    return {"statements": statements, "more": more}


blueprints = [blp]
