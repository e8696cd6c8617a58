"""The authorization matrix: every route of the app × every role, with the status each one must get.

One world per test (partners `hls`, the owner, and `co`; one user per role; a published partner-only resource, a
draft and a trashed one, an attachment, revision 1, API tokens, invitations), rebuilt for each (row, role), so a
request that deletes or changes something never leaks into the next one. /api/ routes are called with the
role's bearer token, HTML routes with a session cookie; anonymous visitors send neither.

Expected statuses are what the project requires, not what the code happens to answer: a row here that fails
is a bug in the app, not in the table. `test_every_route_has_a_row` keeps the table complete: a new route
without a row fails, naming it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.security import generate_password_hash

from app.accounts import service as accounts
from app.accounts.models import Membership, Partner, Role, User
from app.db import db

ROLES = ("anon", "learner", "facil", "editor", "other_ed", "p_admin", "admin")
PASSWORD = "mot-de-passe-de-la-matrice"
NEW_PASSWORD = "un-tout-nouveau-secret"
NEW_ACCOUNT = {"name": "Dominique Petit", "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CHEAP_HASH = "pbkdf2:sha256:1000"  # the default hash takes ~0.3 s; these accounts only need to log in

#: a 302 to the login page (the Location is checked too)
LOGIN = "302 → /connexion"


def S(anon, learner, facil, editor, other_ed, p_admin, admin) -> dict[str, Any]:  # noqa: N802 - a table column
    """Expected statuses, one per role, in the order of the table's header."""
    return dict(zip(ROLES, (anon, learner, facil, editor, other_ed, p_admin, admin), strict=True))


def everyone(status) -> dict[str, Any]:
    return dict.fromkeys(ROLES, status)


@dataclass(frozen=True)
class Row:
    method: str
    #: the rule exactly as in app.url_map
    rule: str
    #: (world, role) -> the concrete URL
    url: Callable[[SimpleNamespace, str], str]
    expect: dict[str, Any]
    #: (world, role) -> keyword arguments of the request (json=, data=, ...): a valid body for allowed roles
    body: Callable[[SimpleNamespace, str], dict] | None = None
    #: tells apart several rows of one rule (another resource, another partner...)
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.rule}" + (f" [{self.label}]" if self.label else "")


# Bodies -------------------------------------------------------------------------------------------------------

def pdf_upload(name="plan.pdf") -> dict:
    return {"data": {"file": (io.BytesIO(PDF), name)}, "content_type": "multipart/form-data"}


def resource_json(w, role) -> dict:
    return {"json": {"title": "Monter une SCI", "kind_id": w.kind, "owner_partner_id": w.hls}}


def resource_form(w, role) -> dict:
    return {"data": {"title": "Monter une SCI", "kind_id": w.kind, "owner_partner_id": w.hls,
                     "visibility": "partner", "language": "fr"}}


def edit_form(w, role) -> dict:
    return {"data": {"title": "Titre modifié", "kind_id": w.kind, "owner_partner_id": w.hls,
                     "visibility": "partner", "language": "fr", "version": w.pub_version}}


def own_login(w, role) -> dict:
    """Anonymous visitors sign in as the learner, the others as themselves."""
    return {"data": {"email": w.emails["learner" if role == "anon" else role], "password": PASSWORD}}


def password_change(w, role) -> dict:
    return {"data": {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}}


def form(**data):
    return lambda w, role: {"data": data}


def json(**data):
    return lambda w, role: {"json": data}



# Courses and paths: who edits a course (hls editors and admins), who facilitates a session
EDIT_COURSE_GET = S(LOGIN, 403, 403, 200, 403, 200, 200)
EDIT_COURSE = S(LOGIN, 403, 403, 302, 403, 302, 302)
FACILITATE = S(LOGIN, 403, 200, 403, 403, 200, 200)


def session_form(w, role) -> dict:
    return {"data": {"title": "Session d'été", "enrol_opens_at": "2030-05-01T08:00",
                     "enrol_closes_at": "2030-06-01T08:00", "opens_at": "2030-06-01T08:00",
                     "closes_at": "2030-12-01T08:00"}}


