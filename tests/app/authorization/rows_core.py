"""Rows of the core: health, language, accounts, partners and members, invitations, the API's own routes."""

from __future__ import annotations

from tests.app.authorization.table import (
    LOGIN,
    NEW_ACCOUNT,
    Row,
    S,
    everyone,
    form,
    own_login,
    password_change,
)

ROWS: list[Row] = [
    # S(anon, learner, facil, editor, other_ed, p_admin, admin); LOGIN: 302 to /connexion
    # Core ---------------------------------------------------------------------------------------------------------
    Row("GET", "/sante", lambda w, r: "/sante", everyone(200)),
    Row("GET", "/favicon.ico", lambda w, r: "/favicon.ico", everyone(301)),
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

]
