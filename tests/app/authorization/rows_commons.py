"""Rows of the commons: reading, editing, taxonomy, the resources API, revisions, search.

The matrix ---------------------------------------------------------------------------------------------------
w.pub: published, visibility "partner", owned by hls: readable by hls members and platform admins only.
w.draft / w.trashed: hls resources only their editors (hls editor, hls admin, platform admin) may see.
Someone who may not even see a resource gets 404 before any 403 or login page: it stays invisible.
"""

from __future__ import annotations

from tests.app.authorization.table import (
    LOGIN,
    Row,
    S,
    edit_form,
    everyone,
    form,
    json,
    pdf_upload,
    resource_form,
    resource_json,
)

ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Commons: reading ---------------------------------------------------------------------------------------
    Row("GET", "/", lambda w, r: "/", everyone(200)),
    Row("GET", "/ressources/", lambda w, r: "/ressources/", everyone(200)),
    Row("GET", "/ressources/<int:resource_id>", lambda w, r: f"/ressources/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="published, partner-only"),
    Row("GET", "/ressources/<int:resource_id>", lambda w, r: f"/ressources/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/ressources/<int:resource_id>", lambda w, r: f"/ressources/{w.trashed}",
        S(404, 404, 404, 200, 404, 200, 200), label="trashed"),
    Row("GET", "/pieces-jointes/<int:attachment_id>/<path:filename>",
        lambda w, r: f"/pieces-jointes/{w.pub_file}/plan.pdf", S(404, 200, 200, 200, 404, 200, 200)),

    # Commons: editing pages ---------------------------------------------------------------------------------
    Row("GET", "/ressources/nouvelle", lambda w, r: "/ressources/nouvelle", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    # co's editor may create resources, but not file them under hls: a field error
    Row("POST", "/ressources/nouvelle", lambda w, r: "/ressources/nouvelle",
        S(LOGIN, 403, 403, 302, 422, 302, 302), body=resource_form),
    Row("GET", "/ressources/<int:resource_id>/modifier", lambda w, r: f"/ressources/{w.pub}/modifier",
        S(404, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/ressources/<int:resource_id>/modifier", lambda w, r: f"/ressources/{w.pub}/modifier",
        S(404, 403, 403, 302, 404, 302, 302), body=edit_form),
    Row("POST", "/ressources/<int:resource_id>/statut", lambda w, r: f"/ressources/{w.pub}/statut",
        S(404, 403, 403, 302, 404, 302, 302), body=form(status="archived")),
    Row("POST", "/ressources/<int:resource_id>/supprimer", lambda w, r: f"/ressources/{w.pub}/supprimer",
        S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/ressources/<int:resource_id>/restaurer", lambda w, r: f"/ressources/{w.trashed}/restaurer",
        S(404, 404, 404, 302, 404, 302, 302)),
    Row("GET", "/corbeille", lambda w, r: "/corbeille", S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("GET", "/ressources/<int:resource_id>/historique", lambda w, r: f"/ressources/{w.pub}/historique",
        S(404, 403, 403, 200, 404, 200, 200)),
    Row("GET", "/ressources/<int:resource_id>/historique/<int:number>",
        lambda w, r: f"/ressources/{w.pub}/historique/1", S(404, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/ressources/<int:resource_id>/historique/<int:number>/restaurer",
        lambda w, r: f"/ressources/{w.pub}/historique/1/restaurer", S(404, 403, 403, 302, 404, 302, 302)),
    # a trashed resource is restored first (409), as the API and the other editing pages answer
    Row("POST", "/ressources/<int:resource_id>/historique/<int:number>/restaurer",
        lambda w, r: f"/ressources/{w.trashed}/historique/1/restaurer", S(404, 404, 404, 409, 404, 409, 409),
        label="trashed"),
    Row("POST", "/ressources/<int:resource_id>/pieces-jointes", lambda w, r: f"/ressources/{w.pub}/pieces-jointes",
        S(404, 403, 403, 302, 404, 302, 302), body=lambda w, r: pdf_upload()),
    Row("POST", "/pieces-jointes/<int:attachment_id>/supprimer",
        lambda w, r: f"/pieces-jointes/{w.pub_file}/supprimer", S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/pieces-jointes/<int:attachment_id>/supprimer",
        lambda w, r: f"/pieces-jointes/{w.trashed_file}/supprimer", S(404, 404, 404, 409, 404, 409, 409),
        label="on a trashed resource"),

    # Commons: taxonomy administration (platform admins) ---------------------------------------------------------
    Row("GET", "/admin/taxonomie/", lambda w, r: "/admin/taxonomie/", S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("GET", "/admin/taxonomie/<vocabulary>/", lambda w, r: "/admin/taxonomie/themes/",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/admin/taxonomie/<vocabulary>/", lambda w, r: "/admin/taxonomie/themes/",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(slug="permaculture", label="Permaculture")),
    Row("GET", "/admin/taxonomie/<vocabulary>/<int:term_id>", lambda w, r: f"/admin/taxonomie/themes/{w.theme}",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/admin/taxonomie/<vocabulary>/<int:term_id>", lambda w, r: f"/admin/taxonomie/themes/{w.theme}",
        S(LOGIN, 403, 403, 403, 403, 403, 303), body=form(label="Foncier et terrains")),
    Row("POST", "/admin/taxonomie/<vocabulary>/<int:term_id>/retirer",
        lambda w, r: f"/admin/taxonomie/themes/{w.theme}/retirer", S(LOGIN, 403, 403, 403, 403, 403, 303)),
    Row("POST", "/admin/taxonomie/<vocabulary>/<int:term_id>/reactiver",
        lambda w, r: f"/admin/taxonomie/themes/{w.theme}/reactiver", S(LOGIN, 403, 403, 403, 403, 403, 303)),

    # API: resources -----------------------------------------------------------------------------------------
    Row("GET", "/api/v1/resources/", lambda w, r: "/api/v1/resources/", everyone(200)),
    Row("POST", "/api/v1/resources/", lambda w, r: "/api/v1/resources/",
        S(401, 403, 403, 201, 422, 201, 201), body=resource_json),
    # signed-in people get the trashed resources they may restore: none, for learners and facilitators
    Row("GET", "/api/v1/resources/trash", lambda w, r: "/api/v1/resources/trash",
        S(401, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/api/v1/resources/<int:resource_id>", lambda w, r: f"/api/v1/resources/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="published, partner-only"),
    Row("GET", "/api/v1/resources/<int:resource_id>", lambda w, r: f"/api/v1/resources/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/api/v1/resources/<int:resource_id>", lambda w, r: f"/api/v1/resources/{w.trashed}",
        S(404, 404, 404, 200, 404, 200, 200), label="trashed"),
    Row("PATCH", "/api/v1/resources/<int:resource_id>", lambda w, r: f"/api/v1/resources/{w.pub}",
        S(401, 403, 403, 200, 404, 200, 200), body=json(title="Titre modifié")),
    Row("DELETE", "/api/v1/resources/<int:resource_id>", lambda w, r: f"/api/v1/resources/{w.pub}",
        S(401, 403, 403, 204, 404, 204, 204)),
    Row("POST", "/api/v1/resources/<int:resource_id>/restore", lambda w, r: f"/api/v1/resources/{w.trashed}/restore",
        S(401, 404, 404, 200, 404, 200, 200)),
    Row("POST", "/api/v1/resources/<int:resource_id>/status", lambda w, r: f"/api/v1/resources/{w.pub}/status",
        S(401, 403, 403, 200, 404, 200, 200), body=json(status="archived")),
    Row("POST", "/api/v1/resources/<int:resource_id>/attachments",
        lambda w, r: f"/api/v1/resources/{w.pub}/attachments", S(401, 403, 403, 201, 404, 201, 201),
        body=lambda w, r: pdf_upload()),
    Row("DELETE", "/api/v1/resources/<int:resource_id>/attachments/<int:attachment_id>",
        lambda w, r: f"/api/v1/resources/{w.pub}/attachments/{w.pub_file}", S(401, 403, 403, 204, 404, 204, 204)),
    Row("DELETE", "/api/v1/resources/<int:resource_id>/attachments/<int:attachment_id>",
        lambda w, r: f"/api/v1/resources/{w.trashed}/attachments/{w.trashed_file}",
        S(401, 404, 404, 409, 404, 409, 409), label="on a trashed resource"),

    # API: revisions -----------------------------------------------------------------------------------------
    Row("GET", "/api/v1/resources/<int:resource_id>/revisions", lambda w, r: f"/api/v1/resources/{w.pub}/revisions",
        S(404, 403, 403, 200, 404, 200, 200)),
    Row("GET", "/api/v1/resources/<int:resource_id>/revisions/<int:number>",
        lambda w, r: f"/api/v1/resources/{w.pub}/revisions/1", S(404, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/api/v1/resources/<int:resource_id>/revisions/<int:number>/restore",
        lambda w, r: f"/api/v1/resources/{w.pub}/revisions/1/restore", S(401, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/api/v1/resources/<int:resource_id>/revisions/<int:number>/restore",
        lambda w, r: f"/api/v1/resources/{w.trashed}/revisions/1/restore", S(401, 404, 404, 409, 404, 409, 409),
        label="trashed"),

    # API: taxonomy ------------------------------------------------------------------------------------------
    Row("GET", "/api/v1/taxonomy/", lambda w, r: "/api/v1/taxonomy/", everyone(200)),
    Row("GET", "/api/v1/taxonomy/<any(kinds, themes, phases, licences):vocabulary>",
        lambda w, r: "/api/v1/taxonomy/themes", everyone(200)),
    Row("POST", "/api/v1/taxonomy/<any(kinds, themes, phases, licences):vocabulary>",
        lambda w, r: "/api/v1/taxonomy/themes", S(401, 403, 403, 403, 403, 403, 201),
        body=json(slug="permaculture", label="Permaculture")),
    Row("PATCH", "/api/v1/taxonomy/<any(kinds, themes, phases, licences):vocabulary>/<int:term_id>",
        lambda w, r: f"/api/v1/taxonomy/themes/{w.theme}", S(401, 403, 403, 403, 403, 403, 200),
        body=json(label="Foncier et terrains")),

    # Search: the page, the theme and phase landing pages, the API (what each role finds: tests/commons) -------
    Row("GET", "/recherche", lambda w, r: "/recherche?q=SCI&kind=methode&page=2", everyone(200)),
    Row("GET", "/themes/<slug>", lambda w, r: "/themes/foncier", everyone(200)),
    Row("GET", "/themes/<slug>", lambda w, r: "/themes/inconnu", everyone(404), label="unknown theme"),
    Row("GET", "/phases/<slug>", lambda w, r: "/phases/chantier", everyone(200)),
    Row("GET", "/phases/<slug>", lambda w, r: "/phases/inconnue", everyone(404), label="unknown phase"),
    Row("GET", "/api/v1/search", lambda w, r: "/api/v1/search?q=SCI&theme=foncier", everyone(200)),

]