# The matrix ---------------------------------------------------------------------------------------------------
# w.pub: published, visibility "partner", owned by hls: readable by hls members and platform admins only.
# w.draft / w.trashed: hls resources only their editors (hls editor, hls admin, platform admin) may see.
# Someone who may not even see a resource gets 404 before any 403 or login page: it stays invisible.

ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Core ---------------------------------------------------------------------------------------------------------
    Row("GET", "/sante", lambda w, r: "/sante", everyone(200)),
    Row("GET", "/langue/<code>", lambda w, r: "/langue/en?next=/ressources/", everyone(302)),

    # Accounts: login, account, tokens -----------------------------------------------------------------------
    Row("GET", "/connexion", lambda w, r: "/connexion", S(200, 302, 302, 302, 302, 302, 302)),
    Row("POST", "/connexion", lambda w, r: "/connexion", everyone(302), body=own_login),
    Row("POST", "/deconnexion", lambda w, r: "/deconnexion", everyone(302)),
    Row("GET", "/compte", lambda w, r: "/compte", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/compte/profil", lambda w, r: "/compte/profil",
        S(LOGIN, 302, 302, 302, 302, 302, 302), body=form(name="Nouveau Nom", locale="en")),
    Row("POST", "/compte/mot-de-passe", lambda w, r: "/compte/mot-de-passe",
        S(LOGIN, 302, 302, 302, 302, 302, 302), body=password_change),
    Row("GET", "/compte/jetons", lambda w, r: "/compte/jetons", S(LOGIN, 200, 200, 200, 200, 200, 200)),
    Row("POST", "/compte/jetons", lambda w, r: "/compte/jetons",
        S(LOGIN, 201, 201, 201, 201, 201, 201), body=form(name="Mon script", valid_days="30")),
    Row("POST", "/compte/jetons/<int:token_id>/revoquer",
        lambda w, r: f"/compte/jetons/{w.token_ids['editor' if r == 'anon' else r]}/revoquer",
        S(LOGIN, 302, 302, 302, 302, 302, 302), label="own token"),
    Row("POST", "/compte/jetons/<int:token_id>/revoquer",
        lambda w, r: f"/compte/jetons/{w.token_ids['editor']}/revoquer",
        S(LOGIN, 404, 404, 302, 404, 404, 404), label="the editor's token"),

    # Accounts: partners and their members -------------------------------------------------------------------
    Row("GET", "/partenaires/", lambda w, r: "/partenaires/", everyone(200)),
    Row("GET", "/partenaires/<slug>", lambda w, r: "/partenaires/hls", everyone(200)),
    Row("GET", "/partenaires/<slug>/membres", lambda w, r: "/partenaires/hls/membres",
        S(LOGIN, 403, 403, 403, 403, 200, 200), label="hls"),
    Row("GET", "/partenaires/<slug>/membres", lambda w, r: "/partenaires/co/membres",
        S(LOGIN, 403, 403, 403, 403, 403, 200), label="co: hls's admin has no say"),
    Row("POST", "/partenaires/<slug>/membres/<int:membership_id>/role",
        lambda w, r: f"/partenaires/hls/membres/{w.memberships['learner']}/role",
        S(LOGIN, 403, 403, 403, 403, 302, 302), body=form(role="facilitator"), label="the learner"),
    Row("POST", "/partenaires/<slug>/membres/<int:membership_id>/role",
        lambda w, r: f"/partenaires/hls/membres/{w.memberships['other_ed']}/role",
        S(LOGIN, 403, 403, 403, 403, 404, 404), body=form(role="admin"), label="a co membership via hls"),
    Row("POST", "/partenaires/<slug>/membres/<int:membership_id>/retirer",
        lambda w, r: f"/partenaires/hls/membres/{w.memberships['learner']}/retirer",
        S(LOGIN, 403, 403, 403, 403, 302, 302)),
    Row("POST", "/partenaires/<slug>/invitations", lambda w, r: "/partenaires/hls/invitations",
        S(LOGIN, 403, 403, 403, 403, 201, 201), body=form(email="camille@example.org", role="editor")),
    Row("POST", "/partenaires/<slug>/invitations/<int:invitation_id>/annuler",
        lambda w, r: f"/partenaires/hls/invitations/{w.invitation_id}/annuler",
        S(LOGIN, 403, 403, 403, 403, 302, 302)),

    # Accounts: an invitation link. It is addressed to one e-mail: another signed-in account may neither see nor
    # use it (403), or a forwarded link would give its role (admin, say) to whoever clicks it. Anonymous visitors
    # create the invited account (newcomer), or are asked to sign in first when it exists (409 on POST).
    Row("GET", "/invitation/<token>", lambda w, r: f"/invitation/{w.invitation_token}",
        S(200, 403, 403, 403, 403, 403, 403), label="for a newcomer"),
    Row("POST", "/invitation/<token>", lambda w, r: f"/invitation/{w.invitation_token}",
        S(302, 403, 403, 403, 403, 403, 403), body=lambda w, r: {"data": NEW_ACCOUNT}, label="for a newcomer"),
    Row("GET", "/invitation/<token>", lambda w, r: f"/invitation/{w.learner_invitation_token}",
        S(200, 200, 403, 403, 403, 403, 403), label="for the learner"),
    Row("POST", "/invitation/<token>", lambda w, r: f"/invitation/{w.learner_invitation_token}",
        S(409, 302, 403, 403, 403, 403, 403), body=lambda w, r: {"data": NEW_ACCOUNT}, label="for the learner"),

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

    # API: documentation, account, partners ------------------------------------------------------------------
    Row("GET", "/api/v1/openapi.json", lambda w, r: "/api/v1/openapi.json", everyone(200)),
    Row("GET", "/api/v1/docs", lambda w, r: "/api/v1/docs", everyone(200)),
    Row("GET", "/api/v1/me", lambda w, r: "/api/v1/me", S(401, 200, 200, 200, 200, 200, 200)),
    Row("GET", "/api/v1/partners/", lambda w, r: "/api/v1/partners/", everyone(200)),
    Row("GET", "/api/v1/partners/<slug>", lambda w, r: "/api/v1/partners/hls", everyone(200)),
    Row("GET", "/api/v1/partners/<slug>/members", lambda w, r: "/api/v1/partners/hls/members",
        S(401, 403, 403, 403, 403, 200, 200), label="hls"),
    Row("GET", "/api/v1/partners/<slug>/members", lambda w, r: "/api/v1/partners/co/members",
        S(401, 403, 403, 403, 403, 403, 200), label="co: hls's admin has no say"),

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

    # Partners: portals, embeds, oEmbed, design and integration settings, onboarding, governance ----------------
    Row("GET", "/p/<slug>/", lambda w, r: "/p/hls/", everyone(200)),
    Row("GET", "/p/<slug>/recherche", lambda w, r: "/p/hls/recherche?q=SCI", everyone(200)),
    Row("GET", "/p/<slug>/ressources/<int:resource_id>", lambda w, r: f"/p/co/ressources/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="published, partner-only, on co's portal"),
    Row("GET", "/p/<slug>/ressources/<int:resource_id>", lambda w, r: f"/p/hls/ressources/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/p/<slug>/logo", lambda w, r: "/p/hls/logo", everyone(404), label="no logo yet"),
    Row("GET", "/p/<slug>/apparence", lambda w, r: "/p/hls/apparence", S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/p/<slug>/apparence", lambda w, r: "/p/hls/apparence", S(LOGIN, 403, 403, 403, 403, 302, 302),
        body=form(primary_colour="#1f5f8b", accent_colour="#8a5a00", typeface="lora")),
    Row("GET", "/p/<slug>/integrations", lambda w, r: "/p/hls/integrations", S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/p/<slug>/integrations", lambda w, r: "/p/co/integrations", S(LOGIN, 403, 403, 403, 403, 403, 200),
        label="co: hls's admin has no say"),
    Row("POST", "/p/<slug>/integrations", lambda w, r: "/p/hls/integrations",
        S(LOGIN, 403, 403, 403, 403, 302, 302), body=form(search_scope="commons", frame_origins="https://wiki.example")),
    # an embed of a partner-only resource opens for those who may read it (same-site cookie) or with a signed link
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/hls/resource/{w.pub}",
        S(404, 200, 200, 200, 404, 200, 200), label="partner-only, no link"),
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/co/resource/{w.pub}?jeton=" + __import__(
        "partners.embeds", fromlist=["sign_embed"]).sign_embed("resource", w.pub, db.session.get(Partner, w.co)),
        everyone(200), label="partner-only, signed link for co"),
    Row("GET", "/embed/<slug>/<kind>/<int:object_id>", lambda w, r: f"/embed/hls/resource/{w.draft}",
        S(404, 404, 404, 200, 404, 200, 200), label="draft"),
    Row("GET", "/oembed", lambda w, r: f"/oembed?url=http://localhost/ressources/{w.pub}", everyone(401),
        label="partner-only: not for oEmbed consumers"),
    Row("GET", "/gouvernance", lambda w, r: "/gouvernance", everyone(200)),
    Row("GET", "/admin/partenaires/nouveau", lambda w, r: "/admin/partenaires/nouveau",
        S(LOGIN, 403, 403, 403, 403, 403, 200)),
    Row("POST", "/admin/partenaires/nouveau", lambda w, r: "/admin/partenaires/nouveau",
        S(LOGIN, 403, 403, 403, 403, 403, 201), body=form(
            name="Réseau des Alpes", short_name="RDA", slug="reseau-alpes", primary_colour="#1d4f6e",
            accent_colour="#8a4b08", admin_email="coordination@alpes.example.org")),
    # partners.interop ---------------------------------------------------------------------------------------
    # publishing: public to everyone, showing only public published resources (w.pub is partner-only)
    Row("GET", "/yeswiki/", lambda w, r: "/yeswiki/?api/forms/1/entries", everyone(200)),
    Row("GET", "/yeswiki/", lambda w, r: f"/yeswiki/?TerreauRessource{w.pub}", everyone(404),
        label="partner-only entry page"),
    Row("GET", "/.well-known/context.jsonld", lambda w, r: "/.well-known/context.jsonld", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>", lambda w, r: "/ldp/resources",
        everyone(200)),
    Row("GET", "/ldp/resources/compact", lambda w, r: "/ldp/resources/compact", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>/<key>",
        lambda w, r: "/ldp/themes/foncier", everyone(200)),
    Row("GET", "/ldp/<any(resources, themes, kinds, partners):container>/<key>",
        lambda w, r: f"/ldp/resources/{w.pub}", everyone(404), label="partner-only resource"),
    Row("GET", "/ldp/outbox", lambda w, r: "/ldp/outbox?page=1", everyone(200)),
    Row("GET", "/oai", lambda w, r: "/oai?verb=ListRecords&metadataPrefix=oai_dc", everyone(200)),
    Row("POST", "/oai", lambda w, r: "/oai", everyone(200), body=form(verb="Identify")),
    # sync sources: partner admins of the owner (hls) and platform admins
    Row("GET", "/partenaires/synchronisation/", lambda w, r: "/partenaires/synchronisation/",
        S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/partenaires/synchronisation/nouvelle", lambda w, r: "/partenaires/synchronisation/nouvelle",
        S(LOGIN, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/partenaires/synchronisation/nouvelle", lambda w, r: "/partenaires/synchronisation/nouvelle",
        S(LOGIN, 403, 403, 403, 403, 302, 302),
        body=lambda w, r: {"data": {"name": "Wiki", "connector": "yeswiki", "url": "http://127.0.0.1:8061/",
                                    "form_id": "1", "partner_id": w.hls}}),
    Row("GET", "/partenaires/synchronisation/<int:source_id>",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}", S(LOGIN, 404, 404, 404, 404, 200, 200)),
    Row("GET", "/partenaires/synchronisation/<int:source_id>/correspondances",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/correspondances",
        S(LOGIN, 404, 404, 404, 404, 200, 200)),
    Row("POST", "/partenaires/synchronisation/<int:source_id>/correspondances",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/correspondances",
        S(LOGIN, 404, 404, 404, 404, 200, 200), body=form(title="bf_titre")),  # remote down: shown, not saved
    Row("POST", "/partenaires/synchronisation/<int:source_id>/lancer",
        lambda w, r: f"/partenaires/synchronisation/{w.sync_source}/lancer", S(LOGIN, 404, 404, 404, 404, 302, 302)),
    # pending changes: editors of the resource (w.pub belongs to hls)
    Row("GET", "/partenaires/synchronisation/modifications", lambda w, r: "/partenaires/synchronisation/modifications",
        S(LOGIN, 403, 403, 200, 200, 200, 200)),
    Row("POST", "/partenaires/synchronisation/modifications/<int:change_id>/accepter",
        lambda w, r: f"/partenaires/synchronisation/modifications/{w.pending_change}/accepter",
        S(LOGIN, 404, 404, 302, 404, 302, 302)),
    Row("POST", "/partenaires/synchronisation/modifications/<int:change_id>/refuser",
        lambda w, r: f"/partenaires/synchronisation/modifications/{w.pending_change}/refuser",
        S(LOGIN, 404, 404, 302, 404, 302, 302)),
    # the sync API: partner admins of the owner (hls) and platform admins
    Row("GET", "/api/v1/interop/sources", lambda w, r: "/api/v1/interop/sources", S(401, 403, 403, 403, 403, 200, 200)),
    Row("GET", "/api/v1/interop/sources/<int:source_id>/runs",
        lambda w, r: f"/api/v1/interop/sources/{w.sync_source}/runs", S(401, 403, 403, 403, 403, 200, 200)),
    Row("POST", "/api/v1/interop/sources/<int:source_id>/run",
        lambda w, r: f"/api/v1/interop/sources/{w.sync_source}/run", S(401, 403, 403, 403, 403, 202, 202)),
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
    Row("GET", "/sessions/invitation/<token>", lambda w, r: f"/sessions/invitation/{w.session_invitation}",
        S(LOGIN, 200, 403, 403, 403, 403, 403)),
    Row("POST", "/sessions/invitation/<token>", lambda w, r: f"/sessions/invitation/{w.session_invitation}",
        S(LOGIN, 302, 403, 403, 403, 403, 403)),
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
    # Media: files, captions, upload page, editors' actions, tus uploads, asset API ---------------------------
    # w.media: a transcoded asset of w.pub (with French captions); w.upload: a tus upload the hls editor started
    Row("GET", "/medias/<int:asset_id>/<revision>/<path:name>",
        lambda w, r: f"/medias/{w.media.asset}/{w.media.revision}/360p.mp4", S(404, 200, 200, 200, 404, 200, 200)),
    Row("GET", "/medias/integration/<token>/<path:name>",
        lambda w, r: f"/medias/integration/{w.media.token}/hls/master.m3u8", everyone(200)),
    Row("GET", "/medias/<int:asset_id>/sous-titres/<language>.vtt",
        lambda w, r: f"/medias/{w.media.asset}/sous-titres/fr.vtt", S(404, 200, 200, 200, 404, 200, 200)),
    Row("GET", "/medias/deposer/<owner_type>/<int:owner_id>", lambda w, r: f"/medias/deposer/resource/{w.pub}",
        S(404, 403, 403, 200, 404, 200, 200)),
    Row("POST", "/medias/<int:asset_id>/relancer", lambda w, r: f"/medias/{w.media.asset}/relancer",
        S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/medias/<int:asset_id>/retirer", lambda w, r: f"/medias/{w.media.asset}/retirer",
        S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/medias/<int:asset_id>/sous-titres", lambda w, r: f"/medias/{w.media.asset}/sous-titres",
        S(404, 403, 403, 302, 404, 302, 302), body=lambda w, r: vtt_upload()),
    Row("POST", "/medias/<int:asset_id>/sous-titres/<language>/retirer",
        lambda w, r: f"/medias/{w.media.asset}/sous-titres/fr/retirer", S(404, 403, 403, 302, 404, 302, 302)),
    Row("POST", "/api/v1/media/uploads", lambda w, r: "/api/v1/media/uploads",
        S(401, 403, 403, 201, 404, 201, 201), body=lambda w, r: tus_creation(w.pub)),
    Row("PATCH", "/api/v1/media/uploads/<upload_id>", lambda w, r: f"/api/v1/media/uploads/{w.media.upload}",
        S(401, 404, 404, 204, 404, 404, 404), body=lambda w, r: tus_chunk()),
    Row("DELETE", "/api/v1/media/uploads/<upload_id>", lambda w, r: f"/api/v1/media/uploads/{w.media.upload}",
        S(401, 404, 404, 204, 404, 404, 404), body=lambda w, r: {"headers": dict(TUS_HEADERS)}),
    Row("GET", "/api/v1/media/<int:asset_id>", lambda w, r: f"/api/v1/media/{w.media.asset}",
        S(404, 200, 200, 200, 404, 200, 200)),
    Row("POST", "/api/v1/media/<int:asset_id>/requeue", lambda w, r: f"/api/v1/media/{w.media.asset}/requeue",
        S(401, 403, 403, 202, 404, 202, 202)),
    Row("GET", "/api/v1/media/<int:asset_id>/position", lambda w, r: f"/api/v1/media/{w.media.asset}/position",
        S(401, 200, 200, 200, 404, 200, 200)),
    Row("PUT", "/api/v1/media/<int:asset_id>/position", lambda w, r: f"/api/v1/media/{w.media.asset}/position",
        S(401, 200, 200, 200, 404, 200, 200), body=json(position=12.5)),
    Row("GET", "/api/v1/media/<int:asset_id>/signed-urls",
        lambda w, r: f"/api/v1/media/{w.media.asset}/signed-urls", S(401, 403, 403, 200, 404, 200, 200)),
]

