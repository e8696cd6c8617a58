"""Taxonomy administration pages: platform admins only; terms are created, edited, retired, never deleted."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons import service
from commons.models import Kind, Licence, Phase, Resource, Theme, Visibility
from commons.seed import seed_taxonomy

PAGES = ["/admin/taxonomie/", "/admin/taxonomie/themes/"]


@pytest.fixture
def taxonomy(app_ctx):
    seed_taxonomy()
    db.session.commit()


@pytest.fixture
def platform_admin(create_user, login):
    return login(create_user(name="Anne Rivière", is_platform_admin=True))


def theme(slug: str) -> Theme:
    return db.session.scalar(sa.select(Theme).where(Theme.slug == slug))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, taxonomy, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_partner_members_are_refused_whatever_their_role(client, taxonomy, create_partner, create_user, login, role):
    login(create_user(partner=create_partner(), role=role))
    for path in PAGES:
        assert client.get(path).status_code == 403
    assert client.post("/admin/taxonomie/themes/", data={"slug": "x", "label": "X"}).status_code == 403
    term = theme("foncier")
    assert client.post(f"/admin/taxonomie/themes/{term.id}/retirer").status_code == 403
    db.session.refresh(term)
    assert not term.is_retired
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Theme).where(Theme.slug == "x")) == 0


def test_overview_lists_the_four_vocabularies_with_resource_counts(client, taxonomy, platform_admin, create_partner):
    partner = create_partner()
    data = {"title": "Bail emphytéotique : modèle commenté", "kind_id": db.session.scalar(
        sa.select(Kind.id).where(Kind.slug == "modele")), "owner_partner_id": partner.id,
        "theme_ids": [theme("foncier").id, theme("juridique").id], "visibility": Visibility.PUBLIC}
    service.create_resource(data, platform_admin)
    db.session.commit()
    response = client.get("/admin/taxonomie/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for heading in ("Types de ressource", "Thèmes", "Phases de projet", "Licences"):
        assert heading in page
    for vocabulary in ("types", "themes", "phases", "licences"):
        assert f'href="/admin/taxonomie/{vocabulary}/"' in page
    foncier_row = page.split("Foncier et recherche de terrain</a>", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td>" in foncier_row


def test_unknown_vocabulary_or_term_is_not_found(client, taxonomy, platform_admin):
    assert client.get("/admin/taxonomie/mots/").status_code == 404
    assert client.get("/admin/taxonomie/themes/9999").status_code == 404


def test_admin_creates_a_theme(client, taxonomy, platform_admin):
    response = client.post("/admin/taxonomie/themes/", data={
        "slug": "mobilite", "label": " Mobilité ", "label_en": "Mobility", "description": "Se déplacer sans voiture."})
    assert response.status_code == 303
    created = theme("mobilite")
    assert (created.label, created.label_en, created.is_retired) == ("Mobilité", "Mobility", False)
    assert created.position == max(db.session.scalars(sa.select(Theme.position)))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mobilité" in page and "a été ajouté" in page


def test_admin_creates_a_licence_with_its_url(client, taxonomy, platform_admin):
    response = client.post("/admin/taxonomie/licences/", data={
        "slug": "cc-by-nd-4.0", "label": "CC BY-ND 4.0", "url": "https://creativecommons.org/licenses/by-nd/4.0/"})
    assert response.status_code == 303
    licence = db.session.scalar(sa.select(Licence).where(Licence.slug == "cc-by-nd-4.0"))
    assert licence.url == "https://creativecommons.org/licenses/by-nd/4.0/"


def test_duplicate_slug_is_a_conflict_and_nothing_is_written(client, taxonomy, platform_admin):
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Phase))
    response = client.post("/admin/taxonomie/phases/", data={"slug": "chantier", "label": "Le chantier bis"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert 'id="slug-error"' in page and "Ce code est déjà utilisé par « Chantier »." in page
    assert 'value="Le chantier bis"' in page  # what was typed is kept
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Phase)) == before


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"slug": "Énergie grise", "label": "Énergie grise"}, "slug", "Lettres minuscules sans accent"),
    ({"slug": "energie-grise"}, "label", "Ce champ est obligatoire."),
    ({"slug": "energie-grise", "label": "   "}, "label", "Ce champ est obligatoire."),
    ({"slug": "energie-grise", "label": "Énergie grise", "position": "premier"}, "position",
     "Ce champ doit être un nombre entier."),
])
def test_invalid_forms_show_french_errors_next_to_the_field(client, taxonomy, platform_admin, data, field, message):
    response = client.post("/admin/taxonomie/themes/", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page and message in page
    assert theme("energie-grise") is None


def test_licence_codes_take_a_version_number_and_nothing_else(client, taxonomy, platform_admin):
    response = client.post("/admin/taxonomie/licences/", data={"slug": "licence.maison", "label": "Maison"})
    assert response.status_code == 422
    assert 'id="slug-error"' in response.get_data(as_text=True)
    assert client.post("/admin/taxonomie/themes/", data={"slug": "theme-2.0", "label": "T"}).status_code == 422


def test_licence_url_must_be_a_web_address(client, taxonomy, platform_admin):
    response = client.post("/admin/taxonomie/licences/", data={"slug": "maison", "label": "Maison",
                                                               "url": "javascript:alert(1)"})
    assert response.status_code == 422
    assert "Cette adresse web n&#39;est pas valide." in response.get_data(as_text=True)


def test_admin_edits_a_term_but_not_its_slug(client, taxonomy, platform_admin):
    term = theme("energie")
    page = client.get(f"/admin/taxonomie/themes/{term.id}").get_data(as_text=True)
    assert 'name="slug"' not in page and 'value="Énergie et sobriété"' in page
    response = client.post(f"/admin/taxonomie/themes/{term.id}", data={
        "slug": "autre", "label": "Énergie, sobriété et climat", "label_en": "Energy and climate", "position": "3"})
    assert response.status_code == 303
    db.session.refresh(term)
    assert (term.slug, term.label, term.label_en, term.position) == (
        "energie", "Énergie, sobriété et climat", "Energy and climate", 3)


def test_edit_errors_are_shown_and_nothing_changes(client, taxonomy, platform_admin):
    term = theme("energie")
    response = client.post(f"/admin/taxonomie/themes/{term.id}", data={"label": "", "position": "-1"})
    assert response.status_code == 422
    db.session.refresh(term)
    assert term.label == "Énergie et sobriété"


def test_retiring_keeps_the_term_on_resources_and_can_be_undone(client, taxonomy, platform_admin, create_partner):
    partner = create_partner()
    kind_id = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "plan"))
    resource = service.create_resource({"title": "Plan de masse d'un hameau", "kind_id": kind_id,
                                        "owner_partner_id": partner.id, "theme_ids": [theme("urbanisme").id]},
                                       platform_admin)
    db.session.commit()
    term = theme("urbanisme")

    response = client.post(f"/admin/taxonomie/themes/{term.id}/retirer")
    assert response.status_code == 303
    db.session.refresh(term)
    assert term.is_retired
    db.session.refresh(resource)
    assert [t.slug for t in resource.themes] == ["urbanisme"]
    listing = client.get("/admin/taxonomie/themes/").get_data(as_text=True)
    row = listing.split(">Urbanisme et autorisations</td>", 1)[1].split("</tr>", 1)[0]
    assert "retiré" in row and re.search(r'<td data-label="Ressources">1</td>', row)
    assert "Proposer de nouveau" in client.get(f"/admin/taxonomie/themes/{term.id}").get_data(as_text=True)

    assert client.post(f"/admin/taxonomie/themes/{term.id}/reactiver").status_code == 303
    db.session.refresh(term)
    assert not term.is_retired
    assert db.session.get(Resource, resource.id) is not None


def test_retire_only_accepts_post(client, taxonomy, platform_admin):
    assert client.get(f"/admin/taxonomie/themes/{theme('energie').id}/retirer").status_code == 405
