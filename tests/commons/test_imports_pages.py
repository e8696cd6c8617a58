"""The import steps through the pages: dry run, taxonomy decisions, all-or-nothing, re-import, progress."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.imports import tasks
from commons.imports.models import ImportKey, ImportStatus, ResourceImport
from commons.models import Resource, ResourceRevision
from tests.commons.import_fixtures import ROWS, as_csv

AUTO = {"col-0": "key", "col-1": "title", "col-2": "kind", "col-3": "themes", "col-4": "summary",
        "col-5": "content_date", "col-6": "language", "status": "draft"}


@pytest.fixture
def partner(create_partner, create_user, login, taxonomy):
    hls = create_partner()
    login(create_user(email="editrice@hls.example", partner=hls, role=Role.EDITOR))
    return hls


def start(client, partner, content: bytes, mapping=AUTO) -> int:
    """Upload and map a sheet; the id of its import."""
    response = client.post("/ressources/imports", content_type="multipart/form-data",
                           data={"partner_id": partner.id, "file": (io.BytesIO(content), "fiches.csv")})
    import_id = int(response.headers["Location"].split("/")[3])
    assert client.post(f"/ressources/imports/{import_id}/colonnes", data=mapping).status_code == 302
    return import_id


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(client, partner):
    import_id = start(client, partner, as_csv())
    text = client.get(f"/ressources/imports/{import_id}/verification").get_data(as_text=True)
    assert "3 ressources seront créées et 0 mises à jour" in text
    assert count(Resource) == 0 and count(ImportKey) == 0 and count(ResourceRevision) == 0


def test_a_bad_row_is_named_by_row_and_column_and_aborts_the_import(client, partner):
    rows = [list(row) for row in ROWS] + [["R4", "ab", "Méthode", "", "", "32/13/2020", "klingon"]]
    import_id = start(client, partner, as_csv(rows=rows))
    text = client.get(f"/ressources/imports/{import_id}/verification").get_data(as_text=True)
    assert "3 problèmes empêchent l'import." in text
    assert "<td>5</td><td>Titre</td><td>Le titre doit faire entre 3 et 300 caractères.</td>" in text
    assert "<td>5</td><td>Langue</td><td>Langue inconnue.</td>" in text
    assert "<td>5</td><td>Date</td>" in text
    client.post(f"/ressources/imports/{import_id}/lancer")
    status = client.get(f"/ressources/imports/{import_id}").get_data(as_text=True)
    assert "Import annulé : rien n'a été écrit." in status and "<td>5</td><td>Titre</td>" in status
    assert count(Resource) == 0 and count(ImportKey) == 0
    assert db.session.get(ResourceImport, import_id).status == ImportStatus.FAILED


def test_unknown_taxonomy_values_are_listed_for_a_decision(client, partner, taxonomy):
    rows = [list(row) for row in ROWS]
    rows[0][2], rows[1][3], rows[2][3] = "Fiche pratique", "Permaculture", "Permaculture, Gouvernance partagée"
    import_id = start(client, partner, as_csv(rows=rows))
    page = client.get(f"/ressources/imports/{import_id}/taxonomie").get_data(as_text=True)
    assert "« Fiche pratique »" in page and "« Permaculture »" in page and "<td>3, 4</td>" in page
    refused = client.post(f"/ressources/imports/{import_id}/taxonomie",
                          data={"kinds:fiche pratique": "ignore", "themes:permaculture": "ignore"})
    assert refused.status_code == 422  # a kind cannot be ignored
    decided = client.post(f"/ressources/imports/{import_id}/taxonomie", data={
        "kinds:fiche pratique": taxonomy["kinds"]["methode"].id, "themes:permaculture": "ignore"})
    assert decided.headers["Location"].endswith("/verification")
    assert "Aucun problème" in client.get(decided.headers["Location"]).get_data(as_text=True)
    client.post(f"/ressources/imports/{import_id}/lancer")
    sci = db.session.scalar(sa.select(Resource).where(Resource.title == "Monter une SCI d'attribution"))
    assert sci.kind.slug == "methode"
    consent = db.session.scalar(sa.select(Resource).where(Resource.title == "Le consentement en réunion"))
    assert [t.slug for t in consent.themes] == ["gouvernance"]


def test_the_title_column_must_be_mapped(client, partner):
    response = client.post("/ressources/imports", content_type="multipart/form-data",
                           data={"partner_id": partner.id, "file": (io.BytesIO(as_csv()), "fiches.csv")})
    refused = client.post(response.headers["Location"], data={**AUTO, "col-1": ""})
    assert refused.status_code == 422
    assert "Choisissez la colonne du titre." in refused.get_data(as_text=True)


def test_reimporting_the_same_sheet_updates_instead_of_duplicating(client, partner):
    client.post(f"/ressources/imports/{start(client, partner, as_csv())}/lancer")
    first = {r.title: r.id for r in db.session.scalars(sa.select(Resource))}
    rows = [list(row) for row in ROWS]
    rows[1][1] = "Toilettes sèches : le guide complet"
    import_id = start(client, partner, as_csv(rows=rows))
    assert "0 ressources seront créées et 3 mises à jour" in client.get(
        f"/ressources/imports/{import_id}/verification").get_data(as_text=True)
    client.post(f"/ressources/imports/{import_id}/lancer")
    assert "0 ressources créées, 3 mises à jour" in client.get(f"/ressources/imports/{import_id}").get_data(
        as_text=True)
    assert count(Resource) == 3
    renamed = db.session.get(Resource, first["Toilettes sèches collectives"])
    assert renamed.title == "Toilettes sèches : le guide complet" and renamed.version == 2
    numbers = db.session.scalars(sa.select(ResourceRevision.comment).where(
        ResourceRevision.resource_id == renamed.id).order_by(ResourceRevision.number)).all()
    assert len(numbers) == 2 and "ligne 3" in numbers[1]


def test_a_key_twice_in_a_sheet_is_a_problem(client, partner):
    rows = [list(row) for row in ROWS]
    rows[2][0] = "R1"
    import_id = start(client, partner, as_csv(rows=rows))
    text = client.get(f"/ressources/imports/{import_id}/verification").get_data(as_text=True)
    assert "<td>4</td><td>Référence</td><td>La clé « R1 » est déjà celle de la ligne 2.</td>" in text


def test_the_progress_page_shows_a_running_import_and_refreshes_without_javascript(client, partner):
    import_id = start(client, partner, as_csv())
    imported = db.session.get(ResourceImport, import_id)
    imported.status = ImportStatus.RUNNING.value
    db.session.commit()
    tasks.set_progress(import_id, 2, 3)
    page = client.get(f"/ressources/imports/{import_id}").get_data(as_text=True)
    assert "Import en cours : 2 lignes sur 3." in page and '<progress value="2" max="3"' in page
    assert '<meta http-equiv="refresh" content="3">' in page
    fragment = client.get(f"/ressources/imports/{import_id}/progression").get_data(as_text=True)
    assert "hx-get" in fragment and "2 lignes sur 3" in fragment and "<html" not in fragment


def test_imports_of_another_partner_are_invisible(client, partner, create_partner, create_user, login):
    import_id = start(client, partner, as_csv())
    co = create_partner(slug="co", name="Coopérative Oasis")
    login(create_user(email="editeur@co.example", partner=co, role=Role.EDITOR))
    assert client.get(f"/ressources/imports/{import_id}/colonnes").status_code == 404
    refused = client.post("/ressources/imports", content_type="multipart/form-data",
                          data={"partner_id": partner.id, "file": (io.BytesIO(as_csv()), "fiches.csv")})
    assert refused.status_code == 422
    assert "Imports récents" not in client.get("/ressources/imports").get_data(as_text=True)
