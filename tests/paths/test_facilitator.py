"""The facilitator's side: dashboard, learners table, CSV export job, announcements and outbox, enrolment by
invitation and CSV, xAPI export, and the walls between sessions."""

from __future__ import annotations

import io
from datetime import timedelta

import sqlalchemy as sa

from app.db import db, utcnow

pytest_plugins = ["tests.paths.fixtures"]


def test_the_dashboard_reads_counts_and_completion_per_sequence(learning, client, login, enrol, send_events):
    from paths.models import Enrolment

    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    s = learning.steps
    send_events(learning.learner, learning.session, ("dash-0000001", s[0], "opened", {}),
                ("dash-0000002", s[1], "video", {"segments": [[0, 100]]}))
    sleeper = db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == learning.other_learner.id))
    sleeper.last_activity_dt = utcnow() - timedelta(days=20)
    db.session.commit()
    login(learning.facilitator)
    page = client.get(f"/sessions/{learning.session}/tableau-de-bord")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<strong>2</strong> inscrit·es" in text
    assert "<strong>1</strong> actif·ves ces 7 derniers jours" in text
    assert "<svg" in text and 'role="img"' in text
    # data table: sequence 1 done by 1 of 2 learners, sequence 2 by nobody
    assert "<td>S1. Comprendre</td><td>1</td><td>50 %</td>" in text
    assert "<td>S2. Agir</td><td>0</td><td>0 %</td>" in text
    inactive = client.get(f"/sessions/{learning.session}/tableau-de-bord?inactifs=1").get_data(as_text=True)
    assert "Marc Voisin" in inactive and "Léa Apprenante" not in inactive


def test_the_learners_table_searches_sorts_and_pages(learning, client, login, enrol, create_user, send_events):
    for n in range(30):
        enrol(create_user(f"learner{n:02d}@example.org", f"Apprenant {n:02d}"), learning.session)
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("tab-00000001", learning.steps[0], "opened", {}))
    login(learning.facilitator)
    url = f"/sessions/{learning.session}/tableau-de-bord"
    first = client.get(url).get_data(as_text=True)
    assert "31 apprenant·es" in first and "Page 1 sur 2" in first
    assert "Apprenant 00" in first and "Léa Apprenante" not in first  # sorted by name, 25 a page
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert "Léa Apprenante" in second
    found = client.get(url + "?q=l%C3%A9a").get_data(as_text=True)
    assert "1 apprenant·e" in found and "Léa Apprenante" in found
    by_progress = client.get(url + "?sort=-progress").get_data(as_text=True)
    assert by_progress.index("Léa Apprenante") < by_progress.index("Apprenant 00")


def test_csv_export_runs_as_a_job_and_downloads(learning, client, login, enrol, send_events):
    from paths.models import ExportJob

    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("csv-00000001", learning.steps[0], "opened", {}))
    login(learning.facilitator)
    response = client.post(f"/sessions/{learning.session}/exports")
    assert response.status_code == 302
    export = db.session.scalar(sa.select(ExportJob))
    assert export.status == "done" and export.rows == 1  # the queue runs jobs inline in tests
    download = client.get(f"/sessions/{learning.session}/exports/{export.id}")
    assert download.status_code == 200
    lines = download.get_data(as_text=True).splitlines()
    assert lines[0].startswith("nom,email,inscription,etapes_terminees,etapes_total,pourcentage")
    assert lines[1].startswith("Léa Apprenante,lea@example.org,") and ",1,4,25," in lines[1]
    # another session's facilitator cannot fetch it
    login(learning.other_facilitator)
    assert client.get(f"/sessions/{learning.session}/exports/{export.id}").status_code == 403


def test_csv_cells_cannot_carry_formulas(learning, create_user, enrol):
    from paths.dashboard import write_csv
    from paths.models import CourseSession

    enrol(create_user("evil@example.org", "=HYPERLINK(\"http://x\")"), learning.session)
    out = io.StringIO()
    write_csv(db.session.get(CourseSession, learning.session), out)
    assert "'=HYPERLINK" in out.getvalue()


