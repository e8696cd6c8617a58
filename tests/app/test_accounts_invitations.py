"""Invitations: a partner admin makes a signed link; the invited person joins once, with the invited role."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.accounts import service
from app.accounts.models import Invitation, Membership, Role, User
from app.db import db

NEW_ACCOUNT = {"name": "Dominique Petit", "password": "un-secret-tres-long", "password_confirm": "un-secret-tres-long"}


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def admin(create_user, hls):
    return create_user(email="admin@hls.org", name="Alex Admin", partner=hls, role=Role.ADMIN)


def invite(client, email="dominique@example.org", role="editor", slug="hls"):
    """Create an invitation through the member admin page and return the link it shows."""
    response = client.post(f"/partenaires/{slug}/invitations", data={"email": email, "role": role})
    assert response.status_code == 201, response.text
    return re.search(r'(http://localhost/invitation/[^<"\s]+)', response.text).group(1)


def membership(email, partner_slug="hls"):
    user = service.find_user_by_email(email)
    if user is None:
        return None
    return db.session.scalar(sa.select(Membership).where(Membership.user_id == user.id))


def test_admin_invites_and_a_new_person_creates_an_account(client, login, admin):
    login(admin)
    link = invite(client, "Dominique@Example.org", "editor")
    assert "Dominique@Example.org".lower() in client.get("/partenaires/hls/membres").text
    client.post("/deconnexion")

    page = client.get(link)
    assert page.status_code == 200
    assert "dominique@example.org" in page.text
    response = client.post(link, data=NEW_ACCOUNT)
    assert response.status_code == 302
    assert response.headers["Location"] == "/partenaires/hls"
    joined = membership("dominique@example.org")
    assert joined.role == Role.EDITOR
    assert joined.user.name == "Dominique Petit"
    assert joined.user.check_password(NEW_ACCOUNT["password"])
    assert client.get("/api/v1/me").json["memberships"] == [{"partner": "hls", "role": "editor"}]


def test_a_link_works_once(client, login, admin):
    login(admin)
    link = invite(client)
    client.post("/deconnexion")
    assert client.post(link, data=NEW_ACCOUNT).status_code == 302
    client.post("/deconnexion")
    reused = client.get(link)
    assert reused.status_code == 410
    assert "déjà été utilisée" in reused.text
    assert client.post(link, data=NEW_ACCOUNT).status_code == 410


def test_expired_link_is_refused(app, client, login, admin, monkeypatch):
    login(admin)
    link = invite(client)
    client.post("/deconnexion")
    monkeypatch.setitem(app.config, "INVITATION_MAX_AGE", timedelta(seconds=-1))
    response = client.post(link, data=NEW_ACCOUNT)
    assert response.status_code == 410
    assert "expiré" in response.text
    assert service.find_user_by_email("dominique@example.org") is None


def test_tampered_link_is_refused(client, login, admin):
    login(admin)
    link = invite(client)
    response = client.get(link[:-3] + "xyz")
    assert response.status_code == 400
    assert "pas valide" in response.text


def test_revoked_invitation_is_refused(client, login, admin):
    login(admin)
    link = invite(client)
    invitation_id = db.session.scalar(sa.select(Invitation.id))
    revoked = client.post(f"/partenaires/hls/invitations/{invitation_id}/annuler", follow_redirects=True)
    assert "dominique@example.org a été annulée." in revoked.text
    assert "dominique@example.org" not in client.get("/partenaires/hls/membres").text
    client.post("/deconnexion")
    response = client.get(link)
    assert response.status_code == 410
    assert "annulée" in response.text


def test_a_new_invitation_replaces_the_pending_one(client, login, logout, admin):
    login(admin)
    first = invite(client, role="learner")
    second = invite(client, role="editor")
    assert client.get("/partenaires/hls/membres").text.count("<strong>dominique@example.org</strong>") == 1
    logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_logged_in_person_accepts_with_a_button(client, login, admin, create_user):
    login(admin)
    link = invite(client, "sam@example.org", "facilitator")
    login(create_user(email="sam@example.org"))
    page = client.get(link)
    assert "Accepter l'invitation" in page.text
    assert client.post(link).status_code == 302
    assert membership("sam@example.org").role == Role.FACILITATOR


def test_a_forwarded_link_grants_nothing_to_another_account(client, login, logout, admin, create_user, hls):
    login(admin)
    link = invite(client, role="admin")
    intruder = create_user(email="quelquun@example.org", partner=hls, role=Role.LEARNER)
    logout()
    login(intruder)
    assert client.get(link).status_code == 403
    response = client.post(link)
    assert response.status_code == 403
    assert "dominique@example.org" in response.text
    assert intruder.roles_in(hls.id) == {Role.LEARNER}


def test_existing_account_is_asked_to_log_in(client, login, admin, create_user):
    login(admin)
    link = invite(client, "sam@example.org")
    create_user(email="sam@example.org", name="Sam")
    client.post("/deconnexion")
    page = client.get(link)
    assert page.status_code == 200
    assert "Un compte existe déjà" in page.text
    assert 'href="/connexion?next=/invitation/' in page.text
    assert client.post(link, data=NEW_ACCOUNT).status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.name == "Sam")) == 1
    assert membership("sam@example.org") is None


def test_invalid_new_account_form_creates_nothing(client, login, admin):
    login(admin)
    link = invite(client)
    client.post("/deconnexion")
    response = client.post(link, data={"name": "Dominique", "password": "court", "password_confirm": "court"})
    assert response.status_code == 422
    assert service.find_user_by_email("dominique@example.org") is None
    assert client.get(link).status_code == 200  # the link still works


def test_invitation_form_is_validated(client, login, admin):
    login(admin)
    assert client.post("/partenaires/hls/invitations", data={"email": "pas-une-adresse", "role": "editor"}
                       ).status_code == 422
    assert client.post("/partenaires/hls/invitations", data={"email": "a@b.org", "role": "roi"}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


@pytest.mark.parametrize("role", [Role.EDITOR, Role.FACILITATOR, Role.LEARNER])
def test_non_admins_cannot_invite(client, login, create_user, hls, role):
    login(create_user(partner=hls, role=role))
    response = client.post("/partenaires/hls/invitations", data={"email": "x@example.org", "role": "admin"})
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0