OBS_IMPORT_CSV = "nom,commune,departement,type,phase\nLes Choux Lents,Lyon,69,habitat,chantier\n"

# Media bodies and world ---------------------------------------------------------------------------------------
TUS_HEADERS = {"Tus-Resumable": "1.0.0"}
VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBonjour\n"


def vtt_upload() -> dict:
    return {"data": {"language": "fr", "file": (io.BytesIO(VTT), "fr.vtt")}, "content_type": "multipart/form-data"}


def tus_creation(resource_id: int) -> dict:
    import base64

    owner = base64.b64encode(f"resource:{resource_id}".encode()).decode()
    return {"headers": {**TUS_HEADERS, "Upload-Length": "10", "Upload-Metadata": f"owner {owner}"}}


def tus_chunk() -> dict:
    return {"data": b"\x00" * 4, "headers": {**TUS_HEADERS, "Upload-Offset": "0",
                                             "Content-Type": "application/offset+octet-stream"}}


def media_world(resource_id: int, editor, admin) -> SimpleNamespace:
    """A ready asset of the resource (small stand-in files: the routes serve bytes, they do not decode them),
    French captions, and a tus upload started by `editor`."""
    from flask import current_app

    from media import service as media
    from media import uploads
    from media.models import JobState, MediaAsset, Rendition
    from media.owners import OwnerRef
    from media.storage import get_storage, new_folder_key, new_key

    storage = get_storage()
    original, output = new_key("originals", "mp4"), new_folder_key("renditions")
    storage.path(original).parent.mkdir(parents=True, exist_ok=True)
    storage.path(original).write_bytes(b"not really a video")
    folder = storage.make_folder(output)
    (folder / "hls").mkdir()
    for name in ("360p.mp4", "hls/master.m3u8", "hls/360p.m3u8", "hls/360p.m4s"):
        (folder / name).write_bytes(b"#EXTM3U\n")
    asset = MediaAsset(owner_type="resource", owner_id=resource_id, filename="film.mp4", original_key=original,
                       mime_type="video/mp4", size=18, output_key=output, state=JobState.READY, progress=100,
                       renditions=[Rendition(label="360p", width=640, height=360, size=8, bitrate=1000)])
    db.session.add(asset)
    db.session.flush()
    media.save_caption(asset, "fr", VTT, admin)
    upload = uploads.create_upload(OwnerRef("resource", resource_id), editor, 10, {})
    with current_app.test_request_context():
        token = media.signed_token(asset)
    return SimpleNamespace(asset=asset.id, revision=asset.revision, token=token, upload=upload.id,
                           folders=[original, output, upload.temp_key])


