"""The trash on a phone: each row becomes a card, so the restore button is on the screen, not past a sideways
scroll of the table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.accounts.models import Role
from tests.commons.conftest import create_resource, taxonomy  # noqa: F401 - the commons' fixtures

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_an_editor_restores_a_resource_from_the_trash_on_a_phone(page, create_partner, create_user,
                                                                   create_resource, csrf_on, tmp_path):  # noqa: F811
    hls = create_partner("hls", "Hameaux Légers")
    create_user(email="editrice@example.org", password="mot-de-passe-solide", partner=hls, role=Role.EDITOR)
    create_resource(hls, title="Règlement thermique et habitat léger : ce qui s'applique vraiment, pas à pas",
                    deleted=True)

    page.goto("/connexion")
    page.fill("#email", "editrice@example.org")
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")
    page.set_viewport_size(PHONE)
    page.goto("/corbeille")

    restore = page.get_by_role("button", name="Restaurer")
    expect(restore).to_be_visible()
    box = restore.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.querySelector('.table-card').scrollWidth <= "
                         "document.querySelector('.table-card').clientWidth")
    expect(page.locator("td[data-label='Supprimée le']")).to_be_visible()  # each value is named by its column
    page.screenshot(path=str(tmp_path / "trash-phone.png"), full_page=True)

    restore.click()
    expect(page.locator(".flash")).to_be_visible()
    page.goto("/corbeille")
    expect(page.locator("main")).to_contain_text("La corbeille est vide.")
