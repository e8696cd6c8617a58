"""Logging in and out: credentials, the `next` redirect, remember-me, rate limiting and CSRF."""

from __future__ import annotations

import re

from app.accounts.models import User
from app.db import db

PASSWORD = "mot-de-passe-solide"


def post_login(client, email, password=PASSWORD, **extra):
    return client.post("/connexion", data={"email": email, "password": password, **extra})


def test_login_page_is_in_french(client):
    response = client.get("/connexion")
    assert response.status_code == 200
    assert "Connexion" in response.text
    assert 'name="password"' in response.text


def test_login_success_opens_the_account(client, create_user):
    user = create_user(email="camille@example.org")
    response = post_login(client, "Camille@Example.org ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/compte").status_code == 200
    assert db.session.get(User, user.id).last_login_dt is not None


def test_wrong_password_and_unknown_email_get_the_same_answer(client, create_user):
    create_user(email="camille@example.org")
    wrong_password = post_login(client, "camille@example.org", "pas-le-bon-mot")
    unknown_email = post_login(client, "personne@example.org")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 422
        assert "Adresse e-mail ou mot de passe incorrect." in response.text
    assert client.get("/compte").status_code == 302


def test_deactivated_account_cannot_log_in(client, create_user):
    user = create_user(email="parti@example.org")
    user.is_active_account = False
    db.session.commit()
    assert post_login(client, "parti@example.org").status_code == 422


def test_missing_fields_are_reported(client):
    response = client.post("/connexion", data={"email": "", "password": ""})
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in response.text


def test_login_goes_back_to_a_local_next(client, create_user):
    create_user(email="camille@example.org")
    response = post_login(client, "camille@example.org", next="/compte/jetons")
    assert response.headers["Location"] == "/compte/jetons"


def test_login_ignores_an_external_next(client, create_user):
    create_user(email="camille@example.org")
    for target in ("https://evil.example/vol", "//evil.example/vol", "javascript:alert(1)"):
        response = post_login(client, "camille@example.org", next=target)
        assert response.status_code == 302
        assert response.headers["Location"] == "/"


def test_login_page_redirects_people_already_logged_in(client, create_user, login):
    login(create_user())
    response = client.get("/connexion?next=/compte")
    assert response.headers["Location"] == "/compte"


def test_protected_page_sends_to_login_with_next(client):
    response = client.get("/compte")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?next=")
    assert "compte" in response.headers["Location"]


def test_remember_me_sets_the_long_lived_cookie(client, create_user):
    create_user(email="camille@example.org")
    response = post_login(client, "camille@example.org", remember="on")
    assert "remember_token=" in " ".join(response.headers.getlist("Set-Cookie"))


def test_too_many_attempts_get_429(app, client, create_user, monkeypatch):
    create_user(email="camille@example.org")
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    for _attempt in range(3):
        assert post_login(client, "camille@example.org", "mauvais").status_code == 422
    response = post_login(client, "camille@example.org")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.text
    assert client.get("/connexion").status_code == 200  # reading the form is not limited


def test_logout_ends_the_session(client, create_user, login):
    login(create_user())
    response = client.post("/deconnexion")
    assert response.status_code == 302
    assert client.get("/compte").status_code == 302


def test_logout_needs_post(client, create_user, login):
    login(create_user())
    assert client.get("/deconnexion").status_code == 405
    assert client.get("/compte").status_code == 200


def test_login_without_csrf_token_is_refused_when_csrf_is_on(app, client, create_user, monkeypatch):
    create_user(email="camille@example.org")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert post_login(client, "camille@example.org").status_code == 400
    page = client.get("/connexion").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert post_login(client, "camille@example.org", csrf_token=token).status_code == 302
