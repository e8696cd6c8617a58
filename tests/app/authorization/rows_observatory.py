"""Rows of the observatory."""

from __future__ import annotations

import io

from tests.app.authorization.table import (
    LOGIN,
    Row,
    S,
    everyone,
    form,
)

OBS_IMPORT_CSV = "nom,commune,departement,type,phase\nLes Choux Lents,Lyon,69,habitat,chantier\n"


ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Observatory ------------------------------------------------------------------------------------------------
    # w.obs: a listed hls collective (the learner is its member), a grid, an open survey addressed to it (its
    # personal link w.obs.token), a survey in construction, a proposed research question by the learner, an hls
    # plan line, the learner's pending comment on w.pub. The platform admin stands for the scientific committee.
    Row("GET", "/observatoire/", lambda w, r: "/observatoire/", everyone(200)),
    Row("GET", "/observatoire/collectifs/", lambda w, r: "/observatoire/collectifs/?kind=hameau", everyone(200)),
    Row("GET", "/observatoire/collectifs/<int:collective_id>",
        lambda w, r: f"/observatoire/collectifs/{w.obs.collective}", everyone(200)),
    Row("GET", "/observatoire/collectifs/import", lambda w, r: "/observatoire/collectifs/import",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/observatoire/collectifs/import", lambda w, r: "/observatoire/collectifs/import",
        S(LOGIN, 403, 403, 403, 403, 403, 200), body=lambda w, r: {
            "data": {"mode": "validate", "file": (io.BytesIO(OBS_IMPORT_CSV.encode()), "c.csv")},
            "content_type": "multipart/form-data"}),
    Row("GET", "/observatoire/collectifs/<int:collective_id>/auto-evaluation/<int:grid_id>",
        lambda w, r: f"/observatoire/collectifs/{w.obs.collective}/auto-evaluation/{w.obs.grid}",
        S(LOGIN, 200, 403, 403, 403, 403, 200)),
    Row("POST", "/observatoire/collectifs/<int:collective_id>/auto-evaluation/<int:grid_id>",
        lambda w, r: f"/observatoire/collectifs/{w.obs.collective}/auto-evaluation/{w.obs.grid}",
        S(LOGIN, 303, 403, 403, 403, 403, 303), body=lambda w, r: {"data": {f"c{w.obs.criterion}": "3"}}),
    Row("GET", "/observatoire/plans/", lambda w, r: "/observatoire/plans/?annee=2026",
        S(LOGIN, 200, 200, 200, 200, 200, 200)),
    # co's editor plans for co, not for hls: a field error
    Row("POST", "/observatoire/plans/", lambda w, r: "/observatoire/plans/",
        S(LOGIN, 403, 403, 303, 422, 303, 303), body=lambda w, r: {"data": {
            "partner_id": w.hls, "year": 2026, "title": "Vidéo : le bail communal", "kind_id": w.obs.kind,
            "theme_id": w.obs.theme}}),
    Row("POST", "/observatoire/plans/<int:item_id>", lambda w, r: f"/observatoire/plans/{w.obs.plan}",
        S(LOGIN, 403, 403, 303, 403, 303, 303), body=form(status="in_progress")),
    Row("GET", "/observatoire/questions-de-recherche/", lambda w, r: "/observatoire/questions-de-recherche/",
        everyone(200)),
    Row("POST", "/observatoire/questions-de-recherche/", lambda w, r: "/observatoire/questions-de-recherche/",
        S(LOGIN, 303, 303, 303, 303, 303, 303), body=form(title="Les toits végétalisés tiennent-ils ?")),
    # a proposed question is seen by its author (the learner) and the committee only
    Row("POST", "/observatoire/questions-de-recherche/<int:question_id>/statut",
        lambda w, r: f"/observatoire/questions-de-recherche/{w.obs.research}/statut",
        S(404, 403, 404, 404, 404, 404, 303), body=form(status="accepted")),
    Row("GET", "/observatoire/enquetes/", lambda w, r: "/observatoire/enquetes/",
        S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/observatoire/enquetes/", lambda w, r: "/observatoire/enquetes/",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(title="Enquête 2027")),
    Row("GET", "/observatoire/enquetes/<int:survey_id>", lambda w, r: f"/observatoire/enquetes/{w.obs.survey}",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/sections",
        lambda w, r: f"/observatoire/enquetes/{w.obs.draft}/sections",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(title="Le chantier")),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/questions",
        lambda w, r: f"/observatoire/enquetes/{w.obs.draft}/questions",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(label="Nombre de foyers", kind="number")),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/questions/<int:question_id>/supprimer",
        lambda w, r: f"/observatoire/enquetes/{w.obs.draft}/questions/{w.obs.draft_question}/supprimer",
        S(LOGIN, 403, 403, 403, 403, 403, 303)),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/destinataires",
        lambda w, r: f"/observatoire/enquetes/{w.obs.survey}/destinataires",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(kinds="hameau")),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/statut",
        lambda w, r: f"/observatoire/enquetes/{w.obs.survey}/statut",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(status="closed")),
    Row("POST", "/observatoire/enquetes/<int:survey_id>/relances",
        lambda w, r: f"/observatoire/enquetes/{w.obs.survey}/relances", S(LOGIN, 403, 403, 403, 403, 403, 303)),
    Row("GET", "/observatoire/enquetes/<int:survey_id>/resultats",
        lambda w, r: f"/observatoire/enquetes/{w.obs.survey}/resultats", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/observatoire/enquetes/<int:survey_id>/resultats.csv",
        lambda w, r: f"/observatoire/enquetes/{w.obs.survey}/resultats.csv", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    # the personal link needs no account: whoever holds it answers for that collective
    Row("GET", "/enquete/<token>", lambda w, r: f"/enquete/{w.obs.token}", everyone(200)),
    Row("POST", "/enquete/<token>", lambda w, r: f"/enquete/{w.obs.token}", everyone(303),
        body=lambda w, r: {"data": {f"q{w.obs.question}": "Mixte", "action": "submit"}}),
    Row("GET", "/observatoire/statistiques", lambda w, r: "/observatoire/statistiques?partner=hls",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("GET", "/observatoire/statistiques.csv", lambda w, r: "/observatoire/statistiques.csv",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("GET", "/observatoire/ressources/<int:resource_id>/avis",
        lambda w, r: f"/observatoire/ressources/{w.pub}/avis", S(404, 200, 200, 200, 404, 200, 200)),
    Row("POST", "/observatoire/ressources/<int:resource_id>/avis",
        lambda w, r: f"/observatoire/ressources/{w.pub}/avis", S(404, 303, 303, 303, 404, 303, 303),
        body=form(rating="4", comment="Clair et utile")),
    Row("GET", "/observatoire/avis/moderation", lambda w, r: "/observatoire/avis/moderation",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/observatoire/avis/<int:feedback_id>/moderer",
        lambda w, r: f"/observatoire/avis/{w.obs.feedback}/moderer", S(LOGIN, 403, 403, 303, 404, 303, 303),
        body=form(decision="approved")),
    Row("GET", "/api/v1/observatory/collectives", lambda w, r: "/api/v1/observatory/collectives?kind=hameau",
        everyone(200)),
    Row("GET", "/api/v1/observatory/surveys/<int:survey_id>/results",
        lambda w, r: f"/api/v1/observatory/surveys/{w.obs.survey}/results", S(401, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/api/v1/observatory/usage", lambda w, r: "/api/v1/observatory/usage",
        S(401, 403, 403, 200, 200, 200, 200)),
]
