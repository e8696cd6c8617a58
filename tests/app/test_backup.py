"""`flask backup` / `flask restore`: a round trip gives back the same catalogue, files included, into a fresh
database and instance; a non-empty database, a tampered archive or a path outside the media store are refused
before anything is written; the dump reads one snapshot while others write."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import tarfile
import threading
import wave
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from app import create_app
from app.backup import database as backup_database
from app.db import db
from tests.conftest import POSTGRES_URL, service_unavailable

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    """A valid 2x2 PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x10\x80\xf0" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def wav_file(path: Path) -> Path:
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x01" * 800)
    return path


@pytest.fixture
def catalogue(app, app_ctx, create_partner, create_user, tmp_path, monkeypatch):
    """Demo-like content: two partners, an admin with an API token, published resources with taxonomy links,
    keywords, co-owners, an attachment and a sound file, and a course with a cover, a sequence and a step.
    The media store is the test's own (other tests leave files in the shared one)."""
    from app.accounts.models import Role
    from app.accounts.service import create_api_token
    from commons import attachments, service
    from commons.models import Kind, Licence, Phase, Status, Theme, Visibility
    from commons.seed import seed_taxonomy
    from courses import covers
    from courses import service as courses
    from media import service as media

    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "source-media"))
    seed_taxonomy()
    hls, hpf = create_partner("hls", "Hameaux Légers"), create_partner("hpf", "Habitat Participatif France")
    admin = create_user(email="admin@example.org", is_platform_admin=True, partner=hls, role=Role.EDITOR)
    token = create_api_token(admin, "sauvegarde")[1]
    themes, phases = db.session.scalars(sa.select(Theme)).all(), db.session.scalars(sa.select(Phase)).all()
    kinds, licence = db.session.scalars(sa.select(Kind)).all(), db.session.scalars(sa.select(Licence)).first()
    resources = []
    for n in range(3):
        resource = service.create_resource({
            "title": f"Guide du foncier n°{n} : l'été à Cœur-de-Bois", "summary": "Résumé accentué — « oui »",
            "body": "# Titre\n\nDu *Markdown*.", "kind_id": kinds[n].id, "owner_partner_id": hls.id,
            "theme_ids": [themes[n].id, themes[n + 1].id], "phase_ids": [phases[n].id], "licence_id": licence.id,
            "co_owner_ids": [hpf.id] if n == 1 else [], "keywords": ["bail", f"mot{n}"],
            "visibility": Visibility.PUBLIC}, admin)
        service.change_status(resource, Status.PUBLISHED, admin)
        resources.append(resource)
    attachments.add_attachment(resources[0], FileStorage(io.BytesIO(PDF_BYTES), "bail-type.pdf"), admin)
    media.import_file("resource", resources[1].id, str(wav_file(tmp_path / "son.wav")), "son.wav", admin)
    course = courses.create_course({"owner_partner_id": hls.id, "title": "Parcours foncier"}, admin)
    covers.set_cover(course, FileStorage(io.BytesIO(png_bytes()), "couverture.png"))
    sequence = courses.add_sequence(course, "Premiers pas")
    courses.add_step(sequence, {"title": "Lire le guide", "resource_id": resources[0].id})
    db.session.commit()
    return {"token": token, "resource_ids": [r.id for r in resources], "course_id": course.id}


def run(application, *args, **kwargs):
    """`flask <args>` on `application` (its own app context: the tests keep the main app's one pushed)."""
    with application.app_context():
        result = application.test_cli_runner(**kwargs).invoke(args=list(args), catch_exceptions=False)
        db.session.remove()
    return result


def seen_catalogue(application, token: str) -> dict:
    """What a user of the API notices: the listing, each resource in full, every attachment's bytes as served,
    and the bytes of every file of the media store."""
    headers = {"Authorization": f"Bearer {token}"}
    with application.app_context():
        counts = {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
                  for table in db.metadata.sorted_tables}  # before the visit below logs its downloads
        client = application.test_client()
        listing = client.get("/api/v1/resources/?per_page=100", headers=headers)
        assert listing.status_code == 200, listing.text
        details, served = [], {}
        for item in listing.json["items"]:
            detail = client.get(f"/api/v1/resources/{item['id']}", headers=headers).json
            details.append(detail)
            for attachment in detail["attachments"]:
                response = client.get(attachment["url"], headers=headers)
                assert response.status_code == 200
                served[attachment["url"]] = response.data
        root = Path(application.config["MEDIA_ROOT"])
        files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
                 and p.relative_to(root).parts[0] != "tmp"}
        db.session.remove()
    return {"listing": listing.json, "details": details, "served": served, "files": files, "counts": counts}


