"""Writing through the API: creating, editing with optimistic locking, workflow, trash, CSRF on cookie writes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Resource, ResourceRevision, Status, Visibility

pytest_plugins = ["tests.commons.api_fixtures"]


@pytest.fixture
def payload(vocab, cast):
    """A valid new resource filed under HLS."""
    return {
        "title": "Monter une SCI d'attribution",
        "summary": "Les étapes, les statuts, les pièges.",
        "body": "## Étapes\n\n1. Se réunir",
        "kind_id": vocab["kinds"]["methode"],
        "owner_partner_id": cast.hls.id,
        "co_owner_ids": [cast.hpf.id],
        "theme_ids": [vocab["themes"]["juridique"], vocab["themes"]["financement"]],
        "phase_ids": [vocab["phases"]["montage"]],
        "keywords": ["SCI", "statuts"],
        "licence_id": vocab["licences"]["cc-by-sa-4.0"],
        "content_date": "2024-06-15",
        "visibility": "public",
    }


def assert_problem(response, status: int, *fields: str):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["type"].endswith(f"/{status}")
    if fields:
        assert set(fields) <= set(body["errors"]), body
    return body


# Creating -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["hls_editor", "hls_admin", "platform_admin"])
def test_partner_editors_and_platform_admins_create_a_draft_with_revision_one(api, cast, payload, who):
    response = api.post("/api/v1/resources/", json=payload, as_=getattr(cast, who))

    assert response.status_code == 201, response.json
    created = response.json
    assert created["status"] == "draft" and created["version"] == 1
    assert created["owner_partner"]["slug"] == "hls" and [p["slug"] for p in created["co_owners"]] == ["hpf"]
    assert [t["slug"] for t in created["themes"]] == ["financement", "juridique"]  # display order
    assert created["keywords"] == ["SCI", "statuts"] and created["content_date"] == "2024-06-15"
    assert "<h2>Étapes</h2>" in created["body_html"]
    revisions = db.session.scalars(sa.select(ResourceRevision).where(ResourceRevision.resource_id == created["id"]))
    assert [r.number for r in revisions] == [1]


def test_status_sent_on_creation_is_ignored(api, cast, payload):
    response = api.post("/api/v1/resources/", json=dict(payload, status="published"), as_=cast.hls_editor)

    assert response.json["status"] == "draft"


def test_missing_title_is_422_on_title(api, cast, payload):
    del payload["title"]

    body = assert_problem(api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor), 422, "title")

    assert body["errors"]["title"] == ["Ce champ est obligatoire."]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0


@pytest.mark.parametrize(("field", "value"), [
    ("kind_id", 99999), ("theme_ids", [99999]), ("phase_ids", [99999]), ("licence_id", 99999),
    ("co_owner_ids", [99999]),
])
def test_unknown_references_are_422_naming_the_field(api, cast, payload, field, value):
    payload[field] = value

    body = assert_problem(api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor), 422, field)

    assert "99999" in body["errors"][field][0]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 0


def test_retired_theme_is_refused(api, cast, payload, vocab):
    from commons.models import Theme

    db.session.get(Theme, vocab["themes"]["juridique"]).is_retired = True
    db.session.commit()

    assert_problem(api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor), 422, "theme_ids")


@pytest.mark.parametrize(("field", "value"), [
    ("title", 42), ("kind_id", "vidéo"), ("theme_ids", "foncier"), ("keywords", [1, 2]),
    ("content_date", "15/06/2024"), ("visibility", "secret"), ("language", "klingon"),
])
def test_wrong_types_are_422(api, cast, payload, field, value):
    payload[field] = value

    assert_problem(api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor), 422, field)


def test_malformed_json_is_a_400_problem(api, cast):
    response = api.post("/api/v1/resources/", data='{"title": "oups",', content_type="application/json",
                        as_=cast.hls_editor)

    assert_problem(response, 400)


def test_body_that_is_not_an_object_is_422(api, cast):
    assert_problem(api.post("/api/v1/resources/", json=["titre"], as_=cast.hls_editor), 422)


def test_editor_of_another_partner_cannot_file_under_this_owner(api, cast, payload):
    body = assert_problem(api.post("/api/v1/resources/", json=payload, as_=cast.hpf_editor), 422,
                          "owner_partner_id")

    assert "partenaire" in body["errors"]["owner_partner_id"][0]


@pytest.mark.parametrize("who", ["hls_learner", "hls_facilitator", "outsider"])
def test_learners_and_facilitators_may_not_create(api, cast, payload, who):
    assert_problem(api.post("/api/v1/resources/", json=payload, as_=getattr(cast, who)), 403)


def test_anonymous_may_not_create(api, payload):
    assert_problem(api.post("/api/v1/resources/", json=payload), 401)


def test_anonymous_gets_401_before_the_body_is_even_read(api):
    assert_problem(api.post("/api/v1/resources/", data="pas du json", content_type="application/json"), 401)


def test_invalid_bearer_token_is_anonymous(api, payload):
    response = api.post("/api/v1/resources/", json=payload, headers={"Authorization": "Bearer trr_faux"})

    assert_problem(response, 401)


# Editing ------------------------------------------------------------------------------------------------------

def test_patch_changes_only_the_fields_sent(api, cast, make_resource, vocab):
    resource = make_resource("Titre d'origine", summary="Résumé gardé", themes=["foncier"], keywords=["terrain"])

    response = api.patch(f"/api/v1/resources/{resource.id}", json={"title": "Nouveau titre"}, as_=cast.hls_editor)

    assert response.status_code == 200, response.json
    assert response.json["title"] == "Nouveau titre"
    assert response.json["summary"] == "Résumé gardé"
    assert [t["slug"] for t in response.json["themes"]] == ["foncier"]
    assert response.json["keywords"] == ["terrain"]
    assert response.json["version"] == resource.version


def test_patch_with_the_current_version_succeeds(api, cast, make_resource):
    resource = make_resource()
    version = api.get(f"/api/v1/resources/{resource.id}", as_=cast.hls_editor).json["version"]

    response = api.patch(f"/api/v1/resources/{resource.id}", json={"summary": "Mis à jour", "version": version},
                         as_=cast.hls_editor)

    assert response.status_code == 200 and response.json["version"] == version + 1


def test_stale_version_is_409_and_nothing_changes(api, cast, make_resource):
    resource = make_resource("Avant")
    version, revisions = resource.version, db.session.scalar(sa.select(sa.func.count()).select_from(ResourceRevision))

    response = api.patch(f"/api/v1/resources/{resource.id}", json={"title": "Après", "version": version - 1},
                         as_=cast.hls_editor)

    assert "modifiée" in assert_problem(response, 409)["detail"]
    assert (resource.title, resource.version) == ("Avant", version)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ResourceRevision)) == revisions


def test_patch_invalid_reference_changes_nothing(api, cast, make_resource):
    resource = make_resource("Avant")

    response = api.patch(f"/api/v1/resources/{resource.id}", json={"title": "Après", "kind_id": 99999},
                         as_=cast.hls_editor)

    assert_problem(response, 422, "kind_id")
    assert resource.title == "Avant"


def test_patch_refusals(api, cast, make_resource):
    public = make_resource(visibility=Visibility.PUBLIC)
    hidden = make_resource(visibility=Visibility.PARTNER)

    assert_problem(api.patch(f"/api/v1/resources/{public.id}", json={"title": "Pirate"}, as_=cast.hpf_editor), 403)
    assert_problem(api.patch(f"/api/v1/resources/{hidden.id}", json={"title": "Pirate"}, as_=cast.hpf_editor), 404)
    assert_problem(api.patch(f"/api/v1/resources/{public.id}", json={"title": "Pirate"}), 401)
    assert_problem(api.patch("/api/v1/resources/999999", json={"title": "Pirate"}, as_=cast.hpf_editor), 404)
    assert_problem(api.patch(f"/api/v1/resources/{public.id}", json={"title": ""}, as_=cast.hls_editor), 422,
                   "title")


def test_co_owner_editors_may_edit(api, cast, make_resource):
    resource = make_resource(owner=cast.co, co_owners=[cast.hpf])

    response = api.patch(f"/api/v1/resources/{resource.id}", json={"summary": "Co-édité"}, as_=cast.hpf_editor)

    assert response.status_code == 200


# Workflow -----------------------------------------------------------------------------------------------------

def test_status_moves_along_the_workflow(api, cast, make_resource):
    resource = make_resource(status=Status.DRAFT)
    url = f"/api/v1/resources/{resource.id}/status"

    review = api.post(url, json={"status": "in_review", "comment": "À relire"}, as_=cast.hls_editor)
    published = api.post(url, json={"status": "published"}, as_=cast.hls_editor)

    assert review.status_code == 200 and review.json["status"] == "in_review"
    assert published.json["status"] == "published" and published.json["published_dt"]
    assert_problem(api.post(url, json={"status": "in_review"}, as_=cast.hls_editor), 409)  # published ↛ review
    assert_problem(api.post(url, json={"status": "perdu"}, as_=cast.hls_editor), 422, "status")
    assert_problem(api.post(url, json={"status": "archived"}, as_=cast.hls_learner), 403)


# Trash --------------------------------------------------------------------------------------------------------

def test_delete_then_restore(api, cast, make_resource):
    resource = make_resource(visibility=Visibility.PUBLIC)
    url = f"/api/v1/resources/{resource.id}"

    deleted = api.delete(url, as_=cast.hls_editor)

    assert deleted.status_code == 204 and deleted.data == b""
    assert api.get(url).status_code == 404
    assert resource.id not in [r["id"] for r in api.get("/api/v1/resources/", as_=cast.hls_editor).json["items"]]
    trash = api.get("/api/v1/resources/trash", as_=cast.hls_editor).json
    assert [r["id"] for r in trash["items"]] == [resource.id] and trash["meta"]["total"] == 1
    assert api.get("/api/v1/resources/trash", as_=cast.hpf_editor).json["items"] == []
    assert_problem(api.patch(url, json={"title": "Dans la corbeille"}, as_=cast.hls_editor), 409)

    restored = api.post(f"{url}/restore", as_=cast.hls_editor)

    assert restored.status_code == 200 and restored.json["is_deleted"] is False
    assert api.get(url).status_code == 200


def test_only_editors_delete_and_restore(api, cast, make_resource):
    resource = make_resource(visibility=Visibility.PUBLIC)

    assert_problem(api.delete(f"/api/v1/resources/{resource.id}", as_=cast.hls_learner), 403)
    assert_problem(api.delete(f"/api/v1/resources/{resource.id}"), 401)
    api.delete(f"/api/v1/resources/{resource.id}", as_=cast.platform_admin)
    assert_problem(api.post(f"/api/v1/resources/{resource.id}/restore", as_=cast.hpf_editor), 404)
    assert_problem(api.get("/api/v1/resources/trash"), 401)


# Cookie sessions and CSRF ---------------------------------------------------------------------------------------

def test_cookie_writes_work_when_csrf_is_off(api, cast, payload):
    api.login(cast.hls_editor)

    assert api.post("/api/v1/resources/", json=payload).status_code == 201


def test_cookie_writes_need_the_csrf_header_bearer_writes_do_not(app, api, cast, payload, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    api.login(cast.hls_editor)

    refused = api.post("/api/v1/resources/", json=payload)
    with_header = api.post("/api/v1/resources/", json=payload, headers={"X-CSRFToken": api.csrf_token()})
    api.logout()
    by_token = api.post("/api/v1/resources/", json=payload, as_=cast.hls_editor)

    assert "CSRF" in assert_problem(refused, 400)["detail"]
    assert with_header.status_code == 201
    assert by_token.status_code == 201
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Resource)) == 2
