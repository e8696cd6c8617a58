"""Revisions and attachments through the API."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.db import db
from commons.models import Attachment, Visibility

pytest_plugins = ["tests.commons.api_fixtures"]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@pytest.fixture
def edited(api, cast, make_resource):
    """A resource saved three times: created, retitled, summary rewritten."""
    resource = make_resource("Premier titre", summary="Ligne un\nLigne deux", visibility=Visibility.PUBLIC)
    url = f"/api/v1/resources/{resource.id}"
    api.patch(url, json={"title": "Deuxième titre", "comment": "Titre plus clair"}, as_=cast.hls_editor)
    api.patch(url, json={"summary": "Ligne un\nLigne 2"}, as_=cast.hls_editor)
    return resource


def test_revisions_list_newest_first_with_author_and_comment(api, cast, edited):
    response = api.get(f"/api/v1/resources/{edited.id}/revisions", as_=cast.hls_editor)

    assert response.status_code == 200
    numbers = [r["number"] for r in response.json]
    assert numbers[:3] == sorted(numbers, reverse=True)[:3] and numbers[-1] == 1
    retitled = next(r for r in response.json if r["comment"] == "Titre plus clair")
    assert retitled["author"] == "Édith HLS" and retitled["created_dt"]


def test_revision_detail_has_snapshot_and_changes(api, cast, edited):
    history = api.get(f"/api/v1/resources/{edited.id}/revisions", as_=cast.hls_editor).json
    retitled = next(r for r in history if r["comment"] == "Titre plus clair")["number"]

    detail = api.get(f"/api/v1/resources/{edited.id}/revisions/{retitled}", as_=cast.hls_editor).json
    latest = api.get(f"/api/v1/resources/{edited.id}/revisions/{history[0]['number']}", as_=cast.hls_editor).json

    assert detail["snapshot"]["title"] == "Deuxième titre" and detail["snapshot"]["kind"] == "video"
    assert detail["changes"] == [{"field": "title", "label": "Titre", "before": "Premier titre",
                                  "after": "Deuxième titre", "lines": None}]
    summary = latest["changes"][0]
    assert summary["field"] == "summary"
    assert {"sign": "-", "text": "Ligne deux"} in summary["lines"]
    assert {"sign": "+", "text": "Ligne 2"} in summary["lines"]


def test_restore_a_revision(api, cast, edited):
    first = 1

    response = api.post(f"/api/v1/resources/{edited.id}/revisions/{first}/restore", as_=cast.hls_editor)

    assert response.status_code == 200
    assert response.json["title"] == "Premier titre"
    assert response.json["summary"] == "Ligne un\nLigne deux"
    newest = api.get(f"/api/v1/resources/{edited.id}/revisions", as_=cast.hls_editor).json[0]
    assert newest["comment"] == "Restauration de la révision 1"


def test_revisions_are_for_editors(api, cast, edited):
    url = f"/api/v1/resources/{edited.id}/revisions"

    assert api.get(url).status_code == 401
    assert api.get(url, as_=cast.hpf_learner).status_code == 403
    assert api.get(f"{url}/1/restore", as_=cast.hls_editor).status_code == 405
    assert api.post(f"{url}/1/restore", as_=cast.hpf_editor).status_code == 403
    assert api.get(f"{url}/99", as_=cast.hls_editor).status_code == 404
    assert api.post(f"{url}/99/restore", as_=cast.hls_editor).status_code == 404


# Attachments --------------------------------------------------------------------------------------------------

def stored_files(app) -> list[Path]:
    root = Path(app.config["MEDIA_ROOT"]) / "attachments"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(api, resource, content: bytes, name: str, user):
    return api.post(f"/api/v1/resources/{resource.id}/attachments", data={"file": (io.BytesIO(content), name)},
                    content_type="multipart/form-data", as_=user)


def test_upload_a_pdf(app, api, cast, make_resource):
    resource = make_resource(visibility=Visibility.PUBLIC)
    before = stored_files(app)

    response = upload(api, resource, PDF, "../Guide du foncier.pdf", cast.hls_editor)

    assert response.status_code == 201, response.json
    assert response.json["filename"] == "Guide du foncier.pdf"
    assert response.json["mime_type"] == "application/pdf" and response.json["size"] == len(PDF)
    assert len(stored_files(app)) == len(before) + 1
    detail = api.get(f"/api/v1/resources/{resource.id}").json
    assert [a["id"] for a in detail["attachments"]] == [response.json["id"]]
    download = api.get(detail["attachments"][0]["url"])
    assert download.status_code == 200 and download.data == PDF


def test_disguised_executable_is_415_and_nothing_is_stored(app, api, cast, make_resource):
    resource = make_resource()
    before = stored_files(app)

    response = upload(api, resource, ELF, "rapport.pdf", cast.hls_editor)

    assert response.status_code == 415 and response.mimetype == "application/problem+json"
    assert "non accepté" in response.json["detail"]
    assert stored_files(app) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0
    assert not list((Path(app.config["MEDIA_ROOT"]) / "tmp").glob("upload-*"))


def test_too_large_is_413(app, api, cast, make_resource, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_ATTACHMENT_BYTES", 64)
    resource = make_resource()

    response = upload(api, resource, PDF + b"0" * 100, "gros.pdf", cast.hls_editor)

    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_empty_file_and_missing_file_are_422(api, cast, make_resource):
    resource = make_resource()

    assert upload(api, resource, b"", "vide.pdf", cast.hls_editor).status_code == 422
    missing = api.post(f"/api/v1/resources/{resource.id}/attachments", data={},
                       content_type="multipart/form-data", as_=cast.hls_editor)
    assert missing.status_code == 422 and "file" in missing.json["errors"]


def test_only_editors_upload_and_remove(api, cast, make_resource):
    resource = make_resource(visibility=Visibility.PUBLIC)

    assert upload(api, resource, PDF, "a.pdf", cast.hls_learner).status_code == 403
    assert upload(api, resource, PDF, "a.pdf", None).status_code == 401
    attachment = upload(api, resource, PDF, "a.pdf", cast.hls_editor).json
    url = f"/api/v1/resources/{resource.id}/attachments/{attachment['id']}"
    assert api.delete(url, as_=cast.hpf_editor).status_code == 403

    assert api.delete(url, as_=cast.hls_editor).status_code == 204

    assert api.get(f"/api/v1/resources/{resource.id}").json["attachments"] == []
    assert api.delete(url, as_=cast.hls_editor).status_code == 404
