"""Usage events (recorded from commons pages, the named signal and direct calls), the statistics page and its
CSV, and readers' ratings with moderated comments."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from blinker import signal

from app.db import db
from observatory.models import CommentStatus, ResourceFeedback, UsageEvent
from observatory.service.usage import USAGE_SIGNAL, record_usage
from tests.observatory.chartjson import charts


@pytest.fixture
def resources(networks, people):
    from commons import service
    from commons.models import Kind, Status, Visibility
    from commons.seed import seed_taxonomy

    seed_taxonomy()
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "video"))

    def make(title, partner, visibility=Visibility.PUBLIC):
        resource = service.create_resource({"title": title, "kind_id": kind, "owner_partner_id": partner.id,
                                            "visibility": visibility}, people.platform)
        service.change_status(resource, Status.PUBLISHED, people.platform)
        return resource

    made = {"public": make("Monter une SCIA", networks.hpf),
            "hls_only": make("Bail communal", networks.hls, Visibility.PARTNER)}
    db.session.commit()
    return made


def events():
    return db.session.execute(sa.select(UsageEvent.kind, UsageEvent.resource_id, UsageEvent.partner_id,
                                        UsageEvent.source)).all()


def test_reading_a_resource_page_records_a_view_for_its_owner(client, resources, networks):
    public = resources["public"]
    assert client.get(f"/ressources/{public.id}").status_code == 200
    assert client.get(f"/ressources/{resources['hls_only'].id}").status_code == 404  # not seen: not counted
    assert [(e.kind.value, e.resource_id, e.partner_id, e.source) for e in events()] == [
        ("view", public.id, networks.hpf.id, "commons")]


def test_downloading_an_attachment_records_a_download(client, resources, people):
    from werkzeug.datastructures import FileStorage

    from commons.attachments import add_attachment

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    attachment = add_attachment(resources["public"], FileStorage(io.BytesIO(pdf), filename="plan.pdf",
                                                                 content_type="application/pdf"), people.platform)
    db.session.commit()
    assert client.get(f"/pieces-jointes/{attachment.id}/plan.pdf").status_code == 200
    assert [(e.kind.value, e.resource_id) for e in events()] == [("download", resources["public"].id)]


def test_other_packages_record_through_the_named_signal_once_per_key(app_ctx, resources, networks):
    resource = resources["public"]
    for _ in range(2):  # a retried delivery
        signal(USAGE_SIGNAL).send("paths", kind="completion", resource_id=resource.id, subject="course:4",
                                  dedupe_key="paths:completion:17:31")
    signal(USAGE_SIGNAL).send("partners", kind="embed_load", resource_id=resource.id)
    db.session.commit()
    assert sorted((e.kind.value, e.source, e.partner_id) for e in events()) == [
        ("completion", "paths", networks.hpf.id), ("embed_load", "partners", networks.hpf.id)]


def test_the_statistics_page_and_csv_count_per_month_partner_and_resource(client, login, people, resources,
                                                                           networks):
    public, hidden = resources["public"], resources["hls_only"]
    for month, kind, resource, times in ((10, "view", public, 3), (11, "view", public, 2),
                                         (11, "download", public, 1), (11, "view", hidden, 4)):
        for _ in range(times):
            record_usage(kind, source="test", resource_id=resource.id,
                         occurred_dt=datetime(2026, month, 5, tzinfo=UTC))
    db.session.commit()
    login(people.editor_co)  # an editor of co: sees every partner's counts, but not the hls-only title
    page = client.get("/observatoire/statistiques").get_data(as_text=True)
    month_table = page[page.index("Par mois"):page.index("Par partenaire")]
    assert "<th scope=\"row\">2026-10</th><td>3</td><td>0</td>" in month_table
    assert "<th scope=\"row\">2026-11</th><td>6</td><td>1</td>" in month_table
    drawn = charts(page)
    assert set(drawn) == {"chart-month", "chart-partner", "chart-top"}
    assert drawn["chart-month"]["labels"] == ["2026-10", "2026-11"]
    assert [(s["label"], s["data"]) for s in drawn["chart-month"]["datasets"]] == [
        ("Consultations", [3, 6]), ("Téléchargements", [0, 1])]
    assert "Bail communal" not in str(drawn)
    assert "Bail communal" not in page
    rows = list(csv.DictReader(io.StringIO(client.get("/observatoire/statistiques.csv").get_data(as_text=True))))
    assert {(r["mois"], r["partenaire"], r["ressource"], r["type"], r["nombre"]) for r in rows} == {
        ("2026-10", "HPF", "Monter une SCIA", "view", "3"), ("2026-11", "HPF", "Monter une SCIA", "view", "2"),
        ("2026-11", "HPF", "Monter une SCIA", "download", "1"), ("2026-11", "HLS", "", "view", "4")}
    filtered = client.get("/observatoire/statistiques.csv?partner=hls&since=2026-11").get_data(as_text=True)
    assert len(list(csv.DictReader(io.StringIO(filtered)))) == 1
    api = client.get("/api/v1/observatory/usage?partner=hpf").json
    assert api == {"months": [{"month": "2026-10", "counts": {"view": 3}},
                              {"month": "2026-11", "counts": {"view": 2, "download": 1}}]}
    assert client.get("/observatoire/statistiques?since=octobre").status_code == 400


def test_statistics_are_for_editors_and_researchers(client, login, logout, people):
    for user, status in ((people.learner_hls, 403), (people.editor_co, 200), (people.researcher, 200)):
        login(user)
        assert client.get("/observatoire/statistiques").status_code == status
    logout()
    assert client.get("/observatoire/statistiques").status_code == 302


def test_ratings_and_comments_are_moderated_by_the_owners_editors(client, login, people, resources, networks,
                                                                   create_user):
    from app.accounts.models import Role

    public = resources["public"]
    url = f"/observatoire/ressources/{public.id}/avis"
    login(people.learner_hls)
    assert client.post(url, data={"rating": "6"}).status_code == 422
    assert client.post(url, data={"rating": "4", "comment": "Très utile en réunion"}).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "4.0 / 5 (1 avis)" in page and "Très utile en réunion" not in page.split("Votre avis")[0]
    feedback = db.session.scalar(sa.select(ResourceFeedback))
    assert feedback.comment_status == CommentStatus.PENDING

    hpf_editor = create_user(email="ed@hpf.example", partner=networks.hpf, role=Role.EDITOR)
    login(people.editor_co)  # not the owner's editor
    assert "Très utile" not in client.get("/observatoire/avis/moderation").get_data(as_text=True)
    assert client.post(f"/observatoire/avis/{feedback.id}/moderer", data={"decision": "approved"}).status_code == 403
    login(hpf_editor)
    assert "Très utile en réunion" in client.get("/observatoire/avis/moderation").get_data(as_text=True)
    assert client.post(f"/observatoire/avis/{feedback.id}/moderer", data={"decision": "approved"}).status_code == 303
    login(people.learner_hls)
    assert "Très utile en réunion" in client.get(url).get_data(as_text=True).split("Votre avis")[0]
    # changing the comment sends it back to moderation
    client.post(url, data={"rating": "5", "comment": "Très utile, et clair"})
    db.session.refresh(feedback)
    assert feedback.rating == 5 and feedback.comment_status == CommentStatus.PENDING
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ResourceFeedback)) == 1