#: GET API routes also checked with the session cookie instead of the bearer token
COOKIE_CHECKED = {"/api/v1/me", "/api/v1/partners/<slug>/members", "/api/v1/resources/trash",
                  "/api/v1/resources/<int:resource_id>", "/api/v1/resources/<int:resource_id>/revisions"}


# The world ----------------------------------------------------------------------------------------------------

@pytest.fixture
def world(app_ctx, app):
    """Everything the rows point at, committed; ids only, so nothing goes stale between requests."""
    from commons import service as commons
    from commons.attachments import add_attachment
    from commons.models import Attachment, Kind, Status, Theme, Visibility
    from commons.seed import seed_taxonomy
    from media.storage import get_storage

    with db.session.no_autoflush:  # one flush for the whole taxonomy rather than one per term
        seed_taxonomy()
    hls = Partner(slug="hls", name="Hameaux Légers", short_name="HLS")
    co = Partner(slug="co", name="Coopérative Oasis", short_name="CO")
    people = {
        "learner": ("apprenant@hls.example", hls, Role.LEARNER),
        "facil": ("animatrice@hls.example", hls, Role.FACILITATOR),
        "editor": ("editrice@hls.example", hls, Role.EDITOR),
        "other_ed": ("editeur@co.example", co, Role.EDITOR),
        "p_admin": ("admin@hls.example", hls, Role.ADMIN),
        "admin": ("plateforme@example.org", None, None),
    }
    cheap_hash = generate_password_hash(PASSWORD, method=CHEAP_HASH)
    users = {alias: User(email=email, name=alias.title(), password_hash=cheap_hash, is_platform_admin=alias == "admin")
             for alias, (email, _, _) in people.items()}
    member_of = {alias: Membership(user=users[alias], partner=partner, role=role)
                 for alias, (_, partner, role) in people.items() if partner is not None}
    db.session.add_all([hls, co, *users.values(), *member_of.values()])
    db.session.flush()
    memberships = {alias: membership.id for alias, membership in member_of.items()}
    tokens, token_ids = {}, {}
    for alias, user in users.items():
        token, tokens[alias] = accounts.create_api_token(user, "matrice")
        token_ids[alias] = token.id

    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "methode"))
    admin = users["admin"]

    def resource(title, status=None, trashed=False):
        made = commons.create_resource({"title": title, "kind_id": kind, "owner_partner_id": hls.id,
                                        "visibility": Visibility.PARTNER}, admin)
        if status is not None:
            commons.change_status(made, status, admin)
        if trashed:
            commons.trash_resource(made, admin)
        return made

    def attach(target):
        upload = FileStorage(stream=io.BytesIO(PDF), filename="plan.pdf", content_type="application/pdf")
        return add_attachment(target, upload, admin).id

    pub = resource("Ressource publiée réservée à HLS", Status.PUBLISHED)
    draft = resource("Brouillon de HLS")
    trashed = resource("Ressource de HLS à la corbeille", Status.PUBLISHED)
    pub_file, trashed_file = attach(pub), attach(trashed)
    commons.trash_resource(trashed, admin)

    invitation, invitation_token = accounts.create_invitation(hls, "nouvelle@example.org", Role.EDITOR,
                                                              users["p_admin"])
    _, learner_invitation_token = accounts.create_invitation(hls, people["learner"][0], Role.FACILITATOR,
                                                             users["p_admin"])
    world = SimpleNamespace(
        hls=hls.id, co=co.id, kind=kind, theme=db.session.scalar(sa.select(Theme.id).where(Theme.slug == "foncier")),
        users={alias: user.id for alias, user in users.items()}, emails={a: p[0] for a, p in people.items()},
        memberships=memberships, tokens=tokens, token_ids=token_ids,
        pub=pub.id, pub_version=pub.version, draft=draft.id, trashed=trashed.id,
        pub_file=pub_file, trashed_file=trashed_file,
        invitation_id=invitation.id, invitation_token=invitation_token,
        learner_invitation_token=learner_invitation_token,
    )
    # partners.interop: a source of hls (remote down) and a pending change on w.pub
    from partners.interop.models import PendingChange, SyncRecord, SyncSource

    source = SyncSource(slug="wiki-hls", name="Wiki HLS", connector="yeswiki", url="http://127.0.0.1:9/", form_id="1",
                        partner_id=hls.id, created_by_id=users["p_admin"].id, mapping={})
    record = SyncRecord(source=source, external_id="FicheHls", resource_id=pub.id, synced_version=pub.version - 1)
    change = PendingChange(record=record, preview={"title": "Titre venu du wiki"}, data={
        "title": "Titre venu du wiki", "kind_id": kind, "owner_partner_id": hls.id, "visibility": "partner"})
    db.session.add_all([source, record, change])
    db.session.flush()
    world.sync_source, world.pending_change = source.id, change.id
    from tests.observatory.matrix_world import observatory_world  # observatory (appended)

    world.obs = observatory_world(users, hls, co, pub)
    world.media = media_world(pub.id, users["editor"], admin)
    db.session.commit()
    _courses_and_paths_world(world, users)
    yield world

    db.session.rollback()
    storage = get_storage()
    for key in db.session.scalars(sa.select(Attachment.storage_key)):
        storage.path(key).unlink(missing_ok=True)
    for key in world.media.folders:
        target = storage.path(key)
        if target.is_dir():
            storage.delete_folder(key)
        else:
            target.unlink(missing_ok=True)


