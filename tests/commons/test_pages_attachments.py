"""Attachments through the resource page: typed by content, size-limited, stored under safe names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Attachment, Status, Visibility

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


@pytest.fixture
def hls(create_partner):
    return create_partner("hls", "Hameaux Légers")


@pytest.fixture
def resource(hls, create_resource):
    return create_resource(hls, title="Avec pièces jointes", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)


@pytest.fixture
def editor(login, create_user, hls):
    return login(create_user(partner=hls, role=Role.EDITOR))


def upload(client, resource, content: bytes, filename: str):
    return client.post(f"/ressources/{resource.id}/pieces-jointes",
                       data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data")


def stored_files(app) -> set[Path]:
    root = Path(app.config["MEDIA_ROOT"])
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def attachment_count() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count(Attachment.id)))


def test_a_pdf_is_accepted_listed_and_downloadable(client, editor, resource, logout):
    response = upload(client, resource, PDF, "Plan de financement.pdf")
    assert response.status_code == 302
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.mime_type == "application/pdf" and attachment.size == len(PDF)
    page = client.get(f"/ressources/{resource.id}").get_data(as_text=True)
    url = f"/pieces-jointes/{attachment.id}/Plan%20de%20financement.pdf"
    assert url in page and "Plan de financement.pdf" in page and " o</small>" in page
    logout()
    download = client.get(url)
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("inline")


def test_an_executable_named_pdf_is_refused_and_nothing_is_stored(app, client, editor, resource):
    files_before = stored_files(app)
    response = upload(client, resource, ELF, "report.pdf")
    html = response.get_data(as_text=True)
    assert response.status_code == 415
    assert "Type de fichier non accepté" in html and 'id="file-error"' in html
    assert attachment_count() == 0 and stored_files(app) == files_before


def test_a_file_over_the_limit_is_refused(app, client, editor, resource, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_ATTACHMENT_BYTES", 1024)
    files_before = stored_files(app)
    response = upload(client, resource, PDF + b"0" * 2048, "gros.pdf")
    assert response.status_code == 413 and "trop volumineux" in response.get_data(as_text=True)
    assert attachment_count() == 0 and stored_files(app) == files_before


@pytest.mark.parametrize("csrf", [False, True], ids=["plain", "with-csrf-check"])
def test_a_request_over_max_content_length_is_answered_on_the_page(app, client, editor, resource, monkeypatch,
                                                                   csrf):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", csrf)  # the CSRF check reads the body first
    response = upload(client, resource, PDF + b"0" * 4096, "enorme.pdf")
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Avec pièces jointes" in html and 'id="file-error"' in html
    assert attachment_count() == 0


def test_a_hostile_filename_is_stored_under_a_generated_name_inside_the_media_root(app, client, editor, resource):
    response = upload(client, resource, PDF, "../../etc/passwd.pdf")
    assert response.status_code == 302
    attachment = db.session.scalar(sa.select(Attachment))
    assert attachment.filename == "passwd.pdf"
    assert ".." not in attachment.storage_key and "passwd" not in attachment.storage_key
    root = Path(app.config["MEDIA_ROOT"]).resolve()
    stored = (root / attachment.storage_key).resolve()
    assert stored.is_relative_to(root) and stored.read_bytes() == PDF


def test_an_empty_or_missing_file_is_a_field_error(client, editor, resource):
    assert upload(client, resource, b"", "vide.pdf").status_code == 422
    response = client.post(f"/ressources/{resource.id}/pieces-jointes", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Choisissez un fichier" in response.get_data(as_text=True)
    assert attachment_count() == 0


def test_other_types_are_downloaded_not_shown(client, editor, resource):
    zip_bytes = b"PK\x03\x04" + b"\x14\x00" + b"\x00" * 40
    assert upload(client, resource, zip_bytes, "archive.zip").status_code == 302
    attachment = db.session.scalar(sa.select(Attachment))
    download = client.get(f"/pieces-jointes/{attachment.id}/archive.zip")
    assert download.mimetype == "application/zip"
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_removed_attachments_are_gone_and_only_editors_remove(client, login, logout, create_user, hls, resource):
    editor = login(create_user(partner=hls, role=Role.EDITOR))
    upload(client, resource, PDF, "plan.pdf")
    attachment = db.session.scalar(sa.select(Attachment))
    logout()
    assert client.post(f"/pieces-jointes/{attachment.id}/supprimer").status_code == 302  # to the login page
    login(create_user(partner=hls, role=Role.LEARNER))
    assert client.post(f"/pieces-jointes/{attachment.id}/supprimer").status_code == 403
    assert upload(client, resource, PDF, "plan.pdf").status_code == 403
    login(editor)
    assert client.post(f"/pieces-jointes/{attachment.id}/supprimer").status_code == 302
    assert client.get(f"/pieces-jointes/{attachment.id}/plan.pdf").status_code == 404
    assert "plan.pdf" not in client.get(f"/ressources/{resource.id}").get_data(as_text=True)


def test_attachments_of_resources_one_may_not_see_are_404(client, login, logout, create_user, hls,
                                                          create_resource):
    draft = create_resource(hls)
    login(create_user(partner=hls, role=Role.EDITOR))
    upload(client, draft, PDF, "brouillon.pdf")
    attachment = db.session.scalar(sa.select(Attachment))
    logout()
    assert client.get(f"/pieces-jointes/{attachment.id}/brouillon.pdf").status_code == 404
