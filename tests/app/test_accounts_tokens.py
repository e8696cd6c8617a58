"""Personal API tokens: shown once, stored as a hash, usable as Bearer, revocable by their owner only."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import ApiToken, Role
from app.db import db, utcnow


def create_token(client, name="Synchronisation", **extra):
    response = client.post("/compte/jetons", data={"name": name, **extra})
    assert response.status_code == 201, response.text
    return response, re.search(r"trr_[A-Za-z0-9_-]+", response.text).group(0)


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_created_token_is_shown_once_and_works_on_the_api(client, create_user, login):
    login(create_user(email="camille@example.org"))
    response, clear = create_token(client)
    assert response.headers["Cache-Control"] == "no-store"
    assert clear not in client.get("/compte/jetons").text
    client.post("/deconnexion")
    me = client.get("/api/v1/me", headers=bearer(clear))
    assert me.status_code == 200
    assert me.json["email"] == "camille@example.org"


def test_only_the_hash_is_stored(client, create_user, login):
    login(create_user())
    _response, clear = create_token(client)
    rows = db.session.execute(sa.select(ApiToken.__table__)).all()
    assert len(rows) == 1
    assert all(clear not in str(value) for value in rows[0])
    token = db.session.scalar(sa.select(ApiToken))
    assert token.token_hash == ApiToken.hash(clear)
    assert clear.startswith(token.prefix)


def test_token_list_shows_name_prefix_and_expiry(client, create_user, login):
    login(create_user())
    _response, clear = create_token(client, "Export YesWiki", valid_days="30")
    page = client.get("/compte/jetons").text
    assert "Export YesWiki" in page
    assert clear[:10] in page
    assert clear not in page
    token = db.session.scalar(sa.select(ApiToken))
    assert timedelta(days=29) < token.expires_dt - utcnow() <= timedelta(days=30)


def test_invalid_token_form_is_refused(client, create_user, login):
    login(create_user())
    assert client.post("/compte/jetons", data={"name": ""}).status_code == 422
    assert client.post("/compte/jetons", data={"name": "x", "valid_days": "0"}).status_code == 422
    assert client.post("/compte/jetons", data={"name": "x", "valid_days": "bientôt"}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_revoked_token_gets_401(client, create_user, login):
    login(create_user())
    _response, clear = create_token(client)
    token_id = db.session.scalar(sa.select(ApiToken.id))
    revoked = client.post(f"/compte/jetons/{token_id}/revoquer", follow_redirects=True)
    assert "Le jeton « Synchronisation » a été révoqué." in revoked.text
    assert "<td>Synchronisation</td>" not in client.get("/compte/jetons").text
    client.post("/deconnexion")
    response = client.get("/api/v1/me", headers=bearer(clear))
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_expired_token_gets_401(client, create_user, login):
    login(create_user())
    _response, clear = create_token(client, valid_days="1")
    db.session.scalar(sa.select(ApiToken)).expires_dt = utcnow() - timedelta(seconds=1)
    db.session.commit()
    client.post("/deconnexion")
    assert client.get("/api/v1/me", headers=bearer(clear)).status_code == 401


def test_someone_else_cannot_revoke_my_token(client, create_user, login):
    login(create_user(email="owner@example.org"))
    _response, clear = create_token(client)
    token_id = db.session.scalar(sa.select(ApiToken.id))
    login(create_user(email="other@example.org"))
    assert client.post(f"/compte/jetons/{token_id}/revoquer").status_code == 404
    assert client.post("/compte/jetons/9999/revoquer").status_code == 404
    client.post("/deconnexion")
    assert client.get("/api/v1/me", headers=bearer(clear)).json["email"] == "owner@example.org"


def test_me_needs_authentication(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 401


def test_me_with_session_lists_memberships(client, create_user, create_partner, login):
    hls = create_partner("hls")
    user = login(create_user(email="camille@example.org", name="Camille", partner=hls, role=Role.FACILITATOR))
    assert client.get("/api/v1/me").json == {
        "id": user.id, "email": "camille@example.org", "name": "Camille", "locale": "fr",
        "is_platform_admin": False, "memberships": [{"partner": "hls", "role": "facilitator"}],
    }
