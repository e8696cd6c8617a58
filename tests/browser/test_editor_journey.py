"""An editor's journey in a real browser: log in, file a resource, publish it, find it as a visitor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.accounts.models import Role
from commons.seed import seed_taxonomy


@pytest.fixture
def csrf_on(app):
    """The real forms, with their CSRF tokens checked."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_editor_files_a_resource_that_visitors_then_find(page, create_partner, create_user, csrf_on, tmp_path):
    seed_taxonomy()
    from app.db import db

    db.session.commit()
    hls = create_partner("hls", "Hameaux Légers")
    create_user(email="editrice@example.org", password="mot-de-passe-solide", partner=hls, role=Role.EDITOR)

    page.goto("/connexion")
    expect(page.locator("h1")).to_have_text("Connexion")
    page.fill("#email", "editrice@example.org")
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")

    page.goto("/ressources/nouvelle")
    page.fill("#title", "Chantier participatif : organiser l'accueil des bénévoles")
    page.fill("#summary", "Une méthode pas à pas pour accueillir, former et remercier les bénévoles.")
    page.fill("#body", "## Avant le chantier\n\n- prévoir les repas\n- vérifier les assurances")
    page.select_option("#kind_id", label="Méthode")
    page.check("input[name=theme_ids] >> nth=0")
    page.fill("#keywords", "chantier, bénévolat")
    page.check("input[name=visibility][value=public]")
    page.click("button:has-text('Enregistrer le brouillon')")

    expect(page.locator("h1")).to_contain_text("organiser l'accueil des bénévoles")
    expect(page.locator("main h2", has_text="Avant le chantier")).to_be_visible()
    page.click("button[name=status][value=published]")
    expect(page.locator(".flash")).to_be_visible()
    page.screenshot(path=str(tmp_path / "resource.png"), full_page=True)

    page.context.clear_cookies()
    page.goto("/ressources/?kind=methode")
    result = page.get_by_role("link", name=re.compile("organiser l'accueil des bénévoles"))
    expect(result).to_be_visible()
    result.click()
    expect(page.locator("main")).to_contain_text("prévoir les repas")
    expect(page.locator("main")).not_to_contain_text("Modifier")