def _fresh_database_url(tmp_path: Path, postgresql: bool) -> str:
    """A new SQLite file, or the PostgreSQL database `<test database>_restore` emptied of every table."""
    if not postgresql:
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    url = sa.engine.make_url(POSTGRES_URL)
    fresh = url.set(database=f"{url.database}_restore")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": fresh.database}):
                conn.exec_driver_sql(f'CREATE DATABASE "{fresh.database}"')
    except sa.exc.OperationalError as exc:
        service_unavailable(f"PostgreSQL unreachable: {exc.orig}")
    finally:
        engine.dispose()
    engine = sa.create_engine(fresh)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    engine.dispose()
    return fresh.render_as_string(hide_password=False)


@pytest.fixture
def fresh_app(request, app, tmp_path):
    """Another Terreau: an empty database (no tables at all) and an empty instance folder. The database is of
    the suite's backend, or of the other one when the test is parametrized with "other"."""
    on_postgresql = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    if getattr(request, "param", "same") == "other":
        on_postgresql = not on_postgresql
    instance = tmp_path / "instance"
    application = create_app({
        "SQLALCHEMY_DATABASE_URI": _fresh_database_url(tmp_path, on_postgresql), "TESTING": True,
        "SERVER_NAME": "localhost", "INSTANCE_PATH": str(instance), "MEDIA_ROOT": str(instance / "media"),
        "WTF_CSRF_ENABLED": False,
    })
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("fresh_app", ["same", pytest.param("other", marks=pytest.mark.services)],
                         indirect=True, ids=["same-backend", "other-backend"])