def request_as(client, world, row: Row, role: str, *, cookie: bool = False):
    """Send the row's request as `role`: bearer token on /api/ (unless `cookie`), session cookie elsewhere."""
    kwargs = row.body(world, role) if row.body else {}
    headers = kwargs.setdefault("headers", {})
    if role != "anon":
        if row.rule.startswith("/api/") and not cookie:
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            with client.session_transaction() as session:
                session["_user_id"] = str(world.users[role])
                session["_fresh"] = True
    return client.open(row.url(world, role), method=row.method, **kwargs)


def check(response, expected, row: Row, role: str) -> None:
    where = f"{row.id} as {role}"
    location = urlsplit(response.headers.get("Location", "")).path
    if expected == LOGIN:
        assert response.status_code == 302, f"{where}: {response.status_code}, expected the login page"
        assert location == "/connexion", f"{where}: redirected to {location!r}, expected /connexion"
        return
    assert response.status_code == expected, (
        f"{where}: {response.status_code}, expected {expected}\n{response.get_data(as_text=True)[:500]}")
    if expected in (301, 302, 303):
        assert location != "/connexion", f"{where}: sent to the login page"


def _cases(rows, roles=ROLES):
    return [pytest.param(row, role, id=f"{row.id} as {role}") for row in rows for role in roles]