def test_announcements_reach_learners_and_the_outbox(learning, client, login, enrol):
    from paths.models import OutboxEmail

    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.other_session)
    login(learning.facilitator)
    response = client.post(f"/sessions/{learning.session}/annonces",
                           data={"title": "Séance en visio", "body": "Jeudi à **18 h**."})
    assert response.status_code == 302
    mails = list(db.session.scalars(sa.select(OutboxEmail)))
    assert [m.to_email for m in mails] == ["lea@example.org"]
    assert mails[0].subject == "[Printemps] Séance en visio" and mails[0].sent_dt is None
    login(learning.learner)
    page = client.get(f"/sessions/{learning.session}").get_data(as_text=True)
    assert "Séance en visio" in page and "<strong>18 h</strong>" in page
    login(learning.facilitator)
    empty = client.post(f"/sessions/{learning.session}/annonces", data={"title": "", "body": ""})
    assert empty.status_code == 422


def test_bulk_enrolment_from_csv_reports_what_it_did(learning, client, login, enrol):
    from paths.models import Enrolment, OutboxEmail, SessionInvitation

    enrol(learning.other_learner, learning.session)
    login(learning.facilitator)
    csv = "email\nlea@example.org\nmarc@example.org\nnouvelle@example.org\npas-une-adresse\nLEA@example.org\n"
    response = client.post(f"/sessions/{learning.session}/inscriptions",
                           data={"file": (io.BytesIO(csv.encode()), "liste.csv")}, content_type="multipart/form-data")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Inscrit·es : 1 — lea@example.org" in text
    assert "Déjà inscrit·es : 1 — marc@example.org" in text
    assert "Invité·es (pas encore de compte) : 1 — nouvelle@example.org" in text
    assert "ligne 5 : pas-une-adresse" in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Enrolment)) == 2
    invitation = db.session.scalar(sa.select(SessionInvitation))
    assert invitation.email == "nouvelle@example.org"
    assert db.session.scalar(sa.select(OutboxEmail.to_email)) == "nouvelle@example.org"


def test_an_invitation_enrols_even_after_the_window(learning, client, login, create_user):
    from paths import service
    from paths.models import CourseSession, OutboxEmail

    session = db.session.get(CourseSession, learning.session)
    session.enrol_closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    login(learning.facilitator)
    assert client.post(f"/sessions/{learning.session}/invitations", data={"email": "Zoe@Example.org"}).status_code \
        == 302
    body = db.session.scalar(sa.select(OutboxEmail.body))
    token = body.split("/sessions/invitation/")[1].split()[0]
    zoe = create_user("zoe@example.org", "Zoé")
    login(zoe)
    assert client.get(f"/sessions/invitation/{token}").status_code == 200
    assert client.post(f"/sessions/invitation/{token}").status_code == 302
    assert service.enrolment_of(db.session.get(CourseSession, learning.session), zoe).is_active
    assert client.get("/sessions/invitation/forged-token").status_code == 404


def test_a_facilitator_of_one_session_cannot_see_another_sessions_learners(learning, client, login, enrol):
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.other_session)
    login(learning.other_facilitator)
    mine = client.get(f"/sessions/{learning.other_session}/tableau-de-bord")
    assert mine.status_code == 200 and "Marc Voisin" in mine.get_data(as_text=True)
    assert "Léa Apprenante" not in mine.get_data(as_text=True)
    assert client.get(f"/sessions/{learning.session}/tableau-de-bord").status_code == 403
    assert client.get(f"/api/v1/sessions/{learning.session}/xapi").status_code == 403
    assert client.post(f"/sessions/{learning.session}/annonces", data={"title": "x", "body": "y"}).status_code == 403


