"""Creating and editing resources through the forms, the workflow, and the trash."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Resource, ResourceRevision, Status, Visibility


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def editor(login, create_user, hls):
    return login(create_user(partner=hls, role=Role.EDITOR))


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def form_for(taxonomy, partner, **overrides) -> dict:
    form = {
        "title": "Monter une SCI d'attribution", "summary": "Les étapes.", "body": "## Étape 1\n\nRéunir le groupe.",
        "kind_id": str(taxonomy["kinds"]["methode"].id), "owner_partner_id": str(partner.id),
        "theme_ids": [str(taxonomy["themes"]["juridique"].id), str(taxonomy["themes"]["financement"].id)],
        "phase_ids": [str(taxonomy["phases"]["montage"].id)], "keywords": "SCI, statuts , sci",
        "licence_id": str(taxonomy["licences"]["cc-by-sa-4.0"].id), "language": "fr",
        "content_date": "2023-02-01", "visibility": "public", "source": "HPF", "authors": "Camille",
    }
    form.update(overrides)
    return form


def test_editors_create_a_draft_with_every_field(client, editor, taxonomy, hls):
    form_page = client.get("/ressources/nouvelle").get_data(as_text=True)
    assert 'name="title"' in form_page and 'name="theme_ids"' in form_page and 'type="radio"' in form_page
    response = client.post("/ressources/nouvelle", data=form_for(taxonomy, hls))
    assert response.status_code == 302
    resource = db.session.scalar(sa.select(Resource))
    assert response.headers["Location"].endswith(f"/ressources/{resource.id}")
    assert resource.status == Status.DRAFT and resource.visibility == Visibility.PUBLIC
    assert {t.slug for t in resource.themes} == {"juridique", "financement"}
    assert [k.label for k in resource.keywords] == ["SCI", "statuts"]
    assert resource.content_date.isoformat() == "2023-02-01" and resource.licence.slug == "cc-by-sa-4.0"
    assert count(ResourceRevision) == 1


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"title": ""}, "title", "Ce champ est obligatoire."),
    ({"kind_id": "99999"}, "kind_id", "Valeur inconnue : 99999."),
    ({"theme_ids": ["99999"]}, "theme_ids", "Valeur inconnue : 99999."),
    ({"content_date": "31/02/2023"}, "content_date", "Cette date n'est pas valide"),
])
def test_invalid_forms_are_refused_with_field_errors_and_nothing_written(client, editor, taxonomy, hls, overrides,
                                                                        field, message):
    before = (count(Resource), count(ResourceRevision))
    response = client.post("/ressources/nouvelle", data=form_for(taxonomy, hls, summary="Mon résumé", **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html and message.replace("'", "&#39;") in html
    assert "Mon résumé" in html  # what the user typed is kept
    assert (count(Resource), count(ResourceRevision)) == before


def test_only_editors_may_create(client, login, logout, create_user, hls):
    response = client.get("/ressources/nouvelle")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login(create_user(partner=hls, role=Role.LEARNER))
    assert client.get("/ressources/nouvelle").status_code == 403
    assert client.post("/ressources/nouvelle", data={"title": "x"}).status_code == 403


def test_editors_may_not_file_under_a_partner_they_do_not_edit(client, editor, taxonomy, create_partner):
    other = create_partner("co", "Coopérative Oasis")
    response = client.post("/ressources/nouvelle", data=form_for(taxonomy, other))
    assert response.status_code == 422 and 'id="owner_partner_id-error"' in response.get_data(as_text=True)
    assert count(Resource) == 0


def test_edit_keeps_a_revision(client, editor, taxonomy, hls, create_resource):
    resource = create_resource(hls, title="Ancien titre")
    page = client.get(f"/ressources/{resource.id}/modifier").get_data(as_text=True)
    assert 'value="Ancien titre"' in page and f'name="version" value="{resource.version}"' in page
    response = client.post(f"/ressources/{resource.id}/modifier", data=form_for(
        taxonomy, hls, title="Nouveau titre", version=str(resource.version), comment="Titre plus clair"))
    assert response.status_code == 302
    db.session.expire_all()
    assert resource.title == "Nouveau titre" and resource.version == 2
    revisions = db.session.scalars(sa.select(ResourceRevision).order_by(ResourceRevision.number)).all()
    assert [(r.number, r.comment) for r in revisions] == [(1, "Création"), (2, "Titre plus clair")]


def test_edit_from_a_stale_form_is_a_conflict_and_changes_nothing(client, editor, taxonomy, hls, create_resource):
    resource = create_resource(hls, title="Titre d'origine", status=Status.PUBLISHED)  # version 2 now
    response = client.post(f"/ressources/{resource.id}/modifier", data=form_for(
        taxonomy, hls, title="Ma version périmée", version="1"))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "modifiée entre-temps" in html and "Ma version périmée" in html
    assert f'href="/ressources/{resource.id}/modifier"' in html
    db.session.expire_all()
    assert resource.title == "Titre d'origine" and resource.version == 2 and count(ResourceRevision) == 2


def test_only_the_owners_editors_may_edit(client, login, logout, create_user, create_partner, taxonomy, hls,
                                          create_resource):
    resource = create_resource(hls, status=Status.PUBLISHED, visibility=Visibility.PUBLIC)
    response = client.post(f"/ressources/{resource.id}/modifier", data=form_for(taxonomy, hls))
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login(create_user(partner=create_partner("hpf", "HPF"), role=Role.EDITOR))
    assert client.get(f"/ressources/{resource.id}/modifier").status_code == 403
    assert client.post(f"/ressources/{resource.id}/modifier", data=form_for(taxonomy, hls)).status_code == 403
    draft = create_resource(hls)
    assert client.get(f"/ressources/{draft.id}/modifier").status_code == 404


def test_workflow_moves_and_refuses_what_is_not_allowed(client, editor, hls, create_resource):
    resource = create_resource(hls)
    response = client.post(f"/ressources/{resource.id}/statut", data={"status": "archived"})
    assert response.status_code == 409 and "Passage impossible" in response.get_data(as_text=True)
    db.session.expire_all()
    assert resource.status == Status.DRAFT
    assert client.post(f"/ressources/{resource.id}/statut", data={"status": "bogus"}).status_code == 422
    response = client.post(f"/ressources/{resource.id}/statut", data={"status": "published", "comment": "Relu"})
    assert response.status_code == 302
    db.session.expire_all()
    assert resource.status == Status.PUBLISHED and resource.published_dt is not None


def test_delete_sends_to_the_trash_and_restore_brings_back(client, editor, hls, create_resource):
    resource = create_resource(hls, title="A jeter puis garder", status=Status.PUBLISHED,
                               visibility=Visibility.PUBLIC)
    page = client.post(f"/ressources/{resource.id}/supprimer", follow_redirects=True).get_data(as_text=True)
    assert "Cette ressource est dans la corbeille" in page and f"/ressources/{resource.id}/restaurer" in page
    db.session.expire_all()
    assert resource.is_deleted
    assert "A jeter puis garder" not in client.get("/ressources/").get_data(as_text=True)
    trash = client.get("/corbeille").get_data(as_text=True)
    assert "A jeter puis garder" in trash and f"/ressources/{resource.id}/restaurer" in trash

    assert client.post(f"/ressources/{resource.id}/restaurer", follow_redirects=True).status_code == 200
    db.session.expire_all()
    assert not resource.is_deleted
    assert "A jeter puis garder" in client.get("/ressources/").get_data(as_text=True)
    assert "La corbeille est vide" in client.get("/corbeille").get_data(as_text=True)


def test_trash_is_for_editors(client, login, create_user, hls, create_resource):
    create_resource(hls, deleted=True)
    assert client.get("/corbeille").status_code == 302
    login(create_user(partner=hls, role=Role.LEARNER))
    assert client.get("/corbeille").status_code == 403


def test_trashed_resources_are_hidden_from_visitors(client, hls, create_resource):
    resource = create_resource(hls, status=Status.PUBLISHED, visibility=Visibility.PUBLIC, deleted=True)
    assert client.get(f"/ressources/{resource.id}").status_code == 404
    assert client.post(f"/ressources/{resource.id}/restaurer").status_code == 404


def test_trashed_resources_are_restored_before_being_changed(client, editor, hls, create_resource):
    resource = create_resource(hls, title="Dans la corbeille", deleted=True)
    response = client.get(f"/ressources/{resource.id}/modifier")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/ressources/{resource.id}")
    response = client.post(f"/ressources/{resource.id}/statut", data={"status": "published"})
    assert response.status_code == 409 and "Restaurez" in response.get_data(as_text=True)
    db.session.expire_all()
    assert resource.status == Status.DRAFT


def test_account_page_offers_shortcuts_by_role(client, login, create_partner, create_user):
    from app.accounts.models import Role

    hls = create_partner()
    learner = create_user(partner=hls, role=Role.LEARNER)
    login(learner)
    page = client.get("/compte").text
    assert "/corbeille" not in page and "/admin/taxonomie/" not in page
    login(create_user(partner=hls, role=Role.EDITOR))
    page = client.get("/compte").text
    assert "/ressources/nouvelle" in page and "/corbeille" in page and "/admin/taxonomie/" not in page
    login(create_user(is_platform_admin=True))
    assert "/admin/taxonomie/" in client.get("/compte").text
