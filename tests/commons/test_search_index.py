"""The index follows the database: every commit is indexed by a job, trash and restore, rebuild and check."""

from __future__ import annotations

import io
import threading

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from app.db import db
from commons import service
from commons.models import Resource, Status, Theme, Visibility

pytest_plugins = ["tests.commons.search_fixtures"]


def ids(result) -> list[int]:
    return [hit.resource_id for hit in result.hits]


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF showing `text` (Helvetica, ASCII)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def admin(create_user):
    return create_user(email="admin@example.org", is_platform_admin=True)


@pytest.fixture
def published(hls, create_resource):
    return create_resource(hls, title="Chantier participatif", status=Status.PUBLISHED, visibility=Visibility.PUBLIC)


def test_a_trashed_resource_disappears_and_comes_back_on_restore(published, admin, find):
    assert ids(find(None, "chantier")) == [published.id]

    service.trash_resource(published, admin)
    assert ids(find(None, "chantier")) == [published.id]  # nothing changes before the commit
    db.session.commit()
    assert find(None, "chantier").total == 0
    assert find(admin, "chantier").total == 0  # not even for platform admins: the trash is not searched

    service.restore_resource(published, admin)
    db.session.commit()
    assert ids(find(None, "chantier")) == [published.id]


def test_visibility_and_status_changes_take_effect(published, admin, find):
    published.visibility = Visibility.PARTNER
    db.session.commit()
    assert find(None, "chantier").total == 0

    published.visibility = Visibility.PUBLIC
    service.change_status(published, Status.DRAFT, admin)
    db.session.commit()
    assert find(None, "chantier").total == 0
    assert ids(find(admin, "chantier")) == [published.id]


def test_edits_are_indexed_after_commit_and_forgotten_on_rollback(published, admin, find):
    service.update_resource(published, {"title": "Auto-construction en paille"}, admin)
    db.session.rollback()
    assert find(None, "paille").total == 0
    assert ids(find(None, "chantier")) == [published.id]

    service.update_resource(published, {"title": "Auto-construction en paille", "theme_ids": []}, admin)
    db.session.commit()
    assert ids(find(None, "paille")) == [published.id]
    assert find(None, "chantier").total == 0


def test_one_job_per_commit_whatever_the_flushes(hls, create_resource, admin, monkeypatch):
    from commons.search import tasks

    jobs = []
    monkeypatch.setattr(tasks, "index_resources_job", jobs.append)
    first = create_resource(hls, title="Un", status=Status.PUBLISHED)  # create, revision, status: 3 flushes
    assert jobs == [[first.id]]

    jobs.clear()
    second = service.create_resource({"title": "Deux", "kind_id": first.kind_id, "owner_partner_id": hls.id}, admin)
    service.update_resource(first, {"summary": "Modifié"}, admin)
    db.session.flush()
    db.session.commit()
    assert jobs == [sorted([first.id, second.id])]

    jobs.clear()
    service.update_resource(first, {"summary": "Annulé"}, admin)
    db.session.rollback()
    db.session.commit()
    assert jobs == []


def test_pdf_attachment_text_is_searchable_until_removed(app, published, admin, find):
    from commons import attachments

    upload = FileStorage(io.BytesIO(pdf_with_text("Le bail emphyteotique du hameau")), "bail.pdf")
    with app.test_request_context():
        attachment = attachments.add_attachment(published, upload, admin)
    db.session.commit()
    hit = find(None, "emphytéotique").hits[0]
    assert hit.resource_id == published.id
    assert "<mark>emphyteotique</mark>" in str(hit.excerpt_html)

    attachments.remove_attachment(attachment)
    db.session.commit()
    assert find(None, "emphyteotique").total == 0


def test_renaming_a_theme_updates_the_facet(hls, create_resource, find):
    resource = create_resource(hls, title="Foncier", themes=["foncier"], status=Status.PUBLISHED,
                               visibility=Visibility.PUBLIC)
    theme = db.session.scalar(sa.select(Theme).where(Theme.slug == "foncier"))
    theme.slug = "terrain"
    db.session.commit()

    assert ids(find(None, theme=["terrain"])) == [resource.id]
    assert find(None, theme=["foncier"]).total == 0


