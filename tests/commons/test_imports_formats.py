"""Each spreadsheet format goes from upload to imported resources through the pages."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.models import Resource
from tests.commons.import_fixtures import WRITERS


@pytest.fixture
def editor(create_partner, create_user, login, taxonomy):
    partner = create_partner()
    return login(create_user(email="editrice@hls.example", partner=partner, role=Role.EDITOR)), partner


def upload(client, partner, content: bytes, name: str):
    return client.post("/ressources/imports", data={"partner_id": partner.id, "file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def mapping_form(page_text: str, **extra) -> dict:
    """Keep the guessed mapping: what the page pre-selected, read back as the browser would send it."""
    import re

    form = {}
    for select in re.findall(r'<select id="(col-\d+)" name="col-\d+"[^>]*>(.*?)</select>', page_text, re.S):
        chosen = re.search(r'<option value="([a-z_]*)" selected>', select[1])
        form[select[0]] = chosen.group(1) if chosen else ""
    return {**form, **extra}


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "ods"])
def test_each_format_is_read_mapped_and_imported(client, editor, file_format):
    _user, partner = editor
    response = upload(client, partner, WRITERS[file_format](), f"fiches.{file_format}")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert "Thématiques" in text and "Toilettes sèches collectives" in text
    form = mapping_form(text, status="draft")
    assert list(form.values())[:4] == ["key", "title", "kind", "themes"]
    assert client.post(response.headers["Location"], data=form).status_code == 302
    import_id = response.headers["Location"].split("/")[3]
    check = client.get(f"/ressources/imports/{import_id}/verification").get_data(as_text=True)
    assert "Aucun problème : 3 lignes prêtes." in check
    started = client.post(f"/ressources/imports/{import_id}/lancer")
    assert client.get(started.headers["Location"]).status_code == 200
    resources = {r.title: r for r in db.session.scalars(sa.select(Resource))}
    assert len(resources) == 3
    toilets = resources["Toilettes sèches collectives"]
    assert toilets.kind.slug == "outil" and {t.slug for t in toilets.themes} == {"eau-assainissement", "energie"}
    assert str(resources["Monter une SCI d'attribution"].content_date) == "2021-03-04"
    assert resources["Le consentement en réunion"].language == "en"


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, editor):
    _user, partner = editor
    response = upload(client, partner, b"PK\x03\x04 not really a zip", "fiches.xlsx")
    assert response.status_code == 422
    assert "pas un tableur lisible" in response.get_data(as_text=True)
    assert upload(client, partner, b"%PDF-1.4\x00\x01binary", "fiches.csv").status_code == 422


def test_an_empty_sheet_is_refused(client, editor):
    _user, partner = editor
    response = upload(client, partner, b"\n\n", "vide.csv")
    assert response.status_code == 422
    assert "Le tableur est vide." in response.get_data(as_text=True)
