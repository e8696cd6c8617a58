"""Paths feeds the observatory's usage statistics: enrolments, step and course completions, once each, after commit."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def usage_rows():
    from observatory.models import UsageEvent

    db.session.expire_all()
    return db.session.execute(sa.select(UsageEvent.kind, UsageEvent.subject, UsageEvent.resource_id,
                                        UsageEvent.partner_id, UsageEvent.user_id, UsageEvent.source)
                              .order_by(UsageEvent.id)).all()


def kinds():
    return [row.kind.value for row in usage_rows()]


def test_enrolling_through_the_page_records_one_enrolment(learning, client, login):
    login(learning.learner)
    response = client.post(f"/sessions/{learning.session}/inscription")
    assert response.status_code in (302, 303)
    rows = usage_rows()
    assert [(r.kind.value, r.subject, r.partner_id, r.user_id, r.source) for r in rows] == [
        ("enrolment", f"session:{learning.session}", learning.hls, learning.learner.id, "paths")]
    client.post(f"/sessions/{learning.session}/inscription")  # already enrolled: nothing new
    assert kinds() == ["enrolment"]


def test_completions_of_steps_and_of_the_course_are_counted_once(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    step, video, done, last = learning.steps
    batch = [("evt-usage-00001", step, "opened", {}),
             ("evt-usage-00002", video, "video", {"segments": [[0, 100]]}),
             ("evt-usage-00003", done, "done", {}),
             ("evt-usage-00004", last, "opened", {})]
    first = send_events(learning.learner, learning.session, *batch)
    assert sorted(first.json["completed_steps"]) == sorted(learning.steps)
    send_events(learning.learner, learning.session, *batch)  # a retried batch
    send_events(learning.learner, learning.session, ("evt-usage-00005", done, "done", {}))  # done again
    rows = usage_rows()
    completions = sorted(r.subject for r in rows if r.kind.value == "completion")
    assert completions == sorted([f"course:{learning.course}"] + [f"step:{s}" for s in learning.steps])
    assert [r.kind.value for r in rows].count("enrolment") == 1
    video_row = next(r for r in rows if r.subject == f"step:{video}")
    assert video_row.resource_id == learning.resources[0]
    assert {r.partner_id for r in rows} == {learning.hls}


def test_a_rolled_back_enrolment_records_nothing(learning):
    from paths import service
    from paths.models import CourseSession

    service.enrol(db.session.get(CourseSession, learning.session), learning.learner, check_window=False)
    db.session.rollback()
    db.session.commit()
    assert kinds() == []


def test_a_half_watched_video_is_no_completion(learning, enrol, send_events):
    enrol(learning.learner, learning.session)
    send_events(learning.learner, learning.session,
                ("evt-usage-half1", learning.steps[1], "video", {"segments": [[0, 50]]}))
    assert kinds() == ["enrolment"]


def test_the_observatory_statistics_count_what_paths_sent(learning, client, login, enrol, send_events):
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    send_events(learning.learner, learning.session, ("evt-usage-stat1", learning.steps[2], "done", {}))
    login(learning.editor)
    api = client.get("/api/v1/observatory/usage")
    assert api.status_code == 200
    (month,) = api.json["months"]
    assert month["counts"] == {"enrolment": 2, "completion": 1}
    page = client.get("/observatoire/statistiques").get_data(as_text=True)
    assert "Inscriptions" in page and "Complétions" in page
    partner_row = page.split('id="par-partenaire"')[1].split("</tbody>")[0]
    assert "<td>1</td><td>2</td>" in partner_row.replace("\n", "")  # completions, then enrolments
    csv_text = client.get("/observatoire/statistiques.csv").get_data(as_text=True)
    assert f",{learning.resources[1]},Trouver un terrain,completion,1" in csv_text