def _snapshot(find, user):
    return [(r.total, [(h.resource_id, round(h.score, 4), str(h.title_html), str(h.excerpt_html)) for h in r.hits],
             r.facets) for r in (find(user, "habitat", per_page=50), find(user, sort="title", per_page=50),
                                 find(user, "paille OR habitat", kind=["video"], sort="date"))]


def test_reindex_twice_gives_the_same_results(hls, create_resource, admin, find):
    from commons.search import rebuild

    for n in range(30):
        create_resource(hls, title=f"Habitat {n} en paille" if n % 3 else f"Habitat {n}",
                        kind=("video", "outil")[n % 2], themes=["foncier"] if n % 4 else [],
                        status=Status.PUBLISHED if n % 5 else None, visibility=Visibility.PUBLIC,
                        summary="Un habitat léger. " * (n % 4))
    incremental = _snapshot(find, admin)

    assert rebuild(procs=2) == 30
    first = _snapshot(find, admin)
    assert rebuild(procs=1) == 30
    assert _snapshot(find, admin) == first
    # scores may differ from the incrementally built index (its statistics still count replaced documents
    # until segments merge), what is found and counted may not
    assert [(total, sorted(hit[0] for hit in hits), facets) for total, hits, facets in first] == [
        (total, sorted(hit[0] for hit in hits), facets) for total, hits, facets in incremental]


@pytest.mark.whoosh_only("tampers with the Whoosh index through its writer")
def test_check_reports_missing_stale_and_orphan_documents(app, hls, create_resource, admin):
    from commons.search import check, index

    resources = [create_resource(hls, title=f"Ressource {n}", status=Status.PUBLISHED) for n in range(4)]
    runner = app.test_cli_runner()
    assert check() == {"missing": [], "stale": [], "orphans": []}
    assert runner.invoke(args=["search", "check"]).exit_code == 0

    with index.writer() as w:  # lost from the index
        w.delete_by_term("id", str(resources[0].id))
    db.session.execute(sa.update(Resource).where(Resource.id == resources[1].id)  # changed behind the ORM's back
                       .values(version=Resource.version + 1))
    db.session.execute(sa.update(Resource).where(Resource.id == resources[2].id).values(is_deleted=True))
    db.session.commit()

    assert check() == {"missing": [resources[0].id], "stale": [resources[1].id], "orphans": [resources[2].id]}
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert f"1 ressource(s) absentes de l'index : {resources[0].id}" in result.output

    result = runner.invoke(args=["search", "reindex", "--procs", "2"])
    assert result.exit_code == 0, result.output
    assert "3 ressources indexées" in result.output
    assert check() == {"missing": [], "stale": [], "orphans": []}
    assert "Documents : 3" in runner.invoke(args=["search", "stats"]).output


@pytest.mark.whoosh_only("holds a Whoosh writer while a rebuild swaps the folder")
def test_a_rebuild_waits_for_a_job_writing_before_swapping_the_folder(app, hls, create_resource, admin, find):
    """A job's writer names its files by the folder's path: swapped under it, it would write half its segment
    into the retired index and half into the new one (Whoosh then fails on a missing file, or worse, commits a
    table of contents of the old generation into the new index)."""
    from commons.search import check, index, rebuild

    resources = [create_resource(hls, title=f"Habitat {n}", status=Status.PUBLISHED) for n in range(3)]
    job_writer = index.writer()
    job_writer.update_document(**index.document_for(resources[0]))

    def run_rebuild(done: list):
        with app.app_context():
            done.append(rebuild(procs=1))

    done: list = []
    rebuilding = threading.Thread(target=run_rebuild, args=(done,))
    rebuilding.start()
    rebuilding.join(timeout=2)
    assert rebuilding.is_alive(), "the rebuild swapped the folder while a job held the writer"
    job_writer.commit()
    rebuilding.join(timeout=30)

    assert done == [3]
    assert check() == {"missing": [], "stale": [], "orphans": []}
    assert sorted(ids(find(admin, "habitat"))) == sorted(r.id for r in resources)