def test_round_trip_restores_an_identical_catalogue(app, catalogue, fresh_app, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    result = run(app, "backup", "--output", str(archive))
    assert result.exit_code == 0, result.output
    assert "Sauvegarde écrite" in result.output
    before = seen_catalogue(app, catalogue["token"])

    result = run(fresh_app, "restore", str(archive))
    assert result.exit_code == 0, result.output
    after = seen_catalogue(fresh_app, catalogue["token"])

    assert len(before["details"]) == 3 and len(before["served"]) == 1 and len(before["files"]) == 3
    assert after == before
    assert list(after["served"].values()) == [PDF_BYTES]
    with fresh_app.app_context():  # the search index was rebuilt from the restored rows
        found = fresh_app.test_client().get("/api/v1/search?q=foncier",
                                            headers={"Authorization": f"Bearer {catalogue['token']}"})
        assert found.status_code == 200
        assert sorted(hit["id"] for hit in found.json["hits"]) == sorted(catalogue["resource_ids"])
        created = fresh_app.test_client().post(  # ids go on after the restored ones (PostgreSQL sequences)
            "/api/v1/resources/", headers={"Authorization": f"Bearer {catalogue['token']}"},
            json={"title": "Nouvelle après restauration", "kind_id": before["details"][0]["kind"]["id"],
                  "owner_partner_id": before["details"][0]["owner_partner"]["id"]})
        assert created.status_code == 201, created.text
        assert created.json["id"] == max(catalogue["resource_ids"]) + 1


def test_the_manifest_describes_the_archive(app, catalogue, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    assert run(app, "backup", "-o", str(archive)).exit_code == 0
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["format_version"] == 1
    assert manifest["database_backend"] == db.engine.dialect.name
    counts = {entry["name"]: entry["rows"] for entry in manifest["tables"]}
    assert counts["resources"] == 3 and counts["attachments"] == 1 and counts["resource_themes"] == 6
    assert [entry["name"] for entry in manifest["tables"]] == [t.name for t in db.metadata.sorted_tables]
    assert {f"media/{entry['key']}" for entry in manifest["files"]} == {n for n in names if n.startswith("media/")}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"] + manifest["tables"])
    assert manifest["vanished"] == []


def test_only_the_account_that_ran_it_may_read_the_archive(app, catalogue, tmp_path):
    """It holds every account's e-mail and password hash; in a deployment the instance folder is also readable by
    nginx's group (it serves the media), so the archive must not inherit a permissive umask."""
    previous = os.umask(0o022)
    try:
        archive = tmp_path / "sauvegarde.tar.gz"
        assert run(app, "backup", "-o", str(archive)).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_restore_refuses_a_database_that_holds_data_unless_told(app, catalogue, tmp_path):
    from commons.models import Resource

    archive = tmp_path / "sauvegarde.tar.gz"
    assert run(app, "backup", "-o", str(archive)).exit_code == 0
    resource = db.session.get(Resource, catalogue["resource_ids"][2])
    resource.title = "Titre modifié après la sauvegarde"
    db.session.commit()

    refused = run(app, "restore", str(archive))
    assert refused.exit_code != 0
    assert "n'est pas vide" in refused.output and "--yes" in refused.output
    db.session.expire_all()
    assert db.session.get(Resource, catalogue["resource_ids"][2]).title == "Titre modifié après la sauvegarde"

    accepted = run(app, "restore", str(archive), "--yes")
    assert accepted.exit_code == 0, accepted.output
    db.session.expire_all()
    assert db.session.get(Resource, catalogue["resource_ids"][2]).title.startswith("Guide du foncier n°2")


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive member by member; `change(name, data)` returns [(name, data), ...] to write instead."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            for name, data in change(member.name, old.extractfile(member).read()):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))


def _tamper_path(name, data):
    if name.startswith("media/"):
        return [(name, data), ("media/../../x", b"evil")]
    return [(name, data)]


def _tamper_bytes(name, data):
    if name == "database/resources.jsonl":
        return [(name, data.replace(b"Guide", b"Gvide", 1))]
    return [(name, data)]


def _tamper_manifest_path(name, data):
    if name == "manifest.json":
        manifest = json.loads(data)
        manifest["files"][0]["key"] = "../../x"
        return [(name, json.dumps(manifest).encode())]
    return [(name, data)]


@pytest.mark.parametrize(("change", "message"), [
    (_tamper_path, "chemin refusé"), (_tamper_bytes, "archive altérée"), (_tamper_manifest_path, "absent"),
])
def test_a_tampered_archive_is_refused_and_nothing_is_written(app, catalogue, fresh_app, tmp_path, change,
                                                              message):
    good, bad = tmp_path / "bonne.tar.gz", tmp_path / "out" / "in" / "alteree.tar.gz"
    bad.parent.mkdir(parents=True)
    assert run(app, "backup", "-o", str(good)).exit_code == 0
    _rewrite(good, bad, change)

    result = run(fresh_app, "restore", str(bad))
    assert result.exit_code != 0
    assert "Restauration refusée" in result.output and message in result.output
    with fresh_app.app_context():
        assert sa.inspect(db.engine).get_table_names() == []  # not even the schema
        db.engine.dispose()
    assert not Path(fresh_app.config["MEDIA_ROOT"]).exists()
    assert not (tmp_path / "x").exists() and not (tmp_path / "out" / "x").exists()


def test_rows_written_during_the_dump_are_entirely_out_of_it(app, catalogue, tmp_path, monkeypatch):
    """While the first table is dumped another connection adds a partner and a keyword (tables dumped later)
    and commits: the archive is the database as it was when the dump began."""
    original = backup_database.dump_rows
    first = db.metadata.sorted_tables[0].name

    def write_elsewhere():
        from app.accounts.models import Partner

        with app.app_context():  # its own database session and connection, as another process would have
            db.session.add(Partner(slug="co", name="Colibris", short_name="CO"))
            db.session.commit()
            db.session.remove()

    def dump_rows(conn, table):
        yield from original(conn, table)
        if table.name == first:
            writer = threading.Thread(target=write_elsewhere)
            writer.start()
            writer.join(timeout=30)

    monkeypatch.setattr(backup_database, "dump_rows", dump_rows)
    archive = tmp_path / "sauvegarde.tar.gz"
    assert run(app, "backup", "-o", str(archive)).exit_code == 0

    assert db.session.scalar(sa.text("SELECT count(*) FROM partners")) == 3  # the write happened
    with tarfile.open(archive) as tar:
        partners = [json.loads(line)["slug"] for line in tar.extractfile("database/partners.jsonl")]
    assert sorted(partners) == ["hls", "hpf"]


def test_a_file_deleted_during_the_backup_is_reported(app, catalogue, tmp_path, monkeypatch):
    from app.backup import archive as backup_archive

    root = Path(app.config["MEDIA_ROOT"])
    doomed = next(p for p in root.rglob("*.pdf"))
    listing = backup_archive._media_files

    def list_then_delete(folder):
        paths = listing(folder)
        doomed.unlink()
        return paths

    monkeypatch.setattr(backup_archive, "_media_files", list_then_delete)
    result = run(app, "backup", "-o", str(tmp_path / "s.tar.gz"))
    assert result.exit_code == 0, result.output
    assert "disparu pendant la sauvegarde" in result.stderr
    assert doomed.relative_to(root).as_posix() in result.stderr