def test_xapi_export_of_a_session(learning, client, login, enrol, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("xapi-0000001", learning.steps[0], "opened", {}),
                ("xapi-0000002", learning.steps[1], "video", {"segments": [[0, 40]]}),
                ("xapi-0000003", learning.steps[2], "done", {}))
    login(learning.facilitator)
    response = client.get(f"/api/v1/sessions/{learning.session}/xapi?limit=2")
    assert response.status_code == 200
    statements = response.json["statements"]
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in statements] == ["experienced", "progressed"]
    assert statements[0]["actor"]["mbox"] == "mailto:lea@example.org"
    assert statements[0]["object"]["id"].endswith(f"/sessions/{learning.session}/etapes/{learning.steps[0]}")
    assert statements[1]["result"]["extensions"]["https://w3id.org/xapi/video/extensions/progress"] == 0.4
    rest = client.get(response.json["more"]).json
    assert [s["verb"]["display"]["en-US"] for s in rest["statements"]] == ["completed"]
    assert rest["more"] is None
    again = client.get(f"/api/v1/sessions/{learning.session}/xapi").json["statements"]
    assert again[0]["id"] == statements[0]["id"]  # stable ids: an LRS ignores a resend


def test_lrs_push_sends_each_statement_once(learning, enrol, send_events, monkeypatch, app):
    from paths import tasks

    sent = []

    class Answer:
        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

    def fake_urlopen(request, timeout):
        import json

        sent.extend(json.loads(request.data))
        return Answer()

    monkeypatch.setattr(tasks.urllib.request, "urlopen", fake_urlopen)
    monkeypatch.setenv("TERREAU_LRS_URL", "https://lrs.example/xapi")
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("lrs-00000001", learning.steps[0], "opened", {}))
    assert len(sent) == 1  # pushed by the job queued after the batch (inline in tests)
    assert tasks.push_pending_statements() == 0


def test_editors_set_up_a_session_with_its_release_schedule(learning, client, login):
    from paths.models import CourseSession

    login(learning.editor)
    form = {"title": "Session d'été", "enrol_opens_at": "2030-05-01T08:00", "enrol_closes_at": "2030-06-01T08:00",
            "opens_at": "2030-06-01T08:00", "closes_at": "2030-12-01T08:00", "capacity": "40",
            f"offset_{learning.sequences[1]}": "14", "facilitator_ids": [str(learning.facilitator.id)]}
    response = client.post(f"/parcours/{learning.course}/sessions/nouvelle", data=form)
    assert response.status_code == 302
    session = db.session.scalar(sa.select(CourseSession).where(CourseSession.title == "Session d'été"))
    sequence = next(s for s in session.course.sequences if s.id == learning.sequences[1])
    assert session.release_date(sequence) == session.opens_at + timedelta(days=14)
    assert session.capacity == 40 and [f.id for f in session.facilitators] == [learning.facilitator.id]
    bad = client.post(f"/parcours/{learning.course}/sessions/nouvelle", data={**form, "closes_at": "2030-01-01T08:00"})
    assert bad.status_code == 422 and "La clôture doit suivre l&#39;ouverture." in bad.get_data(as_text=True)
    login(learning.facilitator)
    assert client.get(f"/sessions/{session.id}/modifier").status_code == 403


def test_learners_who_left_do_not_count_on_the_dashboard(learning, client, login, enrol, send_events):
    from paths import service
    from paths.models import Enrolment

    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session, ("left-0000001", learning.steps[0], "opened", {}),
                ("left-0000002", learning.steps[1], "video", {"segments": [[0, 100]]}))
    service.unenrol(db.session.scalar(sa.select(Enrolment).where(Enrolment.user_id == learning.learner.id)))
    db.session.commit()
    login(learning.facilitator)
    text = client.get(f"/sessions/{learning.session}/tableau-de-bord").get_data(as_text=True)
    assert "<strong>0</strong> inscrit·es" in text
    assert "<td>S1. Comprendre</td><td>0</td><td>0 %</td>" in text
