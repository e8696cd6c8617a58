"""Rows of paths: sessions, enrolment, learners, facilitators."""

from __future__ import annotations

import io

from tests.app.authorization.rows_courses import EDIT_COURSE, EDIT_COURSE_GET
from tests.app.authorization.table import (
    LOGIN,
    Row,
    S,
    everyone,
    form,
)

# who facilitates a session: `facil`, hls admins and platform admins
FACILITATE = S(LOGIN, 403, 200, 403, 403, 200, 200)

def session_form(w, role) -> dict:
    return {"data": {"title": "Session d'été", "enrol_opens_at": "2030-05-01T08:00",
                     "enrol_closes_at": "2030-06-01T08:00", "opens_at": "2030-06-01T08:00",
                     "closes_at": "2030-12-01T08:00"}}


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Paths: sessions, learners, facilitators ----------------------------------------------------------------------
    # w.session: open for enrolment, facilitated by `facil`; `learner` is enrolled; w.attestation: another
    # learner's attestation code; w.session_invitation: a link for the learner's address
    Row("GET", "/sessions/", lambda w, r: "/sessions/", everyone(200)),
    Row("GET", "/mes-sessions", lambda w, r: "/mes-sessions", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/sessions/<int:session_id>", lambda w, r: f"/sessions/{w.session}", everyone(200)),
    Row("POST", "/sessions/<int:session_id>/inscription", lambda w, r: f"/sessions/{w.session}/inscription",
        S(LOGIN, 302, 302, 302, 302, 302, 302)),
    Row("POST", "/sessions/<int:session_id>/desinscription", lambda w, r: f"/sessions/{w.session}/desinscription",
        S(LOGIN, 302, 404, 404, 404, 404, 404)),
    Row("GET", "/sessions/<int:session_id>/reprendre", lambda w, r: f"/sessions/{w.session}/reprendre",
        S(LOGIN, 302, 302, 302, 302, 302, 302)),
    Row("GET", "/sessions/<int:session_id>/etapes/<int:step_id>",
        lambda w, r: f"/sessions/{w.session}/etapes/{w.step}", S(LOGIN, 200, 302, 302, 302, 302, 302)),
    Row("POST", "/sessions/<int:session_id>/etapes/<int:step_id>/terminee",
        lambda w, r: f"/sessions/{w.session}/etapes/{w.step}/terminee", S(LOGIN, 302, 302, 302, 302, 302, 302)),
    Row("GET", "/sessions/<int:session_id>/attestation", lambda w, r: f"/sessions/{w.session}/attestation",
        S(LOGIN, 302, 302, 302, 302, 302, 302)),
    Row("GET", "/attestations/<code>", lambda w, r: f"/attestations/{w.attestation}", everyone(200)),
    # anonymous: the invited address has an account, so the link asks to sign in (409 on POST: no second account)
    Row("GET", "/sessions/invitation/<token>", lambda w, r: f"/sessions/invitation/{w.session_invitation}",
        S(200, 200, 403, 403, 403, 403, 403)),
    Row("POST", "/sessions/invitation/<token>", lambda w, r: f"/sessions/invitation/{w.session_invitation}",
        S(409, 302, 403, 403, 403, 403, 403)),
    Row("GET", "/sessions/<int:session_id>/tableau-de-bord",
        lambda w, r: f"/sessions/{w.session}/tableau-de-bord?q=a&sort=-progress", FACILITATE),
    Row("POST", "/sessions/<int:session_id>/exports", lambda w, r: f"/sessions/{w.session}/exports",
        {**FACILITATE, "facil": 302, "p_admin": 302, "admin": 302}),
    Row("GET", "/sessions/<int:session_id>/exports/<int:export_id>",
        lambda w, r: f"/sessions/{w.session}/exports/{w.export}", FACILITATE),
    Row("POST", "/sessions/<int:session_id>/annonces", lambda w, r: f"/sessions/{w.session}/annonces",
        {**FACILITATE, "facil": 302, "p_admin": 302, "admin": 302}, body=form(title="Annonce", body="Bonjour")),
    Row("POST", "/sessions/<int:session_id>/invitations", lambda w, r: f"/sessions/{w.session}/invitations",
        {**FACILITATE, "facil": 302, "p_admin": 302, "admin": 302}, body=form(email="invite@example.org")),
    Row("POST", "/sessions/<int:session_id>/inscriptions", lambda w, r: f"/sessions/{w.session}/inscriptions",
        FACILITATE, body=lambda w, r: {"data": {"file": (io.BytesIO(b"nouveau@example.org\n"), "liste.csv")},
                                       "content_type": "multipart/form-data"}),
    Row("GET", "/parcours/<int:course_id>/sessions/nouvelle",
        lambda w, r: f"/parcours/{w.course}/sessions/nouvelle", EDIT_COURSE_GET),
    Row("POST", "/parcours/<int:course_id>/sessions/nouvelle",
        lambda w, r: f"/parcours/{w.course}/sessions/nouvelle", EDIT_COURSE, body=session_form),
    Row("GET", "/sessions/<int:session_id>/modifier", lambda w, r: f"/sessions/{w.session}/modifier",
        EDIT_COURSE_GET),
    Row("POST", "/sessions/<int:session_id>/modifier", lambda w, r: f"/sessions/{w.session}/modifier",
        EDIT_COURSE, body=session_form),
    Row("POST", "/api/v1/progress", lambda w, r: "/api/v1/progress", S(401, 200, 200, 200, 200, 200, 200),
        body=lambda w, r: {"json": {"events": [{"client_id": f"matrix-{r}-0001", "session_id": w.session,
                                                "step_id": w.step, "kind": "opened"}]}}),
    Row("GET", "/api/v1/sessions/<int:session_id>/xapi", lambda w, r: f"/api/v1/sessions/{w.session}/xapi",
        S(401, 403, 200, 403, 403, 200, 200)),
    # Deleting a session (pathsfix): w.session has learners, so the course's editors are refused (409)
    Row("GET", "/sessions/<int:session_id>/supprimer", lambda w, r: f"/sessions/{w.session}/supprimer",
        EDIT_COURSE_GET),
    Row("POST", "/sessions/<int:session_id>/supprimer", lambda w, r: f"/sessions/{w.session}/supprimer",
        {**EDIT_COURSE, "editor": 409, "p_admin": 409, "admin": 409}, body=form(confirm="true")),
]
