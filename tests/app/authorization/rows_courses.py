"""Rows of courses: authoring, bundles, previews."""

from __future__ import annotations

import io

from tests.app.authorization.table import (
    LOGIN,
    Row,
    S,
    everyone,
    form,
)

# who edits a course: hls editors and admins
EDIT_COURSE_GET = S(LOGIN, 403, 403, 200, 403, 200, 200)
EDIT_COURSE = S(LOGIN, 403, 403, 302, 403, 302, 302)


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Courses ------------------------------------------------------------------------------------------------------
    # w.course: published, owned by hls, two sequences; w.seq / w.seq2 its sequences, w.step / w.step2 steps
    Row("GET", "/parcours/", lambda w, r: "/parcours/", everyone(200)),
    Row("GET", "/parcours/<int:course_id>", lambda w, r: f"/parcours/{w.course}", everyone(200)),
    Row("GET", "/parcours/nouveau", lambda w, r: "/parcours/nouveau", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/parcours/nouveau", lambda w, r: "/parcours/nouveau", S(LOGIN, 403, 403, 302, 422, 302, 302),
        body=lambda w, r: {"data": {"title": "Nouveau parcours", "owner_partner_id": w.hls}}),
    Row("GET", "/parcours/<int:course_id>/modifier", lambda w, r: f"/parcours/{w.course}/modifier", EDIT_COURSE_GET),
    Row("POST", "/parcours/<int:course_id>/modifier", lambda w, r: f"/parcours/{w.course}/modifier", EDIT_COURSE,
        body=lambda w, r: {"data": {"title": "Titre modifié", "owner_partner_id": w.hls, "level": "beginner"}}),
    Row("POST", "/parcours/<int:course_id>/publication", lambda w, r: f"/parcours/{w.course}/publication",
        EDIT_COURSE, body=form(published="false")),
    Row("POST", "/parcours/<int:course_id>/sequences", lambda w, r: f"/parcours/{w.course}/sequences", EDIT_COURSE,
        body=form(title="Nouvelle séquence")),
    Row("POST", "/parcours/<int:course_id>/sequences/<int:sequence_id>",
        lambda w, r: f"/parcours/{w.course}/sequences/{w.seq}", EDIT_COURSE, body=form(title="Renommée")),
    Row("POST", "/parcours/<int:course_id>/sequences/<int:sequence_id>/deplacer",
        lambda w, r: f"/parcours/{w.course}/sequences/{w.seq}/deplacer", EDIT_COURSE, body=form(direction="down")),
    Row("POST", "/parcours/<int:course_id>/sequences/<int:sequence_id>/supprimer",
        lambda w, r: f"/parcours/{w.course}/sequences/{w.seq2}/supprimer", EDIT_COURSE),
    Row("GET", "/parcours/<int:course_id>/sequences/<int:sequence_id>/etapes/nouvelle",
        lambda w, r: f"/parcours/{w.course}/sequences/{w.seq}/etapes/nouvelle?q=SCI", EDIT_COURSE_GET),
    Row("POST", "/parcours/<int:course_id>/sequences/<int:sequence_id>/etapes/nouvelle",
        lambda w, r: f"/parcours/{w.course}/sequences/{w.seq}/etapes/nouvelle", EDIT_COURSE,
        body=lambda w, r: {"data": {"title": "Nouvelle étape", "resource_id": w.pub, "completion_rule": "done"}}),
    Row("GET", "/parcours/<int:course_id>/etapes/<int:step_id>/modifier",
        lambda w, r: f"/parcours/{w.course}/etapes/{w.step}/modifier", EDIT_COURSE_GET),
    Row("POST", "/parcours/<int:course_id>/etapes/<int:step_id>/modifier",
        lambda w, r: f"/parcours/{w.course}/etapes/{w.step}/modifier", EDIT_COURSE,
        body=form(title="Étape renommée", completion_rule="viewed")),
    Row("POST", "/parcours/<int:course_id>/etapes/<int:step_id>/deplacer",
        lambda w, r: f"/parcours/{w.course}/etapes/{w.step}/deplacer", EDIT_COURSE, body=form(direction="down")),
    Row("POST", "/parcours/<int:course_id>/etapes/<int:step_id>/supprimer",
        lambda w, r: f"/parcours/{w.course}/etapes/{w.step2}/supprimer", EDIT_COURSE),
    Row("GET", "/parcours/<int:course_id>/apercu", lambda w, r: f"/parcours/{w.course}/apercu", EDIT_COURSE_GET),
    Row("GET", "/parcours/<int:course_id>/apercu/<int:step_id>",
        lambda w, r: f"/parcours/{w.course}/apercu/{w.step}", EDIT_COURSE_GET),
    Row("GET", "/parcours/<int:course_id>/copier", lambda w, r: f"/parcours/{w.course}/copier",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/parcours/<int:course_id>/copier", lambda w, r: f"/parcours/{w.course}/copier",
        S(LOGIN, 403, 403, 302, 302, 302, 302),
        body=lambda w, r: {"data": {"partner_id": w.co if r == "other_ed" else w.hls}}),
    Row("GET", "/parcours/<int:course_id>/paquet.zip", lambda w, r: f"/parcours/{w.course}/paquet.zip",
        EDIT_COURSE_GET),
    Row("GET", "/parcours/importer", lambda w, r: "/parcours/importer", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/parcours/importer", lambda w, r: "/parcours/importer", S(LOGIN, 403, 403, 302, 302, 302, 302),
        body=lambda w, r: {"data": {"partner_id": w.co if r == "other_ed" else w.hls,
                                    "bundle": (io.BytesIO(w.bundle), "parcours.zip")},
                           "content_type": "multipart/form-data"}),
    Row("GET", "/parcours/<int:course_id>/couverture", lambda w, r: f"/parcours/{w.course}/couverture",
        everyone(200)),
    # Deleting a course (pathsfix): w.course has learners in its session, so its editors are refused (409)
    Row("GET", "/parcours/<int:course_id>/supprimer", lambda w, r: f"/parcours/{w.course}/supprimer", EDIT_COURSE_GET),
    Row("POST", "/parcours/<int:course_id>/supprimer", lambda w, r: f"/parcours/{w.course}/supprimer",
        {**EDIT_COURSE, "editor": 409, "p_admin": 409, "admin": 409}, body=form(confirm="true")),
    # The trash of courses (coursetrash): w.trashed_course is a deleted hls course; w.course is not in the trash
    Row("GET", "/parcours/corbeille", lambda w, r: "/parcours/corbeille", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/parcours/<int:course_id>/restaurer", lambda w, r: f"/parcours/{w.trashed_course}/restaurer",
        S(404, 404, 404, 302, 404, 302, 302)),
    Row("POST", "/parcours/<int:course_id>/restaurer", lambda w, r: f"/parcours/{w.course}/restaurer",
        {**EDIT_COURSE, "editor": 409, "p_admin": 409, "admin": 409}, label="not in the trash"),
]
