"""`flask commons import`: dry run, a progress bar, a mapping file, and nothing written on a bad row; and
`flask commons seed-taxonomy`."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db
from commons.imports.demo import demo_workbook
from commons.models import Kind, Licence, Resource, Status
from tests.commons.import_fixtures import ROWS, as_csv, as_xlsx


@pytest.fixture
def sheet_env(create_partner, create_user, taxonomy, tmp_path):
    partner = create_partner()
    create_user(email="editrice@hls.example", partner=partner, role=Role.EDITOR)
    return tmp_path


def run(app, *args):
    db.session.commit()
    return app.test_cli_runner().invoke(args=["commons", "import", *map(str, args), "--partner", "hls",
                                              "--user", "editrice@hls.example"])


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Resource))


def test_dry_run_writes_nothing_then_the_import_shows_its_progress(app, sheet_env):
    path = sheet_env / "fiches.xlsx"
    path.write_bytes(as_xlsx())
    result = run(app, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "3 lignes : 3 à créer, 0 à mettre à jour." in result.output and "rien n'a été écrit" in result.output
    assert count() == 0
    result = run(app, path)
    assert result.exit_code == 0, result.output
    assert "Import" in result.output and "Import terminé : 3 créées, 0 mises à jour." in result.output
    db.session.expire_all()
    assert count() == 3
    again = run(app, path)
    assert "Import terminé : 0 créées, 3 mises à jour." in again.output
    assert count() == 3


def test_a_bad_row_aborts_with_its_row_and_column(app, sheet_env):
    path = sheet_env / "fiches.csv"
    path.write_bytes(as_csv(rows=[*ROWS, ["R4", "", "Méthode", "", "", "", "fr"]]))
    result = run(app, path)
    assert result.exit_code == 1
    assert "ligne 5, colonne « Titre » : Ce champ est obligatoire." in result.output
    assert "rien n'a été écrit" in result.output
    assert count() == 0


def test_a_mapping_file_decides_columns_and_unknown_values(app, sheet_env):
    sheet = sheet_env / "demo.xlsx"
    sheet.write_bytes(demo_workbook(24))
    assert run(app, sheet).exit_code == 1  # « Fiche pratique » and others are unknown with --mapping auto
    mapping = sheet_env / "mapping.yaml"
    mapping.write_text(
        "columns: {Référence: key, Titre: title, Type: kind, Thématiques: themes, Phase: phases, Résumé: summary,\n"
        "          Mots-clés: keywords, Auteur·rices: authors, Lien: source, Date: content_date, Langue: language,\n"
        "          Licence: licence}\n"
        "status: published\n"
        "taxonomy:\n  kinds: {Fiche pratique: methode}\n  themes: {Permaculture: agriculture}\n"
        "  phases: {Après l'installation: null}\n", encoding="utf-8")
    result = run(app, sheet, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    resources = db.session.scalars(sa.select(Resource)).all()
    assert len(resources) == 24 and {r.status for r in resources} == {Status.PUBLISHED}
    assert any(t.slug == "agriculture" for r in resources for t in r.themes)


def test_seed_taxonomy_gives_a_new_instance_its_terms_and_keeps_edits(app, app_ctx):
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Kind)) == 0
    first = app.test_cli_runner().invoke(args=["commons", "seed-taxonomy"])
    assert first.exit_code == 0, first.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Kind)) == 11
    assert db.session.scalar(sa.select(Licence.slug).where(Licence.slug == "cc-by-sa-4.0")) is not None
    kind = db.session.scalar(sa.select(Kind).where(Kind.slug == "video"))
    kind.label = "Vidéo (modifié)"
    db.session.commit()
    again = app.test_cli_runner().invoke(args=["commons", "seed-taxonomy"])
    assert again.exit_code == 0, again.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Kind)) == 11
    assert db.session.scalar(sa.select(Kind.label).where(Kind.slug == "video")) == "Vidéo (modifié)"