# Tests --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "role"), _cases(ROWS))
def test_authorization(client, world, row: Row, role: str):
    check(request_as(client, world, row, role), row.expect[role], row, role)


@pytest.mark.parametrize(("row", "role"), _cases(
    [row for row in ROWS if row.method == "GET" and row.rule in COOKIE_CHECKED], ROLES[1:]))
def test_session_cookie_gets_the_same_answer_as_the_token(client, world, row: Row, role: str):
    check(request_as(client, world, row, role, cookie=True), row.expect[role], row, role)


#                         anon   learner facil  editor other_ed p_admin admin
LISTED = {"pub":        S(False, True,   True,  True,  False,   True,   True),
          "draft":      S(False, False,  False, True,  False,   True,   True),
          "trashed":    S(False, False,  False, False, False,   False,  False)}
IN_TRASH = S(False, False, False, True, False, True, True)


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_what_each_role_may_see(client, world, role):
    """The statuses above say who may open a resource; the lists must agree, or they leak titles."""
    from commons.models import Resource

    titles = dict(db.session.execute(sa.select(Resource.id, Resource.title)).all())

    def fetch(url):
        return request_as(client, world, Row("GET", url, lambda w, r: url, {}), role)

    listed = {item["id"] for item in fetch("/api/v1/resources/?per_page=100").json["items"]}
    catalogue = fetch("/ressources/").get_data(as_text=True)
    for name, expected in LISTED.items():
        resource_id = getattr(world, name)
        assert (resource_id in listed) is expected[role], f"API list, {name} as {role}"
        assert (titles[resource_id] in catalogue) is expected[role], f"catalogue page, {name} as {role}"
    if role == "anon":
        assert fetch("/api/v1/resources/trash").status_code == 401
    else:
        trash = {item["id"] for item in fetch("/api/v1/resources/trash").json["items"]}
        assert (world.trashed in trash) is IN_TRASH[role], f"API trash as {role}"


