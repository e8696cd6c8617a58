"""Course bundles: export then import gives the same course; a malformed bundle writes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa
import yaml

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def _cover(course):
    from courses import covers

    return course.cover_mime, covers.cover_bytes(course)


def snapshot(course):
    return {"title": course.title, "summary": course.summary, "level": course.level,
            "minutes": course.estimated_minutes, "licence": course.licence_id, "cover": _cover(course),
            "sequences": [(s.title, s.summary, [(t.title, t.intro, t.resource_id, t.completion_rule, t.video_seconds)
                                                for t in s.steps]) for s in course.sequences]}


def course_count():
    from courses.models import Course

    return db.session.scalar(sa.select(sa.func.count()).select_from(Course))


def test_export_then_import_gives_an_identical_course(learning, client, login):
    from courses.models import Course

    login(learning.editor)
    exported = client.get(f"/parcours/{learning.course}/paquet.zip")
    assert exported.status_code == 200 and exported.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(exported.data))
    assert {"course.yaml", "summary.md", "sequences/01/steps/01.md"} <= set(archive.namelist())
    assert archive.read("sequences/01/steps/01.md").decode() == "Bonjour **à toutes et tous**."
    response = client.post("/parcours/importer", data={"partner_id": learning.hls,
                                                        "bundle": (io.BytesIO(exported.data), "parcours.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    original = db.session.get(Course, learning.course)
    imported = db.session.scalar(sa.select(Course).where(Course.id != learning.course))
    assert snapshot(imported) == snapshot(original)
    assert not imported.is_published


def test_command_line_export_and_import(learning, app, tmp_path):
    from courses.models import Course

    path = tmp_path / "parcours.zip"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["courses", "export", str(learning.course), str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["courses", "import", str(path), "--partner", "co"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    imported = db.session.scalar(sa.select(Course).where(Course.owner_partner_id == learning.co))
    assert snapshot(imported) == snapshot(db.session.get(Course, learning.course))


def rebuild(data: bytes, change) -> bytes:
    """The bundle with course.yaml (as a dict) and its files passed through `change(outline, files)`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: source.read(name) for name in source.namelist()}
    outline = yaml.safe_load(files.pop("course.yaml"))
    change(outline, files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("course.yaml", yaml.safe_dump(outline, allow_unicode=True))
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def drop_step_intro(outline, files):
    del files["sequences/02/steps/01.md"]


def unknown_resource(outline, files):
    outline["sequences"][1]["steps"][0]["resource"] = {"title": "Une ressource qui n'existe pas"}


def bad_rule(outline, files):
    outline["sequences"][0]["steps"][1]["completion_rule"] = "teleported"


def no_title(outline, files):
    outline["title"] = ""


@pytest.mark.parametrize(("change", "message"), [
    (drop_step_intro, "Séquence 2, étape 1 : fichier Markdown « sequences/02/steps/01.md » absent du paquet."),
    (unknown_resource, "Séquence 2, étape 1 : ressource « Une ressource qui n&#39;existe pas » introuvable"),
    (bad_rule, "Séquence 1, étape 2 : valeur « teleported » inconnue."),
    (no_title, "Titre du parcours : texte obligatoire"),
])
def test_a_malformed_bundle_writes_nothing(learning, client, login, change, message):
    from courses.bundles import export_bundle
    from courses.models import Course

    data = rebuild(export_bundle(db.session.get(Course, learning.course)), change)
    before = course_count()
    login(learning.editor)
    response = client.post("/parcours/importer", data={"partner_id": learning.hls,
                                                        "bundle": (io.BytesIO(data), "parcours.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "rien n'a été importé" in response.get_data(as_text=True)
    assert message in response.get_data(as_text=True)
    assert course_count() == before


def test_not_a_zip_and_bad_yaml_are_refused(learning, client, login, app, tmp_path):
    login(learning.editor)
    before = course_count()
    for content in (b"not a zip at all", _zip({"course.yaml": "title: [unclosed"}),
                    _zip({"course.yaml": "format: something-else/9\n"})):
        response = client.post("/parcours/importer", data={"partner_id": learning.hls,
                                                            "bundle": (io.BytesIO(content), "x.zip")},
                               content_type="multipart/form-data")
        assert response.status_code == 422
    path = tmp_path / "bad.zip"
    path.write_bytes(b"nope")
    result = app.test_cli_runner().invoke(args=["courses", "import", str(path), "--partner", "hls"])
    assert result.exit_code != 0 and "rien n'a été importé" in result.output
    assert course_count() == before


def test_only_editors_of_a_partner_import_into_it(learning, client, login):
    from courses.bundles import export_bundle
    from courses.models import Course

    data = export_bundle(db.session.get(Course, learning.course))
    login(learning.co_editor)
    response = client.post("/parcours/importer", data={"partner_id": learning.hls,
                                                        "bundle": (io.BytesIO(data), "x.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert course_count() == 1
    login(learning.learner)
    assert client.get("/parcours/importer").status_code == 403


def _zip(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()
