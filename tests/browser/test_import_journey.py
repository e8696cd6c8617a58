"""A partner editor imports the demo sheet of 200 resources from the pages: mapping, taxonomy, dry run, import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.accounts.models import Role
from app.db import db
from commons.models import Resource
from commons.seed import seed_taxonomy


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_editor_imports_the_demo_sheet_with_mapping_and_dry_run(page, create_partner, create_user, csrf_on,
                                                                 tmp_path):
    shots = Path(os.environ.get("TERREAU_SCREENSHOTS", tmp_path))
    seed_taxonomy()
    db.session.commit()
    hls = create_partner("hls", "Hameaux Légers")
    create_user(email="editrice@example.org", password="mot-de-passe-solide", partner=hls, role=Role.EDITOR)
    page.goto("/connexion")
    page.fill("#email", "editrice@example.org")
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")

    page.goto("/ressources/imports")
    with page.expect_download() as download:
        page.click("text=Télécharger le tableur de démonstration")
    sheet = tmp_path / "ressources-demo.xlsx"
    download.value.save_as(sheet)
    page.set_input_files("#file", str(sheet))
    page.click("button:has-text('Lire le tableur')")

    expect(page.locator("h1")).to_have_text("À quoi correspond chaque colonne ?")
    expect(page.locator("#col-3")).to_have_value("themes")  # « Thématiques », guessed
    page.select_option("#col-8", "source")
    page.screenshot(path=str(shots / "import-mapping.png"), full_page=True)
    page.click("button:has-text('Continuer')")

    expect(page.locator("h1")).to_have_text("Des valeurs ne correspondent à aucun terme")
    page.select_option("select[name='kinds:fiche pratique']", label="Méthode")
    page.select_option("select[name='themes:permaculture']", label="Agriculture et nourriture")
    page.select_option("select[name='phases:apres l installation']", "ignore")
    page.click("button:has-text('Continuer vers la vérification')")

    expect(page.locator(".notice-success")).to_contain_text("Aucun problème : 200 lignes prêtes.")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0
    page.screenshot(path=str(shots / "import-check.png"), full_page=True)
    page.click("button:has-text('Importer les 200 lignes')")

    expect(page.locator("#import-progress")).to_contain_text("Import terminé : 200 ressources créées, 0 mises à jour.")
    page.screenshot(path=str(shots / "import-done.png"), full_page=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 200
