"""Onboarding a partner end to end through HTTP: the platform admin fills the guided form, the first admin uses
the invitation, administers the new partner and its portal shows in the chosen design."""

from __future__ import annotations

import html
import re

import sqlalchemy as sa

from app.accounts.models import Membership, Partner, Role, User
from app.db import db

FORM = {"name": "Réseau des Alpes", "short_name": "RDA", "slug": "reseau-alpes",
        "description": "Des habitats partagés en montagne.", "website": "https://alpes.example.org",
        "primary_colour": "#1d4f6e", "accent_colour": "#8a4b08", "background_colour": "#f7f9fb",
        "text_colour": "#15202b", "on_primary_colour": "#ffffff", "typeface": "fira",
        "tagline": "Habiter ensemble, en altitude.", "admin_email": "Coordination@Alpes.example.org"}


def test_a_new_partner_is_onboarded_end_to_end(client, create_user, login, logout):
    login(create_user(email="plateforme@example.org", is_platform_admin=True))
    form = client.get("/admin/partenaires/nouveau")
    assert form.status_code == 200
    assert all(step in form.get_data(as_text=True) for step in ("Identité", "Apparence", "Première administratrice"))

    created = client.post("/admin/partenaires/nouveau", data=FORM)
    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    link = html.unescape(re.search(r'<textarea id="invitation-link"[^>]*>([^<]+)</textarea>',
                                   created.get_data(as_text=True)).group(1))
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == "reseau-alpes"))
    assert (partner.name, partner.short_name, partner.primary_colour) == ("Réseau des Alpes", "RDA", "#1d4f6e")

    logout()  # the invited person, in their own browser
    path = link.replace("http://localhost", "")
    assert client.get(path).status_code == 200
    joined = client.post(path, data={"name": "Lou Coordination", "password": "un-mot-de-passe-long",
                                     "password_confirm": "un-mot-de-passe-long"})
    assert joined.status_code == 302
    admin = db.session.scalar(sa.select(User).where(User.email == "coordination@alpes.example.org"))
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == admin.id))
    assert (membership.partner_id, membership.role) == (partner.id, Role.ADMIN)

    # the new admin runs the partner: design, framing, members
    assert client.get("/p/reseau-alpes/apparence").status_code == 200
    assert client.post("/p/reseau-alpes/integrations", data={
        "search_scope": "commons", "frame_origins": "https://wiki.alpes.example.org"}).status_code == 302
    assert client.get("/partenaires/reseau-alpes/membres").status_code == 200
    portal = client.get("/p/reseau-alpes/").get_data(as_text=True)
    assert "--partner-primary:#1d4f6e" in portal and "font-family:'Fira Sans'" in portal
    assert "Habiter ensemble, en altitude." in portal


def test_the_form_refuses_taken_slugs_bad_contrast_and_missing_fields(client, create_user, login, hls):
    login(create_user(is_platform_admin=True))
    response = client.post("/admin/partenaires/nouveau", data={**FORM, "slug": "hls"})
    assert response.status_code == 422
    assert "déjà pris" in html.unescape(response.get_data(as_text=True))
    response = client.post("/admin/partenaires/nouveau", data={**FORM, "accent_colour": "#f0e0d0"})
    assert response.status_code == 422
    assert "Contraste insuffisant pour la couleur d'accent" in html.unescape(response.get_data(as_text=True))
    response = client.post("/admin/partenaires/nouveau", data={**FORM, "admin_email": "", "slug": "Pas Bon!"})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in page and "Lettres minuscules" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partner)) == 1  # nothing created


def test_only_platform_admins_onboard(client, create_user, login, hls):
    assert client.get("/admin/partenaires/nouveau").status_code == 302  # to the login page
    login(create_user(partner=hls, role=Role.ADMIN))
    assert client.get("/admin/partenaires/nouveau").status_code == 403
    assert client.post("/admin/partenaires/nouveau", data=FORM).status_code == 403
