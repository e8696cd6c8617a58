"""Rows of paths.discussions: the forum of a session, its moderation, notifications and the JSON API.

w.disc (built by `discussions_world`): on w.session, `learner`'s question `thread` under w.step with its
`opening` post, `facil`'s `reply`, a `report` of that reply, and a `notification` of the learner.
Readers: the session's learner, its facilitator, hls admins, platform admins; the hls editor and the CO
editor see the session's page but not its forum (403)."""

from __future__ import annotations

from tests.app.authorization.table import LOGIN, Row, S, form, json

#                 anon   learner facil editor other_ed p_admin admin
READ = S(LOGIN, 200, 200, 403, 403, 200, 200)
WRITE = S(LOGIN, 302, 302, 403, 403, 302, 302)
MODERATE_GET = S(LOGIN, 403, 200, 403, 403, 200, 200)
MODERATE = S(LOGIN, 403, 302, 403, 403, 302, 302)
SIGNED_IN = S(LOGIN, 302, 302, 302, 302, 302, 302)
API_READ = S(401, 200, 200, 403, 403, 200, 200)
API_CREATE = S(401, 201, 201, 403, 403, 201, 201)
AUTHOR_ONLY = S(LOGIN, 200, 403, 403, 403, 403, 403)
API_MODERATE = S(401, 403, 200, 403, 403, 200, 200)

FORUM = "/sessions/<int:session_id>/forum"
THREAD = FORUM + "/<int:thread_id>"
POST = FORUM + "/messages/<int:post_id>"


def _forum(w, r):
    return f"/sessions/{w.session}/forum"


def _thread(w, r):
    return f"/sessions/{w.session}/forum/{w.disc.thread}"


def _reply(w, r):
    return f"/sessions/{w.session}/forum/messages/{w.disc.reply}"


def _opening(w, r):
    return f"/sessions/{w.session}/forum/messages/{w.disc.opening}"


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Forum pages --------------------------------------------------------------------------------------------------
    Row("GET", FORUM, lambda w, r: _forum(w, r) + f"?etape={w.step}", READ),
    Row("POST", FORUM, _forum, WRITE, body=form(title="Une nouvelle question", body="Bonjour", is_question="1")),
    Row("GET", THREAD, _thread, READ),
    Row("POST", THREAD + "/reponses", lambda w, r: _thread(w, r) + "/reponses", WRITE, body=form(body="Merci")),
    Row("POST", THREAD + "/suivi", lambda w, r: _thread(w, r) + "/suivi", WRITE, body=form(follow="1")),
    Row("GET", POST + "/modifier", lambda w, r: _opening(w, r) + "/modifier", AUTHOR_ONLY),
    Row("POST", POST + "/modifier", lambda w, r: _opening(w, r) + "/modifier", {**AUTHOR_ONLY, "learner": 302},
        body=form(body="Texte corrigé", title="Titre corrigé")),
    Row("GET", POST + "/historique", lambda w, r: _reply(w, r) + "/historique", READ),
    Row("POST", POST + "/accepter", lambda w, r: _reply(w, r) + "/accepter", WRITE),
    Row("POST", POST + "/signaler", lambda w, r: _reply(w, r) + "/signaler", WRITE, body=form(reason="Hors sujet")),
    # Moderation ---------------------------------------------------------------------------------------------------
    Row("POST", POST + "/masquer", lambda w, r: _reply(w, r) + "/masquer", MODERATE, body=form(reason="Hors charte")),
    Row("POST", POST + "/retablir", lambda w, r: _reply(w, r) + "/retablir", MODERATE, body=form(reason="Erreur")),
    Row("POST", THREAD + "/epingle", lambda w, r: _thread(w, r) + "/epingle", MODERATE, body=form(value="1")),
    Row("POST", THREAD + "/fermeture", lambda w, r: _thread(w, r) + "/fermeture", MODERATE, body=form(value="1")),
    Row("GET", FORUM + "/signalements", lambda w, r: _forum(w, r) + "/signalements", MODERATE_GET),
    Row("POST", FORUM + "/signalements/<int:report_id>/traite",
        lambda w, r: _forum(w, r) + f"/signalements/{w.disc.report}/traite", MODERATE),
    Row("GET", FORUM + "/sans-reponse", lambda w, r: _forum(w, r) + "/sans-reponse", MODERATE_GET),
    # Notifications ------------------------------------------------------------------------------------------------
    Row("GET", "/notifications", lambda w, r: "/notifications", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/notifications/lues", lambda w, r: "/notifications/lues", SIGNED_IN),
    Row("POST", "/notifications/<int:notification_id>/lue",
        lambda w, r: f"/notifications/{w.disc.notification}/lue", S(LOGIN, 302, 404, 404, 404, 404, 404)),
    Row("POST", "/notifications/preferences", lambda w, r: "/notifications/preferences", SIGNED_IN,
        body=form(email_digest="1")),
    # JSON API -----------------------------------------------------------------------------------------------------
    Row("GET", "/api/v1/sessions/<int:session_id>/threads",
        lambda w, r: f"/api/v1/sessions/{w.session}/threads?step_id={w.step}", API_READ),
    Row("POST", "/api/v1/sessions/<int:session_id>/threads", lambda w, r: f"/api/v1/sessions/{w.session}/threads",
        API_CREATE, body=json(title="Question par l'API", body="Bonjour", is_question=True)),
    Row("GET", "/api/v1/threads/<int:thread_id>", lambda w, r: f"/api/v1/threads/{w.disc.thread}", API_READ),
    Row("POST", "/api/v1/threads/<int:thread_id>/posts", lambda w, r: f"/api/v1/threads/{w.disc.thread}/posts",
        API_CREATE, body=json(body="Une réponse")),
    Row("PATCH", "/api/v1/posts/<int:post_id>", lambda w, r: f"/api/v1/posts/{w.disc.opening}",
        {**AUTHOR_ONLY, "anon": 401}, body=json(body="Texte corrigé")),
    Row("POST", "/api/v1/posts/<int:post_id>/accept", lambda w, r: f"/api/v1/posts/{w.disc.reply}/accept",
        API_READ),
    Row("POST", "/api/v1/posts/<int:post_id>/reports", lambda w, r: f"/api/v1/posts/{w.disc.reply}/reports",
        API_CREATE, body=json(reason="Hors sujet")),
    Row("PATCH", "/api/v1/threads/<int:thread_id>", lambda w, r: f"/api/v1/threads/{w.disc.thread}", API_MODERATE,
        body=json(is_pinned=True, is_closed=True)),
    Row("POST", "/api/v1/posts/<int:post_id>/hide", lambda w, r: f"/api/v1/posts/{w.disc.reply}/hide", API_MODERATE,
        body=json(reason="Hors charte")),
    Row("POST", "/api/v1/posts/<int:post_id>/restore", lambda w, r: f"/api/v1/posts/{w.disc.reply}/restore",
        API_MODERATE, body=json(reason="Erreur")),
    Row("GET", "/api/v1/sessions/<int:session_id>/reports", lambda w, r: f"/api/v1/sessions/{w.session}/reports",
        API_MODERATE),
    Row("POST", "/api/v1/reports/<int:report_id>/resolve", lambda w, r: f"/api/v1/reports/{w.disc.report}/resolve",
        API_MODERATE),
]