def test_every_route_has_a_row(app):
    """Adding a route without saying who may use it fails here, naming the route."""
    routed = {(method, rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint != "static" and not rule.endpoint.endswith(".static")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    tabled = {(row.method, row.rule) for row in ROWS}
    missing = sorted(routed - tabled)
    unknown = sorted(tabled - routed)
    assert not missing, "routes without a row in the authorization matrix: " + ", ".join(
        f"{method} {rule}" for method, rule in missing)
    assert not unknown, "rows for routes the app does not have: " + ", ".join(
        f"{method} {rule}" for method, rule in unknown)


def test_every_row_names_every_role():
    for row in ROWS:
        assert set(row.expect) == set(ROLES), row.id
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids)), "two rows share a method, rule and label"


def _courses_and_paths_world(world, users):
    """A published hls course, a session open today facilitated by `facil` with `learner` enrolled, another
    learner's attestation, a done CSV export, a session invitation for the learner, and a bundle to import."""
    from datetime import timedelta

    from app.db import utcnow
    from courses import service as courses
    from courses.bundles import export_bundle
    from paths import service as paths
    from paths.models import Enrolment, ExportJob
    from paths.tasks import produce_export

    admin = users["admin"]
    course = courses.create_course({"title": "Habiter léger", "owner_partner_id": world.hls}, admin)
    first, second = courses.add_sequence(course, "Comprendre"), courses.add_sequence(course, "Agir")
    step = courses.add_step(first, {"title": "Bienvenue"})
    step2 = courses.add_step(second, {"title": "Conclusion"})
    courses.set_published(course, True)
    now = utcnow()
    session = paths.create_session(course, {
        "title": "Printemps", "enrol_opens_at": now - timedelta(days=2), "enrol_closes_at": now + timedelta(days=9),
        "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=90), "capacity": None,
        "facilitator_ids": [world.users["facil"]]})
    paths.enrol(session, users["learner"])
    graduate = User(email="diplome@example.org", name="Diplômé", password_hash=None)
    db.session.add(graduate)
    db.session.flush()
    db.session.add(Enrolment(session_id=session.id, user_id=graduate.id, steps_done=2, completed_dt=now,
                             attestation_code="attestation-de-la-matrice"))
    invitation = paths.invite(session, world.emails["learner"], admin)
    export = ExportJob(session_id=session.id, requested_by_id=admin.id)
    db.session.add(export)
    db.session.commit()
    produce_export(export.id)
    world.course, world.seq, world.seq2, world.step, world.step2 = course.id, first.id, second.id, step.id, step2.id
    world.session, world.export, world.attestation = session.id, export.id, "attestation-de-la-matrice"
    world.session_invitation = paths._serializer().dumps(invitation.id)
    world.bundle = export_bundle(course)
