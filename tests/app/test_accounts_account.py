"""The account page: what it shows, changing name and language, changing the password."""

from __future__ import annotations

from app.accounts.models import Role, User
from app.db import db

PASSWORD = "mot-de-passe-solide"


def test_account_shows_identity_and_memberships(client, create_user, create_partner, login):
    hls = create_partner("hls", "Hameaux Légers")
    login(create_user(email="camille@example.org", name="Camille Martin", partner=hls, role=Role.EDITOR))
    page = client.get("/compte").text
    assert "Camille Martin" in page
    assert "camille@example.org" in page
    assert "Hameaux Légers" in page
    assert "Éditeur·rice" in page
    assert "Français" in page


def test_profile_update_changes_name_and_language(client, create_user, login):
    user = login(create_user())
    response = client.post("/compte/profil", data={"name": "  Camille Dupont ", "locale": "en"})
    assert response.status_code == 302
    saved = db.session.get(User, user.id)
    assert (saved.name, saved.locale) == ("Camille Dupont", "en")


def test_profile_update_refuses_unknown_language_and_blank_name(client, create_user, login):
    user = login(create_user(name="Camille Martin"))
    assert client.post("/compte/profil", data={"name": "Camille", "locale": "de"}).status_code == 422
    response = client.post("/compte/profil", data={"name": "   ", "locale": "fr"})
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in response.text
    saved = db.session.get(User, user.id)
    assert (saved.name, saved.locale) == ("Camille Martin", "fr")


def change_password(client, current=PASSWORD, new="un-nouveau-secret", confirm=None):
    return client.post("/compte/mot-de-passe", data={
        "current_password": current, "password": new, "password_confirm": confirm or new})


def test_password_change(client, create_user, login):
    user = login(create_user())
    assert change_password(client).status_code == 302
    saved = db.session.get(User, user.id)
    assert saved.check_password("un-nouveau-secret")
    assert not saved.check_password(PASSWORD)


def test_password_change_needs_the_current_password(client, create_user, login):
    user = login(create_user())
    before = db.session.get(User, user.id).password_hash
    response = change_password(client, current="pas-le-bon-mot")
    assert response.status_code == 422
    assert "Le mot de passe actuel est incorrect." in response.text
    assert db.session.get(User, user.id).password_hash == before


def test_password_change_checks_length_and_confirmation(client, create_user, login):
    user = login(create_user())
    before = db.session.get(User, user.id).password_hash
    short = change_password(client, new="court")
    assert short.status_code == 422
    assert "au moins 10 caractères" in short.text
    mismatch = change_password(client, confirm="autre-chose-encore")
    assert mismatch.status_code == 422
    assert "ne correspondent pas" in mismatch.text
    assert db.session.get(User, user.id).password_hash == before
